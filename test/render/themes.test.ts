/**
 * Themes: `theme:` in scorecard.yml picks a shipped theme, a folder of the
 * project or an npm package; the project's templates/ still wins. Both
 * shipped themes build the bundled English example and pass axe (WCAG 2.1
 * AA) in real Chromium; the default is covered by a11y.test.ts as well.
 */
import {execFileSync} from 'node:child_process'
import {cp, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser, launchArgs, sandboxDecision} from '../../src/print/browser.js'
import {build, check} from '../../src/index.js'
import {project, repoRoot} from '../helpers.js'
import {expectScanMatchesPdfjs} from '../print/pdf-helpers.js'

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
let browser: Browser

/** A copy of the bundled example with `theme` set (none for the default). */
async function example(theme: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-theme-'))
  for (const name of ['scorecard.yml', 'priorities', 'evidence', 'report', 'editions', 'assets']) await cp(path.join(repoRoot, name), path.join(dir, name), {recursive: true})
  if (theme !== undefined) {
    const yml = await readFile(path.join(dir, 'scorecard.yml'), 'utf8')
    await writeFile(path.join(dir, 'scorecard.yml'), yml.replace(/^lang: en$/m, `lang: en\ntheme: ${theme}`))
  }
  return dir
}

/** The `@font-face` rules of the HTML as "'family' style weight", each once. */
function fontFaces(html: string): string[] {
  return [...new Set([...html.matchAll(/@font-face \{\s*font-family: ('[^']+')\s*;\s*font-style: (\w+);\s*font-weight: ([\w ]+);/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`))]
}

async function axeViolations(html: string): Promise<string[]> {
  const page = await browser.newPage()
  try {
    await page.setViewport({width: 1200, height: 900})
    await page.setBypassCSP(true)
    await page.setContent(html, {waitUntil: 'load'})
    await page.evaluate(axeSource)
    const result = (await page.evaluate(() =>
      (window as unknown as {axe: {run: (ctx: Document, opts: unknown) => Promise<unknown>}}).axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations'],
      }),
    )) as {violations: {id: string; nodes: {target: string[]}[]}[]}
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
  } finally {
    await page.close()
  }
}

beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: findBrowser().path,
    args: launchArgs(sandboxDecision()),
    userDataDir: await mkdtemp(path.join(tmpdir(), 'scorecard-theme-profile-')),
  })
})

afterAll(async () => {
  await browser?.close()
})

