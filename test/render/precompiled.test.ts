/**
 * The default templates precompiled at build time (src/render/precompiled.ts):
 * the same bytes as compiling them at run time, for the bundled example, a
 * project with overrides and a theme; a source that differs from the
 * default's is compiled, so its change shows; a missing or rejected module
 * means compiling. And the built package (dist/, dist-cli/) carries the
 * module and loads it.
 */
import {execFile} from 'node:child_process'
import {cp, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import Handlebars from 'handlebars'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/index.js'
import {builtPrecompiled, precompiledFileName, readPrecompiled, type PrecompiledTemplates} from '../../src/render/precompiled.js'
import {defaultTemplatesModule, loadTemplates, usePrecompiledTemplates} from '../../src/render/templates.js'
import {project, repoRoot} from '../helpers.js'

const sources = path.join(repoRoot, '..', 'shared', 'sources')
const defaults = path.join(repoRoot, 'templates')
const compactTheme = path.join(repoRoot, 'themes', 'compact')
let specs: PrecompiledTemplates
let temp: string

beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'scorecard-precompiled-'))
  const file = path.join(temp, precompiledFileName)
  await writeFile(file, defaultTemplatesModule())
  specs = readPrecompiled(file)!
})
afterAll(() => usePrecompiledTemplates(undefined))

/** report.html of a build of `dir`, with the precompiled templates `using` (undefined: none). */
async function reportHtml(dir: string, using: PrecompiledTemplates | undefined, trustTemplates?: boolean): Promise<Buffer> {
  usePrecompiledTemplates(using)
  const out = await mkdtemp(path.join(temp, 'out-'))
  const result = await build(dir, {cwd: dir, out, formats: ['html'], sources, trustTemplates})
  expect(result.ok).toBe(true)
  return readFile(path.join(out, 'report.html'))
}

/** A copy of the bundled example, without its templates/ (the defaults themselves). */
async function example(): Promise<string> {
  const dir = await mkdtemp(path.join(temp, 'example-'))
  for (const name of ['scorecard.yml', 'priorities', 'evidence', 'report', 'editions', 'assets']) await cp(path.join(repoRoot, name), path.join(dir, name), {recursive: true})
  return dir
}

