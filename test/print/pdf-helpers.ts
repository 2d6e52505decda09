/** Reading PDFs back in tests: outline with pdf-lib, page text with poppler's pdftotext. */
import {execFileSync} from 'node:child_process'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'
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

