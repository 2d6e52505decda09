/**
 * The layout audit's fast reader (src/print/audit-scan.ts). That it reads
 * what pdfjs reads is checked on every PDF the audit tests print (see
 * `expectScanMatchesPdfjs`); here: it keeps pdfjs out of the process, it
 * declines what it does not understand (and the audit still reads it, with
 * pdfjs), hostile content streams cost it nothing, and ToUnicode maps.
 */
import {PDFDocument, PDFName, StandardFonts, type PDFPage} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {auditPdf} from '../../src/print/audit.js'
import {readFonts} from '../../src/print/audit-read.js'
import {parseToUnicode, readLayout, scanPdfLayout} from '../../src/print/audit-scan.js'
import {withBrowser} from '../../src/print/index.js'
import {bundledPdfFontNames, fontFaceCss} from '../../src/render/fonts.js'
import {fixtureMetadata} from './pdf-helpers.js'

// Taken before anything here loads pdfjs, whose Node build replaces them with core-js polyfills.
const nativeStringify = JSON.stringify
const hadFromBase64 = 'fromBase64' in Uint8Array

/** Why the fast reader declines `pdf`, or '' when it reads it. */
async function declines(pdf: Uint8Array): Promise<string> {
  const lib = await import('pdf-lib')
  const doc = await lib.PDFDocument.load(pdf, {updateMetadata: false})
  let reason = ''
  const pages = scanPdfLayout(lib, doc, readFonts(lib, doc), (why) => (reason = why))
  expect(pages === undefined).toBe(reason !== '')
  return reason
}

/** A one-page PDF whose page has `content` as its content stream (and `setup` done to it). */
async function withContent(content: string, setup: (doc: PDFDocument, page: PDFPage) => void | Promise<void> = () => {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  await setup(doc, page)
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)))
  return doc.save()
}

describe('the audit’s fast reader', () => {
  it('reads a printed report without loading pdfjs (and its polyfills)', async () => {
    const fonts = await fontFaceCss('abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,')
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fast reader fixture</title><style>${fonts}
html { font-family: 'Source Serif 4'; } h2 { break-before: page; }</style></head>
<body><h1>Cover</h1><h2>One</h2><p>The chair convened the participating states.</p><table><tr><th>Item</th><th>Value</th></tr><tr><td>Row</td><td>1</td></tr></table></body></html>`
    const printed = await withBrowser({}, (printer) => printer.print(html, {metadata: fixtureMetadata('Fast reader fixture')}))
    const pages = await printed.readLayout()
    expect(pages).toHaveLength(2)
    // Chromium wraps each run of text in a NonStruct element of its own.
    expect(pages[1]!.texts.map((text) => [text.text, text.roles.join('/')])).toEqual([
      ['One', 'Root/Document/H2/NonStruct'],
      ['The chair convened the participating states.', 'Root/Document/P/NonStruct'],
      ['Item', 'Root/Document/Table/TR/TH/NonStruct'],
      ['Value', 'Root/Document/Table/TR/TH/NonStruct'],
      ['Row', 'Root/Document/Table/TR/TD/NonStruct'],
      ['1', 'Root/Document/Table/TR/TD/NonStruct'],
    ])
    expect(pages[1]!.tables).toMatchObject([{rowCount: 2, headerRows: [0], rows: [{index: 0, header: true}, {index: 1, header: false}]}])
    expect(await auditPdf(printed.pdf, {fonts: bundledPdfFontNames})).toEqual([])
    // pdfjs was never loaded: its polyfills would have replaced these.
    expect(JSON.stringify).toBe(nativeStringify)
    expect('fromBase64' in Uint8Array).toBe(hadFromBase64)
  }, 60_000)

  it('declines a PDF outside what Chromium writes, which the audit then reads with pdfjs', async () => {
    // pdf-lib's standard fonts have no ToUnicode map.
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    doc.addPage([595, 842]).drawText('Read by pdfjs instead', {x: 72, y: 700, size: 12, font})
    const pdf = await doc.save()
    expect(await declines(pdf)).toBe('font without ToUnicode')
    const pages = await readLayout(pdf)
    expect(pages).toHaveLength(1)
    expect(pages[0]!.texts.map((text) => text.text).join('')).toContain('Read by pdfjs instead')
    expect(pages[0]!.texts[0]!.size).toBeCloseTo(12)
  })

  it('declines hostile content streams at once, without a stack overflow', async () => {
    const started = performance.now()
    expect(await declines(await withContent(`${'['.repeat(100_000)}0${']'.repeat(100_000)} d`))).toBe('arrays nested too deep')
    expect(await declines(await withContent(`${'<<'.repeat(50_000)}`))).toMatch(/nested too deep|bad dictionary/)
    expect(await declines(await withContent('BT (no font) Tj ET'))).toBe('text without a font')
    expect(await declines(await withContent('BT /F1 12 Tf ET'))).toBe('unknown font F1')
    expect(await declines(await withContent('BT (never closed'))).toBe('unterminated string')
    expect(await declines(await withContent('q BI /W 1 /H 1 ID x EI Q'))).toBe('inline image')
    expect(await declines(await withContent('/Span /Props BDC EMC'))).toBe('marked content properties by name')
    expect(performance.now() - started).toBeLessThan(20_000)
  })

  it('declines a structure tree with a cycle', async () => {
    const pdf = await withContent('/P <</MCID 0>> BDC EMC', (doc, page) => {
      const a = doc.context.obj({S: 'P'})
      const b = doc.context.obj({S: 'Div'})
      const aRef = doc.context.register(a)
      const bRef = doc.context.register(b)
      a.set(PDFName.of('P'), bRef)
      b.set(PDFName.of('P'), aRef)
      const root = doc.context.obj({Type: 'StructTreeRoot', K: [aRef], ParentTree: doc.context.obj({Nums: [0, doc.context.obj([aRef])]})})
      doc.catalog.set(PDFName.of('StructTreeRoot'), doc.context.register(root))
      page.node.set(PDFName.of('StructParents'), doc.context.obj(0))
    })
    expect(await declines(pdf)).toBe('a cycle in the structure tree')
  })

  it('reads ToUnicode maps: single codes, ranges, range arrays and ligatures', () => {
    const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0010> <00660069>
endbfchar
2 beginbfrange
<0020> <0022> <0041>
<0030> <0031> [<0430> <0431>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
    const map = parseToUnicode(cmap)
    expect(Object.fromEntries(map)).toEqual({3: ' ', 16: 'fi', 32: 'A', 33: 'B', 34: 'C', 48: 'а', 49: 'б'})
  })
})
