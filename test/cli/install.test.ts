/**
 * Installing without cloning: pack the package, install the tarball in an
 * empty folder outside the repository, `scorecard init` a project, install
 * its dependencies and print a PDF, as a user would.
 *
 * The unpublished scope is pointed at a closed port, so any registry lookup of
 * it fails the test. Published dependencies come from npm's cache
 * (`--prefer-offline`): `npm ci` in this repository has just put them there.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {PDFDocument} from 'pdf-lib'
import {afterAll, describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers.js'

const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for its scripts. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
  NO_COLOR: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
}
const offlineScope = ['--prefer-offline', '--@scorecard-reports:registry=http://127.0.0.1:9/']

let temp: string | undefined
afterAll(async () => {
  if (temp) await rm(temp, {recursive: true, force: true})
})

describe('install from a packed tarball', () => {
  it('packs, installs, inits a project that installs its own Scorecard, and builds HTML and PDF', {timeout: 600_000}, async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      name: string
      scripts: Record<string, string>
    }
    // Built before packing, never on the user's machine.
    expect(manifest.scripts.prepack).toBe('npm run build')
    expect(manifest.scripts.prepare).toBeUndefined()

    temp = await mkdtemp(path.join(tmpdir(), 'scorecard-install-'))
    expect(path.relative(repoRoot, temp).startsWith('..')).toBe(true)
    // `npm test` has just built dist/; packing must not rebuild it under the other tests' feet.
    const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], {cwd: repoRoot, env})
    const [info] = JSON.parse(packed.stdout) as {filename: string; files: {path: string}[]}[]
    const shipped = info!.files.map((file) => file.path)
    expect(shipped).toEqual(expect.arrayContaining(['LICENSE', 'bin/scorecard.js', 'dist-cli/cli.js', 'dist-cli/precompiled-templates.cjs', 'dist/index.js', 'dist/render/precompiled-templates.cjs', 'schemas/scorecard-json.schema.json', 'templates/layouts/report.hbs']))
    expect(shipped.some((file) => file.startsWith('src/') || file.startsWith('test/'))).toBe(false)
    const tarball = path.join(temp, info!.filename)

    // A user installs the tarball into a tools folder.
    const tools = path.join(temp, 'tools')
    await run('mkdir', [tools])
    await writeFile(path.join(tools, 'package.json'), '{"private": true}\n')
    const installed = await run(npm, ['install', ...offlineScope, tarball], {cwd: tools, env})
    expect(installed.stderr).not.toMatch(/prepare|install-scripts/)
    const bin = path.join(tools, 'node_modules', '.bin', 'scorecard')

    // init writes a dependency on the tarball it was installed from.
    await run(bin, ['init', '../report', '--as-of', '2026-01-15'], {cwd: tools, env})
    const project = path.join(temp, 'report')
    const pkg = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as {dependencies: Record<string, string>}
    expect(pkg.dependencies).toEqual({[manifest.name]: `file:../${info!.filename}`})

    await run(npm, ['install', ...offlineScope], {cwd: project, env})
    const built = await run(path.join(project, 'node_modules', '.bin', 'scorecard'), ['build', '--format', 'html,pdf'], {cwd: project, env})
    expect(built.stderr).toContain('Wrote out/report.pdf')
    expect((await readdir(path.join(project, 'out'))).filter((name) => !name.startsWith('.')).sort()).toEqual(['report.html', 'report.pdf'])
    const pdf = await readFile(path.join(project, 'out', 'report.pdf'))
    const document = await PDFDocument.load(pdf)
    expect(document.getPageCount()).toBeGreaterThan(2)
    expect(document.getTitle()).toBe('OSCE Chairmanship: Interim Assessment')
    expect(existsSync(path.join(project, 'node_modules', ...manifest.name.split('/'), 'schemas', 'scorecard-json.schema.json'))).toBe(true)
  })
})
