/**
 * `scorecard doctor`, with the real browser, without one, and with one that
 * will not start.
 */
import {chmod, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findBrowser} from '../../src/print/browser.js'
import {formatDoctorReport, runDoctor, type DoctorReport} from '../../src/author/doctor.js'
import {authorProject} from '../author-helpers.js'
import {repoRoot, runCli} from '../helpers.js'

const bin = path.join(repoRoot, 'bin', 'scorecard.js')

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{code: number; stdout: string; stderr: string}> {
  return runCli(args, cwd, env)
}

function byId(report: DoctorReport, id: string) {
  return report.checks.find((entry) => entry.id === id)
}

async function emptyDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'scorecard-doctor-'))
}

describe('doctor', () => {
  it('with the browser: finds it, reads its version, starts it, prints; exit 0', async () => {
    const report = await runDoctor({dir: await emptyDir()})
    expect(byId(report, 'node')).toMatchObject({status: 'ok'})
    expect(byId(report, 'browser')).toMatchObject({status: 'ok', message: `Browser: ${findBrowser().path} (found in a usual location)`})
    expect(byId(report, 'browser-version')?.message).toMatch(/Browser version: .*(Chrom|Edge)/)
    expect(byId(report, 'browser-launch')).toMatchObject({status: 'ok'})
    expect(byId(report, 'browser-launch')?.message).toMatch(/test page: 1 page/)
    expect(byId(report, 'sandbox')?.message).toMatch(/^Sandbox: (on|off \(.+\))/)
    expect(byId(report, 'fonts')).toMatchObject({status: 'ok'})
    expect(byId(report, 'project')).toMatchObject({status: 'info'})
    expect(report).toMatchObject({pdfReady: true, exitCode: 0})
    expect(formatDoctorReport(report)).toMatch(/PDF output: ready\.$/)
  })

  it('without a browser (CHROME_PATH points at nothing): says why and how to fix it; exit 4', async () => {
    const report = await runDoctor({dir: await emptyDir(), env: {...process.env, CHROME_PATH: '/nonexistent/chrome'}})
    const browser = byId(report, 'browser')!
    expect(browser.status).toBe('fail')
    expect(browser.message).toContain('No browser executable at /nonexistent/chrome (from the CHROME_PATH environment variable)')
    expect(browser.hint).toContain('apt-get install chromium')
    expect(byId(report, 'browser-launch')).toBeUndefined()
    expect(report).toMatchObject({pdfReady: false, exitCode: 4})
    expect(formatDoctorReport(report)).toContain('PDF output: not possible')
  })

  it('with a browser that will not start: exit 5', async () => {
    const dir = await emptyDir()
    const fake = path.join(dir, 'fake-chrome')
    await writeFile(fake, '#!/bin/sh\necho "this is not a browser" >&2\nexit 1\n')
    await chmod(fake, 0o755)
    const report = await runDoctor({dir, browserPath: fake, timeoutMs: 10_000})
    expect(byId(report, 'browser')).toMatchObject({status: 'ok'})
    expect(byId(report, 'browser-version')).toMatchObject({status: 'warn'})
    expect(byId(report, 'browser-launch')).toMatchObject({status: 'fail'})
    expect(byId(report, 'browser-launch')?.message).toContain('did not start')
    expect(report).toMatchObject({pdfReady: false, exitCode: 5})
  })

  it('reports an old Node.js and a project with errors; exit 1', async () => {
    const dir = await authorProject('preview', [{file: 'priorities/media.md', replace: 'status: stalled', with: 'status: stalld'}])
    const report = await runDoctor({dir, launch: false, nodeVersion: '18.20.4'})
    expect(byId(report, 'node')).toMatchObject({status: 'fail', message: 'Node.js 18.20.4 is too old (needs ≥ 20.19)'})
    expect(byId(report, 'project')).toMatchObject({status: 'fail'})
    expect(byId(report, 'project')?.message).toContain('5 files, 1 error, 1 warning')
    expect(report.exitCode).toBe(1)
    expect(formatDoctorReport(report)).toContain('a build would stop')
    expect(byId(await runDoctor({dir, launch: false, nodeVersion: '20.19.0'}), 'node')?.status).toBe('ok')
  })

  it('real binary: exit 4 without a browser, and --json on stdout', async () => {
    const dir = await emptyDir()
    const missing = await run(['doctor', '--no-launch'], dir, {CHROME_PATH: '/nonexistent/chrome'})
    expect(missing.code).toBe(4)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toContain('✖ Browser: No browser executable at /nonexistent/chrome')
    expect(missing.stderr).toContain('  hint: ')

    const json = await run(['doctor', '--no-launch', '--json'], dir)
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout) as DoctorReport
    expect(report.pdfReady).toBe(true)
    expect(report.checks.map((entry) => entry.id)).toEqual(['node', 'browser', 'browser-version', 'sandbox', 'fonts', 'project'])
  })
})
