/**
 * WCAG 2.1 AA: axe-core runs in real Chromium against the built report.
 */
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser, launchArgs, sandboxDecision} from '../../src/print/browser.js'
import {build} from '../../src/index.js'
import {repoRoot} from '../helpers.js'

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeResult {
  violations: {id: string; impact: string; help: string; nodes: {target: string[]}[]}[]
  passes: {id: string}[]
}

let browser: Browser
let html: string

beforeAll(async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'scorecard-a11y-'))
  await build(repoRoot, {out, formats: ['html'], cwd: repoRoot})
  html = await readFile(path.join(out, 'report.html'), 'utf8')
  browser = await puppeteer.launch({
    executablePath: findBrowser().path,
    args: launchArgs(sandboxDecision()),
    userDataDir: await mkdtemp(path.join(tmpdir(), 'scorecard-a11y-profile-')),
  })
})

afterAll(async () => {
  await browser?.close()
})

async function audit(width: number): Promise<AxeResult & {scrollWidth: number}> {
  const page = await browser.newPage()
  try {
    await page.setViewport({width, height: 900})
    // The report forbids script by CSP; the audit has to run axe anyway.
    await page.setBypassCSP(true)
    await page.setContent(html, {waitUntil: 'load'})
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    await page.evaluate(axeSource)
    const result = (await page.evaluate(() =>
      (window as unknown as {axe: {run: (ctx: Document, opts: unknown) => Promise<unknown>}}).axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations', 'passes'],
      }),
    )) as AxeResult
    return {...result, scrollWidth}
  } finally {
    await page.close()
  }
}

describe('accessibility of the HTML report (axe-core, WCAG 2.1 AA)', () => {
  it('has no violations on a desktop viewport', async () => {
    const result = await audit(1280)
    const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
    expect(summary).toEqual([])
    // The audit really ran the checks that matter here.
    const passed = result.passes.map((p) => p.id)
    for (const rule of ['color-contrast', 'html-has-lang', 'document-title', 'list', 'th-has-data-cells'])
      expect(passed).toContain(rule)
  })

  it('has no violations on a phone viewport', async () => {
    const result = await audit(375)
    expect(result.violations.map((v) => v.id)).toEqual([])
  })

  it('reflows at 320 CSS px (WCAG 1.4.10): no horizontal page scroll, and no violations', async () => {
    const result = await audit(320)
    // Wide tables scroll inside their own focusable, labelled region; the page itself never does.
    expect(result.scrollWidth).toBeLessThanOrEqual(320)
    const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
    expect(summary).toEqual([])
    expect(result.passes.map((p) => p.id)).toContain('scrollable-region-focusable')
  })
})
