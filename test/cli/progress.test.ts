/**
 * Progress: spinners on a TTY, plain lines otherwise, nothing with --quiet,
 * and never a byte on stdout.
 */
import {execFile, spawnSync} from 'node:child_process'
import {cp, mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Writable} from 'node:stream'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {createProgress, isInteractive} from '../../src/cli/progress.js'
import {repoRoot} from '../helpers.js'

const bin = path.join(repoRoot, 'bin', 'scorecard.js')

/** A stream that records what is written to it. */
function recorder(isTTY: boolean): Writable & {isTTY: boolean; text: () => string} {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk))
      callback()
    },
  }) as Writable & {isTTY: boolean; text: () => string; columns: number}
  stream.isTTY = isTTY
  stream.columns = 100
  // What ora calls on a TTY stream.
  Object.assign(stream, {cursorTo: () => true, clearLine: () => true, moveCursor: () => true})
  stream.text = () => chunks.join('')
  return stream
}

/** The messages build() logs for a PDF build while it checks: the browser starts meanwhile. */
const launchLog = [
  'Using browser /usr/bin/chromium (found in a usual location)',
  'Chromium sandbox disabled: running as root',
  'Launched browser (pid 1, profile /tmp/x)',
]

/** The messages build() logs for a PDF build after the check, in order. */
const pdfBuildLog = [
  'Rendering 19 priorities and 109 excerpts',
  'Printing PDF…',
  'PDF pass 1 (measuring): 41 pages in 500 ms',
  'PDF pass 2: 42 pages in 800 ms',
  'Printed PDF: 42 pages in 2 passes',
]

async function simulateBuild(options: {quiet?: boolean; verbose?: boolean; interactive?: boolean; isTTY?: boolean; env?: NodeJS.ProcessEnv}) {
  const stream = recorder(options.isTTY ?? false)
  const progress = await createProgress({...options, stream, env: options.env ?? {}})
  progress.start('Checking…', {doneText: 'Checked the project'})
  for (const message of launchLog) progress.buildLog(message)
  progress.buildLog('Checked 132 files')
  for (const message of pdfBuildLog) progress.buildLog(message)
  progress.done()
  return {progress, text: stream.text()}
}

describe('isInteractive', () => {
  it('spins only on a TTY, outside CI, with a capable terminal', () => {
    expect(isInteractive({isTTY: true}, {})).toBe(true)
    expect(isInteractive({isTTY: false}, {})).toBe(false)
    expect(isInteractive({}, {})).toBe(false)
    expect(isInteractive({isTTY: true}, {CI: 'true'})).toBe(false)
    expect(isInteractive({isTTY: true}, {CI: '1'})).toBe(false)
    expect(isInteractive({isTTY: true}, {CI: 'false'})).toBe(true)
    expect(isInteractive({isTTY: true}, {TERM: 'dumb'})).toBe(false)
    // A pseudo-terminal without a size: ora would clear lines forever.
    expect(isInteractive({isTTY: true, columns: 0}, {})).toBe(false)
    expect(isInteractive({isTTY: true, columns: 80}, {})).toBe(true)
  })
})

describe('progress', () => {
  it('prints plain stage lines without a TTY', async () => {
    const {progress, text} = await simulateBuild({})
    expect(progress.interactive).toBe(false)
    expect(text).toBe(['Checked 132 files', 'Rendering 19 priorities and 109 excerpts', 'Printing PDF…', 'Printed PDF: 42 pages in 2 passes', ''].join('\n'))
  })

  it('prints plain lines with CI=true even on a TTY', async () => {
    const {progress, text} = await simulateBuild({isTTY: true, env: {CI: 'true'}})
    expect(progress.interactive).toBe(false)
    expect(text).not.toMatch(/\u001B\[/)
    expect(text).toContain('Printed PDF: 42 pages in 2 passes\n')
  })

  it('adds every detail with --verbose', async () => {
    const {text} = await simulateBuild({verbose: true})
    for (const message of [...launchLog, ...pdfBuildLog]) expect(text).toContain(`${message}\n`)
    expect(text.match(/Printing PDF…/g)).toHaveLength(1)
    expect(text.match(/Rendering 19 priorities/g)).toHaveLength(1)
    expect(text.match(/Printed PDF/g)).toHaveLength(1)
  })

  it('prints nothing with --quiet, verbose or not', async () => {
    expect((await simulateBuild({quiet: true})).text).toBe('')
    expect((await simulateBuild({quiet: true, verbose: true, isTTY: true})).text).toBe('')
  })

  it('spins on a TTY and leaves a ✔ line per finished stage', async () => {
    const {progress, text} = await simulateBuild({isTTY: true, env: {NO_COLOR: '1'}})
    expect(progress.interactive).toBe(true)
    // The recorder ignores cursor moves, so spinner frames stay in the text; the ✔ lines follow them.
    const plain = text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '')
    expect(plain).toContain('✔ Checked 132 files\n')
    expect(plain).toContain('✔ Rendered 19 priorities and 109 excerpts\n')
    expect(plain).toContain('✔ Printed PDF: 42 pages in 2 passes\n')
    expect(plain).toContain('Printing PDF…')
    expect(text).not.toContain('Using browser')
  })

  it('falls back to "Checked the project" when build logs no file count', async () => {
    const stream = recorder(false)
    const progress = await createProgress({stream, env: {}})
    progress.start('Checking…', {doneText: 'Checked the project'})
    progress.buildLog('Rendering 2 priorities and 3 excerpts')
    progress.done()
    expect(stream.text()).toBe('Checked the project\nRendering 2 priorities and 3 excerpts\n')
  })
})

describe('progress in the CLI (real binary)', () => {
  async function example(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-progress-'))
    for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report', 'assets', 'editions']) await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
    return dir
  }

  it('keeps stdout empty for build and pure JSON for check --format json', async () => {
    const dir = await example()
    const exec = promisify(execFile)
    const built = await exec(process.execPath, [bin, 'build', '--format', 'html,json'], {cwd: dir, env: {...process.env, CI: 'true'}})
    expect(built.stdout).toBe('')
    expect(built.stderr).toMatch(/^Rendering \d+ priorities/m)
    expect(built.stderr).toContain('Wrote out/report.html')
    const quiet = await exec(process.execPath, [bin, 'build', '--quiet'], {cwd: dir, env: {...process.env, CI: 'true'}})
    expect(quiet.stderr).toBe('')
    const checked = await exec(process.execPath, [bin, 'check', '--format', 'json'], {cwd: dir})
    // A copy of the example has no ../shared/sources beside it: its sources are "not verified" (info), nothing worse.
    const messages = JSON.parse(checked.stdout) as {severity: string; ruleId: string}[]
    expect(messages.filter((message) => message.severity !== 'info')).toEqual([])
    expect(new Set(messages.map((message) => message.ruleId))).toEqual(new Set(messages.length > 0 ? ['source-not-verified'] : []))
  })

  // `script` gives the CLI a real pseudo-terminal, so the spinner path runs end to end.
  const hasScript = spawnSync('script', ['--version']).status === 0
  it.skipIf(!hasScript)('shows ✔ stage lines on a terminal', async () => {
    const dir = await example()
    const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', TERM: 'xterm'}
    delete env.CI
    const command = `stty cols 100 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} build`
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {cwd: dir, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 1024 * 1024})
    const text = result.stdout.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '')
    expect(result.status).toBe(0)
    expect(text).toMatch(/✔ Checked \d+ files/)
    expect(text).toMatch(/✔ Rendered \d+ priorities/)
    expect(text).not.toContain('\u001B[36m')
    expect(text).toContain('Wrote out/report.html')
  })
})