describe('themes', () => {
  for (const theme of ['default', 'compact'])
    it(`${theme}: builds the English example, and axe finds no violation`, async () => {
      const dir = await example(theme)
      const result = await build(dir, {cwd: dir, formats: ['html'], sources: path.join(repoRoot, '..', 'shared', 'sources')})
      expect(result.ok).toBe(true)
      const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
      if (theme === 'compact') {
        expect(html).toContain('<table class="scorecard matrix">')
        expect(html).toContain('.matrix td.matrix__cell')
        // One mark per rated priority, its label for screen readers.
        expect(html.match(/<td class="matrix__cell"><span class="status status--/g)?.length).toBe(result.report!.summary.total)
        // Its theme.json sets running text in Source Sans 3 (italics included): no Source Serif 4 is embedded.
        expect(fontFaces(html)).toContain("'Source Sans 3' italic 400")
        expect(fontFaces(html).some((face) => face.startsWith("'Source Serif 4'"))).toBe(false)
        expect(html).toContain("html:root {\n  --serif: 'Source Sans 3', 'Scorecard Symbols', Georgia")
      } else {
        expect(html).not.toContain('matrix')
        expect(fontFaces(html)).toContain("'Source Serif 4' italic 400")
        expect(html).not.toContain('html:root')
      }
      expect(await axeViolations(html)).toEqual([])
    }, 180_000)

  it('the Russian example (examples/ru-2010) passes axe as well', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-theme-ru-'))
    await cp(path.join(repoRoot, 'examples', 'ru-2010'), dir, {recursive: true, filter: (source) => !source.includes(`${path.sep}out`)})
    const result = await build(dir, {cwd: dir, formats: ['html'], sources: path.join(repoRoot, '..', 'shared', 'sources')})
    expect(result.ok).toBe(true)
    expect(await axeViolations(await readFile(path.join(dir, 'out', 'report.html'), 'utf8'))).toEqual([])
  }, 120_000)

  it('the default theme is the default templates: the same bytes as no theme', async () => {
    const [none, named] = await Promise.all([example(undefined), example('default')])
    await build(none, {cwd: none, formats: ['html']})
    await build(named, {cwd: named, formats: ['html']})
    expect(await readFile(path.join(named, 'out', 'report.html'), 'utf8')).toBe(await readFile(path.join(none, 'out', 'report.html'), 'utf8'))
  }, 120_000)

  it("a theme folder of the project; the project's templates/ still win over it", async () => {
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: ./themes/mine'},
      {file: 'themes/mine/partials/scale-legend.hbs', write: '<h3 id="rating-scale">Mine</h3>'},
      {file: 'themes/mine/partials/toc.hbs', write: '<nav class="toc" aria-label="x"><p>Theme contents</p><span class="toc-page" data-for="x"></span></nav>'},
      {file: 'themes/mine/styles/theme.css', write: '.from-the-theme{}'},
      {file: 'templates/partials/toc.hbs', write: '<nav class="toc" aria-label="x"><p>Project contents</p><span class="toc-page" data-for="x"></span></nav>'},
    ])
    await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).toContain('<h3 id="rating-scale">Mine</h3>')
    expect(html).toContain('.from-the-theme{}')
    expect(html).toContain('Project contents')
    expect(html).not.toContain('Theme contents')
  })

  it('an npm package installed for the project', async () => {
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: scorecard-theme-plain'},
      {file: 'node_modules/scorecard-theme-plain/package.json', write: '{"name": "scorecard-theme-plain", "version": "1.0.0"}'},
      {file: 'node_modules/scorecard-theme-plain/styles/theme.css', write: '.from-the-package{}'},
    ])
    await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})
    expect(await readFile(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('.from-the-package{}')
  })

  it('unknown-theme: a theme that is not shipped, not a folder and not installed', async () => {
    const dir = await project('minimal', [{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: nonesuch'}])
    const result = await check(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(result.files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`))).toEqual(['8:8 unknown-theme'])
  })

  it('compact: the English example prints to PDF set in its fonts, and the layout audit finds nothing', async () => {
    const dir = await example('compact')
    const result = await build(dir, {cwd: dir, formats: ['pdf'], sources: path.join(repoRoot, '..', 'shared', 'sources')})
    expect(result.ok).toBe(true)
    expect(result.layout.map((finding) => `${finding.page} ${finding.ruleId} ${finding.reason}`)).toEqual([])
    await expectScanMatchesPdfjs(new Uint8Array(await readFile(path.join(dir, 'out', 'report.pdf'))))
    const rows = execFileSync('pdffonts', [path.join(dir, 'out', 'report.pdf')], {encoding: 'utf8'}).trim().split('\n').slice(2)
    const names = rows.map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    expect(names.some((name) => name.startsWith('SourceSans3') && name.endsWith('-Italic'))).toBe(true)
    expect(names.filter((name) => !/^(SourceSans3|DejaVuSans)/.test(name))).toEqual([])
  }, 300_000)

  it("a theme's theme.json: a font package from the theme's own node_modules, subset and embedded; its logo unless scorecard.yml names one", async () => {
    const fontsource = path.dirname(createRequire(import.meta.url).resolve('@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2'))
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: ./themes/mine'},
      {file: 'themes/mine/node_modules/theme-serif/package.json', write: '{"name": "theme-serif", "version": "1.0.0"}'},
      {
        file: 'themes/mine/theme.json',
        write: JSON.stringify({
          fonts: [{role: 'body', family: 'Theme Serif', package: 'theme-serif', faces: [{file: 'fonts/regular.woff2', weight: 400, style: 'normal', unicodeRange: 'U+0000-00FF'}]}],
          logo: 'logo.png',
        }),
      },
    ])
    await mkdir(path.join(dir, 'themes/mine/node_modules/theme-serif/fonts'), {recursive: true})
    await cp(path.join(fontsource, 'source-serif-4-latin-400-normal.woff2'), path.join(dir, 'themes/mine/node_modules/theme-serif/fonts/regular.woff2'))
    await cp(path.join(repoRoot, 'assets', 'logo.png'), path.join(dir, 'themes/mine/logo.png'))
    const whole = (await readFile(path.join(fontsource, 'source-serif-4-latin-400-normal.woff2'))).length
    const result = await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})
    expect(result.ok).toBe(true)
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(fontFaces(html)).toContain("'Theme Serif' normal 400")
    const face = /font-family: 'Theme Serif';[^}]*src: url\(data:font\/woff2;base64,([^)]+)\)[^}]*unicode-range: U\+0000-00FF;/.exec(html)
    expect(face).not.toBeNull()
    // Subset to the report's characters: smaller than the file it came from.
    expect(Buffer.from(face![1]!, 'base64').length).toBeLessThan(whole)
    expect(html).toContain("--serif: 'Theme Serif', 'Scorecard Symbols'")
    // Handlebars writes `=` as `&#x3D;` in an attribute.
    const logo = `src="data:image/png;base64,${(await readFile(path.join(repoRoot, 'assets', 'logo.png'))).toString('base64').replaceAll('=', '&#x3D;')}"`
    expect(html).toContain(logo)

    // scorecard.yml's logo wins.
    await writeFile(path.join(dir, 'mine.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'))
    await writeFile(path.join(dir, 'scorecard.yml'), (await readFile(path.join(dir, 'scorecard.yml'), 'utf8')) + 'logo: mine.png\n')
    expect((await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})).ok).toBe(true)
    const owned = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(owned).not.toContain(logo)
    expect(owned).toContain('src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII&#x3D;"')
  })

  it("a theme.json naming a font file nobody installed fails the build's check with a diagnostic (test/validate/theme-manifest.test.ts has the rest)", async () => {
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\ntheme: ./themes/mine'},
      {file: 'themes/mine/theme.json', write: JSON.stringify({fonts: [{role: 'heading', family: 'Gone', package: 'no-such-font', faces: [{file: 'a.woff2', weight: 400, style: 'normal'}]}]})},
    ])
    const result = await build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})
    expect(result.ok).toBe(false)
    expect(result.files.flatMap((file) => file.messages.map((m) => `${file.path}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))).toEqual([
      'themes/mine/theme.json:1:87 font-not-found Font file no-such-font/a.woff2 is not installed for the theme, the project or Scorecard',
    ])
  })
})