describe('precompiled default templates', () => {
  it('hold every default partial and the layout, keyed by source', () => {
    expect(specs.size).toBe(17)
    usePrecompiledTemplates(specs)
    const precompiled = loadTemplates(undefined)
    expect(precompiled.precompiled).toBe(17)
    // The bundled example's templates/ is the defaults' folder: the same sources, so the same specs.
    expect(loadTemplates(defaults).precompiled).toBe(17)
    usePrecompiledTemplates(undefined)
    const compiled = loadTemplates(undefined)
    expect(compiled.precompiled).toBe(0)
    // Whether the layout may use stand-ins, read from the build's flags or found by parsing: the same answer.
    expect(precompiled.slotted).toBe(true)
    expect(compiled.slotted).toBe(true)
  })

  it('render the bundled example to the same bytes as templates compiled at run time', async () => {
    const dir = await example()
    const precompiled = await reportHtml(dir, specs)
    const compiled = await reportHtml(dir, undefined)
    expect(precompiled.length).toBeGreaterThan(100_000)
    expect(precompiled.equals(compiled)).toBe(true)
  }, 120_000)

  it('leave a project override that differs from the default to the run-time compile: its change shows, in the same bytes both ways', async () => {
    const badge = await readFile(path.join(defaults, 'partials', 'badge.hbs'), 'utf8')
    const priority = await readFile(path.join(defaults, 'partials', 'priority.hbs'), 'utf8')
    const dir = await project('minimal', [
      {file: 'templates/partials/badge.hbs', write: badge.replace('<span class="status__label">', '<span class="status__label" data-override="badge">')},
      // An unchanged copy of a default: the same text, so the precompiled spec serves it.
      {file: 'templates/partials/priority.hbs', write: priority},
      {file: 'templates/partials/extra.hbs', write: '<p>extra {{x}}</p>'},
    ])
    usePrecompiledTemplates(specs)
    const templates = loadTemplates(path.join(dir, 'templates'))
    expect(templates.precompiled).toBe(16)
    expect(templates.partial('badge', {id: 'met', label: 'Met', symbol: '●'})).toContain('data-override="badge"')
    const precompiled = await reportHtml(dir, specs, true)
    expect(precompiled.toString('utf8')).toContain('<span class="status__label" data-override="badge">')
    expect(precompiled.equals(await reportHtml(dir, undefined, true))).toBe(true)
    // Untrusted (as in CI), the project's templates are not used at all.
    expect((await reportHtml(dir, specs, false)).toString('utf8')).not.toContain('data-override')
  }, 120_000)

  it("compile a theme's own files at run time and render a themed report to the same bytes", async () => {
    usePrecompiledTemplates(specs)
    expect(loadTemplates(undefined, compactTheme).precompiled).toBe(16)
    const dir = await project('minimal', [{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: compact'}])
    const precompiled = await reportHtml(dir, specs)
    expect(precompiled.equals(await reportHtml(dir, undefined))).toBe(true)
  }, 120_000)

  it('are compiled instead when this Handlebars rejects them (another compiler revision)', () => {
    const other = new Map([...specs].map(([key, {spec, slotted}]) => [key, {slotted, spec: {...spec, compiler: [9, '>= 5.0.0']}}]))
    usePrecompiledTemplates(other)
    const templates = loadTemplates(undefined)
    expect(templates.precompiled).toBe(0)
    usePrecompiledTemplates(specs)
    expect(templates.partial('badge', {id: 'met', label: 'Met', symbol: '●'})).toBe(loadTemplates(undefined).partial('badge', {id: 'met', label: 'Met', symbol: '●'}))
  })

  it('are not looked for in src/, and a missing or malformed module reads as none', async () => {
    expect(builtPrecompiled()).toBeUndefined()
    expect(readPrecompiled(path.join(temp, 'missing.cjs'))).toBeUndefined()
    const malformed = path.join(temp, 'malformed.cjs')
    await writeFile(malformed, `exports.handlebars = ${JSON.stringify(Handlebars.VERSION)}; exports.templates = {abc: {slotted: 'yes'}};\n`)
    expect(readPrecompiled(malformed)).toBeUndefined()
    // Generated by another Handlebars than the installed one.
    const otherVersion = path.join(temp, 'other-version.cjs')
    await writeFile(otherVersion, defaultTemplatesModule().replace(/^exports\.handlebars = .*$/m, 'exports.handlebars = "4.0.0";'))
    expect(readPrecompiled(otherVersion)).toBeUndefined()
    const broken = path.join(temp, 'broken.cjs')
    await writeFile(broken, 'exports.templates = {\n')
    expect(readPrecompiled(broken)).toBeUndefined()
  })
})

describe('the built package (npm run build)', () => {
  const run = promisify(execFile)

  it('writes the module beside dist/render/templates.js and the CLI bundle, from the current templates', async () => {
    const text = defaultTemplatesModule()
    expect(await readFile(path.join(repoRoot, 'dist', 'render', precompiledFileName), 'utf8'), 'dist/ is out of date: run npm run build').toBe(text)
    expect(await readFile(path.join(repoRoot, 'dist-cli', precompiledFileName), 'utf8')).toBe(text)
    const script = `import('./dist/render/templates.js').then((m) => process.stdout.write(String(m.loadTemplates(undefined).precompiled)))`
    expect((await run(process.execPath, ['-e', script], {cwd: repoRoot})).stdout).toBe('17')
  })

  it('the bundled CLI loads dist-cli/precompiled-templates.cjs when it renders', async () => {
    // A preload that records which files named precompiled-templates.cjs the process requires.
    const hook = path.join(temp, 'hook.cjs')
    await writeFile(
      hook,
      `const Module = require('node:module'); const load = Module._load; const seen = []
Module._load = function (request, parent, isMain) { if (String(request).endsWith('${precompiledFileName}')) seen.push(Module._resolveFilename(request, parent, isMain)); return load.apply(this, arguments) }
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(temp, 'seen.json'))}, JSON.stringify(seen)))\n`,
    )
    const dir = await project('minimal')
    await run(process.execPath, ['--require', hook, path.join(repoRoot, 'bin', 'scorecard.js'), 'build', '--format', 'html', '--out', path.join(temp, 'cli-out')], {cwd: dir, env: {...process.env, NO_COLOR: '1'}})
    expect(JSON.parse(await readFile(path.join(temp, 'seen.json'), 'utf8'))).toEqual([path.join(repoRoot, 'dist-cli', precompiledFileName)])
  }, 60_000)
})
