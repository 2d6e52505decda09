/**
 * `scorecard init`: the scaffold builds as it is and passes check --strict.
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {editorSchemas, serializeSchema} from '../../src/author/editor-schemas.js'
import {build, check, version} from '../../src/index.js'
import {initProject, scaffoldFiles} from '../../src/author/init.js'
import {detectInstallSource} from '../../src/author/install-source.js'
import {configSchema, type Config} from '../../src/core/schema.js'
import {parse} from 'yaml'
import {repoRoot, runCli} from '../helpers.js'


async function run(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  return runCli(args, cwd)
}

async function emptyDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'scorecard-init-'))
}

describe('scaffoldFiles', () => {
  it('is deterministic for a given as-of date, and lists every promised file', () => {
    const files = scaffoldFiles({asOf: '2026-01-15'})
    expect(scaffoldFiles({asOf: '2026-01-15'})).toEqual(files)
    expect([...files.keys()]).toEqual([
      'scorecard.yml',
      'priorities/police-mission-to-kyrgyzstan.md',
      'evidence/osce-stalls-on-police-mission-to-kyrgyzstan-2010-07-17.md',
      'report/executive-summary.md',
      '.gitignore',
      'package.json',
      'README.md',
      'schemas/scorecard.schema.json',
      'schemas/priority.schema.json',
      'schemas/evidence.schema.json',
      'schemas/prose.schema.json',
      '.vscode/settings.json',
      '.vscode/extensions.json',
    ])
  })

  it('has the dimension of its example priority (the other two commented out: no empty chapters), a five-step scale, and quotes user text safely', () => {
    const yml = scaffoldFiles({asOf: '2026-01-15', title: 'Kazakhstan: OSCE "Chairmanship" 2010', author: '#1 Analyst'}).get('scorecard.yml')!
    expect(yml).toContain('title: \'Kazakhstan: OSCE "Chairmanship" 2010\'')
    expect(yml).toContain('  - name: "#1 Analyst"')
    expect(yml.match(/^ {2}- id: /gm)).toHaveLength(6)
    for (const id of ['politico-military', 'achieved', 'progressing', 'limited', 'stalled', 'setback']) expect(yml).toContain(`  - id: ${id}\n`)
    for (const id of ['economic-environmental', 'human']) expect(yml).toContain(`  # - id: ${id}\n`)
  })

  it('names the office-holder (the title) and a speaker for it, so words shown as its own are checked from the start', () => {
    const yml = scaffoldFiles({asOf: '2026-01-15', title: 'Kazakhstan: OSCE "Chairmanship" 2010'}).get('scorecard.yml')!
    const config = configSchema.parse(parse(yml)) as Config
    expect(config.officeHolder).toEqual({name: 'Kazakhstan: OSCE "Chairmanship" 2010', speakers: ['OSCE Chairman-in-Office']})
    expect(yml).toContain('stated-not-office-holder')
  })

  it('wires the editor: YAML extension settings, the recommendation, and the schemas', () => {
    const files = scaffoldFiles({asOf: '2026-01-15'})
    const settings = JSON.parse(files.get('.vscode/settings.json')!) as {'yaml.schemas': Record<string, string[]>}
    expect(settings['yaml.schemas']).toEqual({'./schemas/scorecard.schema.json': ['scorecard.yml']})
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(files.has(schema.replace(/^\.\//, ''))).toBe(true)
    expect(JSON.parse(files.get('.vscode/extensions.json')!)).toEqual({recommendations: ['redhat.vscode-yaml']})
    expect(files.get('scorecard.yml')!.split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/scorecard.schema.json')
    const schemas = editorSchemas()
    expect(files.get('schemas/priority.schema.json')).toBe(serializeSchema(schemas.priority))
    expect(files.get('schemas/evidence.schema.json')).toBe(serializeSchema(schemas.evidence))
  })

  it('depends on @scorecard-reports/scorecard: this version, or the spec given', () => {
    const pkg = (spec?: string) =>
      JSON.parse(scaffoldFiles({asOf: '2026-01-15', name: 'My Report', ...(spec ? {scorecard: spec} : {})}).get('package.json')!) as {
        name: string
        private: boolean
        dependencies: Record<string, string>
        scripts: Record<string, string>
      }
    expect(pkg()).toMatchObject({name: 'my-report', private: true, dependencies: {'@scorecard-reports/scorecard': `^${version}`}})
    expect(Object.keys(pkg().dependencies)).toEqual(['@scorecard-reports/scorecard'])
    expect(pkg().scripts.build).toBe('scorecard build')
    expect(pkg('file:../scorecard').dependencies['@scorecard-reports/scorecard']).toBe('file:../scorecard')
  })

  it('detects where Scorecard was installed from: tarball, git, registry, or the folder itself', async () => {
    const root = await emptyDir()
    const installer = path.join(root, 'tools')
    const installed = path.join(installer, 'node_modules', '@scorecard-reports', 'scorecard')
    await mkdir(installed, {recursive: true})
    await writeFile(path.join(root, 'scorecard-reports-scorecard-0.1.0.tgz'), 'not really a tarball')
    const lock = async (entry: object) =>
      writeFile(path.join(installer, 'node_modules', '.package-lock.json'), JSON.stringify({packages: {'node_modules/@scorecard-reports/scorecard': entry}}))
    const project = path.join(root, 'report')

    await lock({version: '0.1.0', resolved: 'file:../scorecard-reports-scorecard-0.1.0.tgz'})
    expect(detectInstallSource(project, installed)).toEqual({kind: 'tarball', spec: 'file:../scorecard-reports-scorecard-0.1.0.tgz'})
    expect(detectInstallSource(path.join(root, 'a', 'b'), installed).spec).toBe('file:../../scorecard-reports-scorecard-0.1.0.tgz')
    await lock({resolved: 'git+ssh://git@github.com/scorecard-reports/scorecard.git#0123456789abcdef0123456789abcdef01234567'})
    expect(detectInstallSource(project, installed)).toEqual({
      kind: 'git',
      spec: 'git+ssh://git@github.com/scorecard-reports/scorecard.git#0123456789abcdef0123456789abcdef01234567',
    })
    await lock({resolved: 'https://registry.npmjs.org/@scorecard-reports/scorecard/-/scorecard-0.1.0.tgz'})
    expect(detectInstallSource(project, installed)).toEqual({kind: 'registry', spec: `^${version}`})
    // A tarball since deleted, or no lockfile at all (a global install): the installed folder.
    await lock({resolved: 'file:../gone.tgz'})
    expect(detectInstallSource(project, installed)).toEqual({kind: 'folder', spec: 'file:../tools/node_modules/@scorecard-reports/scorecard'})
    await rm(path.join(installer, 'node_modules', '.package-lock.json'))
    expect(detectInstallSource(project, installed).kind).toBe('folder')
    // A checkout: the checkout itself.
    expect(detectInstallSource(project, path.join(root, 'scorecard'))).toEqual({kind: 'folder', spec: 'file:../scorecard'})
  })

  it('refuses an invalid as-of date', () => {
    expect(() => scaffoldFiles({asOf: '2026-02-30'})).toThrow(/Invalid --as-of/)
    expect(() => scaffoldFiles({asOf: '2026-02'})).toThrow(/Invalid --as-of/)
  })
})

describe('init then build', () => {
  it('passes check --strict and builds, through the library', async () => {
    const dir = path.join(await emptyDir(), 'new-report')
    const result = await initProject(dir, {asOf: '2026-01-15', title: 'Test Chairmanship'})
    expect(result.written).toHaveLength(13)
    expect(result.overwritten).toEqual([])

    const checked = await check(dir, {strict: true, cwd: dir})
    expect(checked.files.flatMap((file) => file.messages.map(String))).toEqual([])
    expect(checked.ok).toBe(true)

    const built = await build(dir, {formats: ['html', 'json'], cwd: dir})
    expect(built.ok).toBe(true)
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).toContain('Test Chairmanship')
    expect(html).toContain('Police mission to Kyrgyzstan')
    const json = JSON.parse(await readFile(path.join(dir, 'out', 'scorecard.json'), 'utf8')) as {priorities: {id: string; evidence: string[]}[]}
    expect(json.priorities).toEqual([
      expect.objectContaining({id: 'police-mission-to-kyrgyzstan', evidence: ['osce-stalls-on-police-mission-to-kyrgyzstan-2010-07-17']}),
    ])
  })

  it('works with the real binary: init, then build and check --strict in the new folder', async () => {
    const parent = await emptyDir()
    const created = await run(['init', 'my-report', '--title', 'Binary Test', '--as-of', '2026-01-15'], parent)
    expect(created.code).toBe(0)
    expect(created.stdout).toBe('')
    expect(created.stderr).toContain('Created my-report/scorecard.yml')
    expect(created.stderr).toContain('cd my-report && npm install')

    const dir = path.join(parent, 'my-report')
    const strict = await run(['check', '--strict'], dir)
    expect(strict.stderr).toMatch(/^Checked 4 files: no problems\.$/m)
    expect(strict.code).toBe(0)
    const built = await run(['build'], dir)
    expect(built.code).toBe(0)
    expect(built.stderr).toContain('Wrote out/report.html')
    expect(existsSync(path.join(dir, 'out', 'scorecard.json'))).toBe(true)
  })

  it('refuses to overwrite, naming the files, and writes nothing; --force replaces only scaffold files', async () => {
    const dir = await emptyDir()
    await mkdir(path.join(dir, 'priorities'))
    await writeFile(path.join(dir, 'scorecard.yml'), 'mine\n')
    await writeFile(path.join(dir, 'priorities', 'police-mission-to-kyrgyzstan.md'), 'mine too\n')
    await writeFile(path.join(dir, 'notes.txt'), 'keep me\n')

    const refused = await run(['init'], dir)
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('Not overwriting existing files')
    expect(refused.stderr).toContain('scorecard.yml, priorities/police-mission-to-kyrgyzstan.md.')
    expect(refused.stderr).toContain('--force')
    expect(await readFile(path.join(dir, 'scorecard.yml'), 'utf8')).toBe('mine\n')
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false)

    const forced = await run(['init', '--force', '--as-of', '2026-01-15'], dir)
    expect(forced.code).toBe(0)
    expect(forced.stderr).toContain('Replaced scorecard.yml')
    expect(forced.stderr).toContain('Created package.json')
    expect(await readFile(path.join(dir, 'scorecard.yml'), 'utf8')).toContain('dimensions:')
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n')
    expect((await run(['check', '--strict'], dir)).code).toBe(0)
  })

  it('exits 2 on an invalid --as-of', async () => {
    const dir = await emptyDir()
    const result = await run(['init', '--as-of', 'yesterday'], dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Invalid --as-of "yesterday"')
    expect(existsSync(path.join(dir, 'scorecard.yml'))).toBe(false)
  })
})
