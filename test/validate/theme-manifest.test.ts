/**
 * A theme's theme.json is checked by `check` (and so by build and preview,
 * which check first): every problem a diagnostic at theme.json's line and
 * column, with a registered rule id and a hint; a good theme.json none.
 */
import {execFileSync} from 'node:child_process'
import {cp, mkdir, mkdtemp, readFile, symlink, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {createSession} from '../../src/preview/session.js'
import {readThemeManifest} from '../../src/render/theme-manifest.js'
import type {VFile} from 'vfile'
import {project, repoRoot, runCli} from '../helpers.js'

const manifest = path.join('themes', 'mine', 'theme.json')

/** The minimal fixture with `theme: ./themes/mine`, whose theme.json is `text` (none when undefined). */
async function themed(text: string | undefined, setUp: (theme: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await project('minimal', [
    {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: ./themes/mine'},
    {file: 'themes/mine/styles/theme.css', write: '.mine{}'},
    ...(text === undefined ? [] : [{file: manifest, write: text}]),
  ])
  await setUp(path.join(dir, 'themes', 'mine'))
  return dir
}

/** `path:line:column ruleId` of every message, each with its hint checked to be there. */
function diagnostics(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.map((message) => {
      expect(message.note, `${message.reason} has a hint`).toBeTruthy()
      expect(message.url).toMatch(/docs\/rules\.md#/)
      return `${file.path}:${message.line}:${message.column} ${message.ruleId}`
    }),
  )
}

async function checked(dir: string): Promise<string[]> {
  const result = await check(dir, {cwd: dir})
  expect(result.ok).toBe(false)
  return diagnostics(result.files)
}

/** A font package installed in the theme's own node_modules, its face a copy of a real woff2 file. */
async function themeFont(theme: string, name = 'theme-serif'): Promise<string> {
  const face = createRequire(import.meta.url).resolve('@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2')
  const dir = path.join(theme, 'node_modules', name)
  await mkdir(path.join(dir, 'fonts'), {recursive: true})
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({name, version: '1.0.0'}))
  await cp(face, path.join(dir, 'fonts', 'regular.woff2'))
  return dir
}

/** theme.json with one font of one face, written out over lines as people write it. */
function oneFace(face: Record<string, unknown>, font: Record<string, unknown> = {}): string {
  return JSON.stringify({fonts: [{role: 'body', family: 'Theme Serif', package: 'theme-serif', faces: [{file: 'fonts/regular.woff2', weight: 400, style: 'normal', ...face}], ...font}]}, null, 2)
}

describe('check: a theme.json', () => {
  const cases: {name: string; text: string; setUp?: (theme: string) => Promise<void>; expected: string[]}[] = [
    {name: 'with a trailing comma (not JSON)', text: '{\n  "logo": "logo.png",\n}\n', expected: [`${manifest}:3:1 json-syntax`]},
    {name: 'with a trailing comma in a list', text: '{\n  "fonts": [\n    {"role": "body"},\n  ]\n}\n', expected: [`${manifest}:3:21 json-syntax`]},
    {name: 'with a comment', text: '{\n  "logo": "logo.png" # mine\n}\n', expected: [`${manifest}:2:22 json-syntax`]},
    {name: 'with single quotes', text: "{\n  'logo': 'logo.png'\n}\n", expected: [`${manifest}:2:3 json-syntax`]},
    {name: 'that ends early', text: '{\n  "logo": "logo.png"\n', expected: [`${manifest}:3:1 json-syntax`]},
    {name: 'that is not an object', text: '[]\n', expected: [`${manifest}:1:1 invalid-type`]},
    {name: 'with an unknown key', text: '{\n  "fonts": [],\n  "logos": "logo.png"\n}\n', expected: [`${manifest}:3:3 unknown-field`]},
    {name: 'with a key twice', text: '{\n  "fonts": [],\n  "fonts": []\n}\n', expected: [`${manifest}:3:3 duplicate-key`]},
    {name: 'with a weight as text', text: oneFace({weight: '400'}), expected: [`${manifest}:10:21 invalid-type`]},
    {name: 'with a role that is none', text: oneFace({}, {role: 'footer'}), expected: [`${manifest}:4:15 invalid-field`]},
    {name: 'with a face without its style', text: oneFace({style: undefined}), expected: [`${manifest}:8:9 missing-field`]},
    {name: 'with a face that is not woff2', text: oneFace({file: 'fonts/regular.ttf'}), expected: [`${manifest}:9:19 invalid-field`]},
    {name: 'with a face outside its package', text: oneFace({file: '../other/regular.woff2'}), expected: [`${manifest}:9:19 invalid-field`]},
    {name: 'naming a font nobody installed', text: oneFace({}), expected: [`${manifest}:9:19 font-not-found`]},
    {
      name: 'naming a subset its package does not have',
      text: oneFace({subset: 'klingon'}, {package: '@fontsource/source-sans-3'}).replace('fonts/regular.woff2', 'files/source-sans-3-latin-400-normal.woff2'),
      expected: [`${manifest}:12:21 font-not-found`],
    },
    {
      name: 'naming a font file that is a symbolic link',
      text: oneFace({file: 'fonts/link.woff2'}),
      setUp: async (theme) => symlink('regular.woff2', path.join(await themeFont(theme), 'fonts', 'link.woff2')),
      expected: [`${manifest}:9:19 not-a-regular-file`],
    },
    {
      name: 'naming a font file that is a folder',
      text: oneFace({file: 'fonts/folder.woff2'}),
      setUp: async (theme) => {
        const folder = path.join(await themeFont(theme), 'fonts', 'folder.woff2')
        await mkdir(folder)
        await writeFile(path.join(folder, 'index.js'), '')
      },
      expected: [`${manifest}:9:19 not-a-regular-file`],
    },
    {name: 'naming a logo that is missing', text: '{\n  "logo": "logo.png"\n}\n', expected: [`${manifest}:2:11 missing-file`]},
    {name: 'naming a logo with ..', text: '{\n  "logo": "../../logo.png"\n}\n', expected: [`${manifest}:2:11 invalid-field`]},
    {
      name: 'naming a logo that links outside the theme folder',
      text: '{\n  "logo": "logo.png"\n}\n',
      setUp: (theme) => symlink(path.join(repoRoot, 'assets', 'logo.png'), path.join(theme, 'logo.png')),
      expected: [`${manifest}:2:11 path-outside-project`],
    },
    {
      name: 'naming a logo that is too large',
      text: '{\n  "logo": "logo.png"\n}\n',
      setUp: (theme) => writeFile(path.join(theme, 'logo.png'), Buffer.alloc(6 * 1024 * 1024)),
      expected: [`${manifest}:2:11 file-too-large`],
    },
    {
      name: 'naming an SVG logo',
      text: '{\n  "logo": "logo.svg"\n}\n',
      setUp: (theme) => writeFile(path.join(theme, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'),
      expected: [`${manifest}:2:11 unsupported-image`],
    },
    {
      name: 'naming a logo that is a named pipe',
      text: '{\n  "logo": "logo.png"\n}\n',
      setUp: async (theme) => void execFileSync('mkfifo', [path.join(theme, 'logo.png')]),
      expected: [`${manifest}:2:11 not-a-regular-file`],
    },
    {name: 'naming a remote logo', text: '{\n  "logo": "https://example.org/logo.png"\n}\n', expected: [`${manifest}:2:11 path-outside-project`]},
  ]
  for (const {name, text, setUp, expected} of cases)
    it(name, async () => {
      expect(await checked(await themed(text, setUp))).toEqual(expected)
    })

  it('that is a symbolic link out of the theme folder is not read', async () => {
    const dir = await themed(undefined, (theme) => symlink('/etc/passwd', path.join(theme, 'theme.json')))
    expect(await checked(dir)).toEqual([`${manifest}:1:1 path-outside-project`])
  })

  it('that is a folder, or too large', async () => {
    expect(await checked(await themed(undefined, (theme) => mkdir(path.join(theme, 'theme.json'))))).toEqual([`${manifest}:1:1 not-a-regular-file`])
    expect(await checked(await themed(`{"fonts": []${' '.repeat(1024 * 1024)}}`))).toEqual([`${manifest}:1:1 file-too-large`])
  })

  it('says what is wrong: the message and the hint', async () => {
    const result = await check(await themed('{\n  "fonts": [],\n  "logos": "logo.png"\n}\n'), {})
    const [message] = result.files.flatMap((file) => file.messages)
    expect(message!.reason).toBe('Unknown field "logos" (did you mean "logo"?)')
    expect(message!.note).toBe('Allowed fields here: fonts, logo.')
    const syntax = (await check(await themed('{"fonts": [],}'), {})).files.flatMap((file) => file.messages)[0]!
    expect(syntax.reason).toBe('theme.json is not valid JSON: Expected double-quoted property name in JSON at position 13')
    const font = (await check(await themed(oneFace({})), {})).files.flatMap((file) => file.messages)[0]!
    expect(font.reason).toBe('Font file theme-serif/fonts/regular.woff2 is not installed for the theme, the project or Scorecard')
    expect(font.note).toContain('npm install --save-dev theme-serif')
  })

  it('is checked even where a build would not trust the theme (CI): as data, nothing of it is run', async () => {
    const dir = await themed('{"logo": "logo.png",}')
    const previous = process.env.CI
    process.env.CI = '1'
    try {
      expect(diagnostics((await check(dir, {cwd: dir})).files)).toEqual([`${manifest}:1:21 json-syntax`])
    } finally {
      if (previous === undefined) delete process.env.CI
      else process.env.CI = previous
    }
  })

  it('good ones give no diagnostic: a theme font and logo, compact, the bundled example with compact', async () => {
    const dir = await themed(oneFace({unicodeRange: 'U+0000-00FF'}, {}).replace('{\n  "fonts"', '{\n  "logo": "logo.png",\n  "fonts"'), async (theme) => {
      await themeFont(theme)
      await cp(path.join(repoRoot, 'assets', 'logo.png'), path.join(theme, 'logo.png'))
    })
    const result = await check(dir, {cwd: dir})
    expect(diagnostics(result.files)).toEqual([])
    expect(result.ok).toBe(true)
    const compact = await project('minimal', [{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: compact'}])
    expect(diagnostics((await check(compact, {cwd: compact})).files)).toEqual([])
    const example = await mkdtemp(path.join(tmpdir(), 'scorecard-theme-example-'))
    for (const name of ['scorecard.yml', 'priorities', 'evidence', 'report', 'editions', 'assets']) await cp(path.join(repoRoot, name), path.join(example, name), {recursive: true})
    await writeFile(path.join(example, 'scorecard.yml'), (await readFile(path.join(example, 'scorecard.yml'), 'utf8')).replace(/^lang: en$/m, 'lang: en\ntheme: compact'))
    const exampleResult = await check(example, {cwd: example, strict: true, sources: path.join(repoRoot, '..', 'shared', 'sources')})
    expect(diagnostics(exampleResult.files)).toEqual([])
    expect(exampleResult.ok).toBe(true)
  }, 60_000)
})

describe('a bad theme.json in the CLI, build and preview', () => {
  it('scorecard check prints it at its line and column and exits 1', async () => {
    const dir = await themed('{\n  "fonts": [],\n  "logos": "logo.png"\n}\n')
    const result = await runCli(['check', dir], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${manifest}:3:3 error Unknown field "logos" (did you mean "logo"?) [unknown-field]\n  hint: Allowed fields here: fonts, logo.`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('build stops at the same diagnostics, writing nothing', async () => {
    const dir = await themed(oneFace({}))
    const result = await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})
    expect(result.ok).toBe(false)
    expect(result.written).toEqual([])
    expect(diagnostics(result.files)).toEqual([`${manifest}:9:19 font-not-found`])
    const cli = await runCli(['build', dir, '--format', 'html'], dir)
    expect(cli.code).toBe(1)
    expect(cli.stdout + cli.stderr).toContain(`${manifest}:9:19 error Font file theme-serif/fonts/regular.woff2 is not installed for the theme, the project or Scorecard [font-not-found]`)
    expect(cli.stdout + cli.stderr).not.toContain('TEMPLATE_ERROR')
  })

  it("the layout, used alone, refuses it with check's first diagnostic", () => {
    return themed(oneFace({})).then((dir) => {
      expect(() => readThemeManifest(path.join(dir, 'themes', 'mine'), dir)).toThrow(
        expect.objectContaining({code: 'TEMPLATE_ERROR', message: expect.stringMatching(/theme\.json:9:19: Font file theme-serif\/fonts\/regular\.woff2 is not installed .* \[font-not-found\]$/)}),
      )
    })
  })

  it('the preview shows it among the diagnostics', async () => {
    // The preview uses a project theme only where templates are trusted: not in CI, unless told to.
    const previous = process.env.SCORECARD_TRUST_TEMPLATES
    process.env.SCORECARD_TRUST_TEMPLATES = '1'
    try {
      const dir = await themed('{\n  "logo": "logo.png",\n}\n')
      const session = createSession(dir, {cwd: dir})
      const update = await session.update()
      expect(update.errors).toBe(1)
      expect(diagnostics(update.files)).toEqual([`${manifest}:3:1 json-syntax`])
      // Fixed, the next update has none.
      await writeFile(path.join(dir, manifest), '{}\n')
      const fixed = await session.update()
      expect(diagnostics(fixed.files)).toEqual([])
      expect(fixed.html).toContain('.mine{}')
    } finally {
      if (previous === undefined) delete process.env.SCORECARD_TRUST_TEMPLATES
      else process.env.SCORECARD_TRUST_TEMPLATES = previous
    }
  })
})

