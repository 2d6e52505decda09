/** Reading PDFs back in tests: outline with pdf-lib, page text with poppler's pdftotext, the audit's reader against pdfjs. */
import {execFileSync} from 'node:child_process'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'
import {expect} from 'vitest'
import {auditPages, type AuditOptions} from '../../src/print/audit.js'
import {readFonts, readPdfLayout, type AuditPage} from '../../src/print/audit-read.js'
import {scanPdfLayout} from '../../src/print/audit-scan.js'
import type {PdfMetadata} from '../../src/print/index.js'

/** PDF metadata for a test fixture called `title`. */
export function fixtureMetadata(title: string): PdfMetadata {
  return {title, author: 'Scorecard tests', subject: 'Layout audit', keywords: [], creator: 'Scorecard tests', lang: 'en', date: new Date('2010-10-31T00:00:00Z')}
}

/** Text of one page (1-based), whitespace collapsed. */
export function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
  })
    .replace(/\s+/gu, ' ')
    .trim()
}

export interface OutlineEntry {
  title: string
  depth: number
  page: number
  /** Top of the heading, in PDF points from the bottom of the page. */
  top: number
}

export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pages = doc.getPages().map((page) => page.ref)
  const entries: OutlineEntry[] = []
  const walk = (ref: unknown, depth: number): void => {
    while (ref instanceof PDFRef) {
      const item = doc.context.lookup(ref, PDFDict)
      const title = item.lookup(PDFName.of('Title'))
      const dest = item.lookup(PDFName.of('Dest'), PDFArray)
      entries.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        depth,
        page: pages.indexOf(dest.get(0) as PDFRef) + 1,
        top: dest.lookup(3, PDFNumber).asNumber(),
      })
      walk(item.get(PDFName.of('First')), depth + 1)
      ref = item.get(PDFName.of('Next'))
    }
  }
  walk(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First')), 0)
  return entries
}

/** Contents entries of a report: id and label, in order. */
export function tocEntries(html: string): Array<{id: string; label: string}> {
  const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
  return [...toc.matchAll(/<a href="#([^"]+)"><span class="toc-label">([^<]+)<\/span>/g)].map((match) => ({
    id: match[1]!,
    label: match[2]!.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&'),
  }))
}


/** What the audit takes from one element's text on a page: the fast reader and pdfjs may cut it into runs differently. */
interface ElementSummary {
  key: string
  top: number
  bottom: number
  /** Distinct baselines, to half a point, as the audit counts lines. */
  lines: number
  /** The element's text, whitespace left out (pdfjs inserts spaces where glyphs are far apart). */
  text: string
}

function summarise(pages: readonly AuditPage[]): unknown[] {
  return pages.map((page) => {
    const elements = new Map<string, ElementSummary & {baselines: Set<number>}>()
    for (const text of page.texts) {
      const key = `${text.element ?? '-'} ${text.roles.join('/')} ${text.size.toFixed(3)}`
      const entry = elements.get(key) ?? {key, top: Infinity, bottom: -Infinity, lines: 0, text: '', baselines: new Set<number>()}
      entry.top = Math.min(entry.top, text.top)
      entry.bottom = Math.max(entry.bottom, text.bottom)
      entry.baselines.add(Math.round(text.bottom * 2))
      entry.text += text.text.replace(/\s+/gu, '')
      elements.set(key, entry)
    }
    const summaries = [...elements.values()].map(({baselines, ...entry}) => ({...entry, lines: baselines.size}))
    return {number: page.number, width: page.width, height: page.height, fonts: page.fonts, tables: page.tables, elements: summaries.sort((a, b) => (a.key < b.key ? -1 : 1))}
  })
}

/** The first place where `a` and `b` differ (numbers to 1e-6), or undefined. */
function difference(a: unknown, b: unknown, where = ''): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 || a === b ? undefined : `${where}: ${a} ≠ ${b}`
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${where}: ${a.length} items ≠ ${b.length}`
    for (let index = 0; index < a.length; index++) {
      const found = difference(a[index], b[index], `${where}[${index}]`)
      if (found) return found
    }
    return undefined
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    for (const key of keys) {
      const found = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`)
      if (found) return found
    }
    return undefined
  }
  return a === b ? undefined : `${where}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`
}

/** Audit options tight enough that every check has something to say about an ordinary document. */
const severeAudits: AuditOptions[] = [{}, {footZone: 0.05, linesAfterHeading: 40, minFill: 0.99, minEndFill: 0.99, minRows: 60, chapterLevel: 6}]

/**
 * Read `pdf` with the audit's fast reader (src/print/audit-scan.ts) and with
 * pdfjs, and expect the same pages: each element's position, lines, text and
 * roles, the tables and fonts, and the same findings under the default audit
 * and a severe one. Returns the pages.
 */
export async function expectScanMatchesPdfjs(pdf: Uint8Array): Promise<AuditPage[]> {
  const lib = await import('pdf-lib')
  const doc = await lib.PDFDocument.load(pdf, {updateMetadata: false})
  const fonts = readFonts(lib, doc)
  let declined = ''
  const fast = scanPdfLayout(lib, doc, fonts, (reason) => (declined = reason))
  expect(declined, 'the fast reader declined a PDF that Chromium printed').toBe('')
  const reference = await readPdfLayout(pdf, fonts)
  expect(reference.flatMap((page) => page.texts).length).toBeGreaterThan(0)
  expect(difference(summarise(fast!), summarise(reference))).toBeUndefined()
  for (const options of severeAudits) expect(auditPages(fast!, options)).toEqual(auditPages(reference, options))
  expect(auditPages(reference, severeAudits[1]).length).toBeGreaterThan(0)
  return fast!
}
