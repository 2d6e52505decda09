/**
 * redline/: the page made from the fixture pair, its accessibility in real
 * Chromium, and the hast redlining of blocks and words on small trees.
 */
import {createRequire} from 'node:module'
import {mkdtemp, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import puppeteer from 'puppeteer-core'
import {describe, expect, it} from 'vitest'
import {redlineProjects} from '../../src/diff/index.js'
import {citationsAsKeys} from '../../src/diff/redline/citations.js'
import {redlineBlocks, redlineWords} from '../../src/diff/redline/hast-diff.js'
import {findBrowser} from '../../src/index.js'
import {baseDir, headDir} from './fixture.js'
import {checkRedline} from './redline-checks.js'

describe('redline', () => {
  it('keeps the new structure and puts deleted words back, well formed', async () => {
    const {html} = await redlineProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    checkRedline(html)
  })

  it('has no WCAG 2.1 AA violations (axe-core in real Chromium)', async () => {
    const {html} = await redlineProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    const browser = await puppeteer.launch({
      executablePath: findBrowser().path,
      // Root (CI containers) cannot use Chromium's sandbox.
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      userDataDir: await mkdtemp(path.join(tmpdir(), 'scorecard-redline-profile-')),
    })
    try {
      const page = await browser.newPage()
      // The page forbids script by CSP; the audit has to run axe anyway.
      await page.setBypassCSP(true)
      await page.setContent(html, {waitUntil: 'load'})
      await page.evaluate(axeSource)
      const result = (await page.evaluate(() =>
        (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<unknown>}}).axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        }),
      )) as {violations: {id: string; nodes: {target: string[]}[]}[]}
      expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
    } finally {
      await browser.close()
    }
  })
})


describe('redlining hast', () => {
  const root = (...children: Element[]): Root => ({type: 'root', children})
  const html = (nodes: Element['children']): string => toHtml({type: 'root', children: nodes})

  it('marks changed words in a paired block, keeping the new structure and putting deleted words back', () => {
    const before = h('p', ['Talks moved forward in the ', h('em', 'summer'), '.'])
    const after = h('p', ['Talks concluded in the ', h('em', 'autumn'), ' of 2010.'])
    expect(toHtml(redlineWords(before, after))).toBe('<p>Talks <del>moved forward</del><ins>concluded</ins> in the <em><del>summer</del><ins>autumn</ins></em> <ins>of 2010</ins>.</p>')
  })

  it('treats a citation as one token: a changed locator is one deletion and one insertion', () => {
    const before = h('p', ['Agreed', h('sup.cite', '[news, p. 6]'), ' in June.'])
    const after = h('p', ['Agreed', h('sup.cite', '[news, p. 7]'), ' in June.'])
    expect(toHtml(redlineWords(before, after))).toBe('<p>Agreed<del><sup class="cite">[news, p. 6]</sup></del><ins><sup class="cite">[news, p. 7]</sup></ins> in June.</p>')
  })

  it('shows added and removed blocks whole, and redlines only blocks of one kind that share words', () => {
    const before = root(h('p', 'Kept as it was.'), h('p', 'Nothing had been adopted by the autumn.'), h('ul', [h('li', 'a list item')]))
    const after = root(h('p', 'Kept as it was.'), h('p', 'The updated text was adopted in November.'), h('p', 'A new closing line of words.'))
    expect(html(redlineBlocks(before, after))).toBe(
      '<p>Kept as it was.</p>' +
        '<del class="block"><p>Nothing had been adopted by the autumn.</p></del><ins class="block"><p>The updated text was adopted in November.</p></ins>' +
        '<del class="block"><ul><li>a list item</li></ul></del><ins class="block"><p>A new closing line of words.</p></ins>',
    )
    const edited = root(h('p', 'Kept as it was, mostly.'))
    expect(html(redlineBlocks(root(h('p', 'Kept as it was.')), edited))).toBe('<p>Kept as it was<ins>, mostly</ins>.</p>')
  })

  it('never changes the trees it is given', () => {
    const before = root(h('p', ['one ', h('strong', 'two'), ' three']))
    const after = root(h('p', ['one ', h('strong', 'four'), ' three']))
    const copies = structuredClone([before, after])
    redlineBlocks(before, after)
    expect([before, after]).toEqual(copies)
  })

  it('replaces note references by the evidence ids of the citations the model gives, in order', () => {
    const noteRef = (n: number): Element => h('sup.noteref', [h('a', {href: `#c-note-${n}`, role: 'doc-noteref'}, String(n))])
    const hast = root(h('p', ['One', noteRef(3), ' two', noteRef(4), '.']))
    const tree = citationsAsKeys({hast, referenced: [{items: [{id: 'a-1', locator: 'p. 6'}]}, {items: [{id: 'b-2', prefix: 'see'}, {id: 'c-3'}]}]})
    expect(toHtml(tree)).toBe('<p>One<sup class="cite">[a-1, p. 6]</sup> two<sup class="cite">[see b-2; c-3]</sup>.</p>')
    expect(toHtml(hast)).toContain('doc-noteref')
  })
})
