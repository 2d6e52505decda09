/**
 * Themes: `theme:` in scorecard.yml picks a shipped theme, a folder of the
 * project or an npm package; the project's templates/ still wins. Both
 * shipped themes build the bundled English example and pass axe (WCAG 2.1
 * AA) in real Chromium; the default is covered by a11y.test.ts as well.
 */
import {cp, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser, launchArgs, sandboxDecision} from '../../src/print/browser.js'
import {build, check} from '../../src/index.js'
import {project, repoRoot} from '../helpers.js'

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
      } else expect(html).not.toContain('matrix')
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
})
