/**
 * Issue 15, typography: the bundled example's HTML shows the authors' titles
 * (cover, running heads, contents, headings, the document title) and front
 * matter typeset as their prose is, with no straight apostrophe or quote
 * beside the curly ones; its data outputs keep the authors' strings exactly.
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/index.js'
import {repoRoot} from '../helpers.js'

let out: string
let html: string
let tree: Root
let json: {report: {title: string; shortTitle: string}; priorities: {id: string; title: string}[]}
let csv: string

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'scorecard-typography-'))
  const result = await build(repoRoot, {cwd: repoRoot, out, formats: ['html', 'json', 'csv']})
  expect(result.ok).toBe(true)
  html = await readFile(path.join(out, 'report.html'), 'utf8')
  tree = fromHtml(html)
  json = JSON.parse(await readFile(path.join(out, 'scorecard.json'), 'utf8'))
  csv = await readFile(path.join(out, 'priorities.csv'), 'utf8')
}, 120_000)

afterAll(async () => {
  if (out) await rm(out, {recursive: true, force: true})
})

const straight = /['"]/

/** Elements whose text is someone else's words or code: never typeset, so left out of the scan. */
const othersWords = new Set(['style', 'script', 'code', 'pre', 'kbd', 'samp', 'blockquote', 'q', 'cite', 'svg'])

function classes(node: Element): string[] {
  const value = node.properties.className
  return Array.isArray(value) ? value.map(String) : []
}

/** Every element matching `test`, in document order. */
function select(test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  const walk = (node: Root | RootContent): void => {
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element' && test(node)) found.push(node)
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

/** The text a reader sees, outside code, quotations, source titles and excerpts. */
function ownText(node: Root | RootContent): string[] {
  if (node.type === 'text') return [node.value]
  if (node.type !== 'element' && node.type !== 'root') return []
  if (node.type === 'element' && (othersWords.has(node.tagName) || classes(node).includes('excerpt__text'))) return []
  return node.children.flatMap(ownText)
}

describe('the example typeset: titles and front matter', () => {
  it('shows the report title with a curly apostrophe in the document title, cover, back cover, running head and description', () => {
    expect(toString(select((node) => node.tagName === 'title')[0]!)).toBe('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
    const description = select((node) => node.tagName === 'meta' && node.properties.name === 'description')[0]!
    expect(String(description.properties.content)).toMatch(/^Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment/)
    for (const name of ['cover__title', 'back-cover__title']) {
      const [title] = select((node) => classes(node).includes(name))
      expect(toString(title!)).toContain('Kazakhstan’s OSCE Chairmanship 2010')
    }
    // The running head is a CSS string (paged media), read from the short title.
    expect(html).toContain('"Kazakhstan’s OSCE Chairmanship 2010"')
    // Straight only in source titles (<cite>), as CSIS writes its report's title.
    const outsideCites = html.replace(/<cite>[^<]*<\/cite>/g, '')
    expect(outsideCites.match(/Kazakhstan(?:'|&#x27;)s OSCE Chairmanship 2010[^<]{0,40}/g) ?? []).toEqual([])
  })

  it('has no straight apostrophe or quote in any heading, contents entry or cross-reference', () => {
    const headings = select((node) => /^h[1-6]$/.test(node.tagName) || classes(node).includes('toc-label'))
    const links = select((node) => node.tagName === 'a' && typeof node.properties.href === 'string' && node.properties.href.startsWith('#priority-'))
    const texts = [...headings, ...links].map((node) => ownText(node).join(''))
    expect(texts.length).toBeGreaterThan(50)
    expect(texts.filter((text) => straight.test(text))).toEqual([])
    expect(texts).toContain('Answering criticism of Kazakhstan’s own reform record')
  })

  it('has no straight apostrophe or quote anywhere in the authors’ own text (code, quotations, source titles and excerpts aside)', () => {
    const body = select((node) => node.tagName === 'body')[0]!
    const texts = ownText(body).filter((text) => straight.test(text))
    expect(texts).toEqual([])
    // The imprint and acknowledgements (scorecard.yml prose) are typeset too.
    const imprint = select((node) => classes(node).includes('imprint__cite'))[0]!
    expect(toString(imprint)).toContain('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
  })

  it('keeps source titles as their publishers write them', () => {
    const cites = select((node) => node.tagName === 'cite').map((node) => toString(node))
    expect(cites).toContain("Kazakhstan's OSCE Chairmanship 2010: Interim Report")
  })

  it('keeps the authors’ exact strings in the data outputs (JSON, CSV)', () => {
    expect(json.report.title).toBe("Kazakhstan's OSCE Chairmanship 2010")
    expect(json.report.shortTitle).toBe("Kazakhstan's OSCE Chairmanship 2010")
    expect(json.priorities.find((item) => item.id === 'domestic-reform')?.title).toBe("Answering criticism of Kazakhstan's own reform record")
    expect(csv).toContain("Answering criticism of Kazakhstan's own reform record")
    expect(csv).not.toContain('Kazakhstan’s')
  })
})
