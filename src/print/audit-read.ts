/**
 * Read a printed PDF back for the layout audit: every page's text with its
 * position, size and structure role (from the tagged PDF's structure tree),
 * its tables' rows, and the fonts it uses.
 *
 * {@link readPdfLayout} reads it with pdfjs-dist (the legacy build, which
 * runs on Node 20): the reference the fast reader (audit-scan.ts) is tested
 * against, and what reads a PDF that reader declines. pdf-lib gives the font
 * dictionaries.
 */
import type {PDFDict, PDFDocument, PDFObject} from 'pdf-lib'

/** One run of text on a page, in points from the page's top-left corner. */
export interface AuditText {
  text: string
  x: number
  top: number
  bottom: number
  /** Font size in points. */
  size: number
  /** Structure roles from the root down to the text's own element (`['Document', 'Art', 'H3']`); empty for artifacts. */
  roles: string[]
  /** The structure element the text belongs to (marked-content id), if any. */
  element: string | undefined
}

/** One table row that has text on a page. */
export interface AuditRow {
  /** Index of the row in its table (0 is the first row, usually the header). */
  index: number
  /** Whether every cell of the row is a header cell (a column-header row). */
  header: boolean
  top: number
}

/** A table as seen on one page: all its rows, and those drawn on this page. */
export interface AuditTable {
  rowCount: number
  /** Rows whose cells are all header cells, by index. */
  headerRows: number[]
  rows: AuditRow[]
}

/** A font a page uses. */
export interface AuditFont {
  name: string
  subtype: string
}

/** One page as the audit sees it. */
export interface AuditPage {
  /** 1-based, as printed. */
  number: number
  width: number
  height: number
  texts: AuditText[]
  tables: AuditTable[]
  fonts: AuditFont[]
}

let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined

/**
 * pdfjs, loaded once, only when a PDF needs it. It takes about 0.3 s (with
 * the canvas package its Node build requires), and its Node build replaces
 * `JSON.stringify` and `Uint8Array.fromBase64` with core-js polyfills for the
 * whole process (puppeteer then decodes each PDF it prints several times slower).
 */
export function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  return (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs'))
}

interface StructNode {
  role?: string
  type?: string
  id?: string
  children?: StructNode[]
}

/**
 * Read every page of `pdf` with pdfjs. `fonts`, the fonts of each page when
 * the caller has them already, spares parsing the PDF a second time with pdf-lib.
 */
export async function readPdfLayout(pdf: Uint8Array, fonts?: AuditFont[][]): Promise<AuditPage[]> {
  const pdfjs = await loadPdfjs()
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true})
  const doc = await task.promise
  const fontsByPage = fonts ?? (await fontsOf(pdf))
  const pages: AuditPage[] = []
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number)
      const [, , width, height] = page.view as [number, number, number, number]
      const tree = ((await page.getStructTree()) ?? {}) as StructNode
      const rolesOf = new Map<string, string[]>()
      const tables: {node: StructNode}[] = []
      const walk = (node: StructNode, path: string[]): void => {
        const here = node.role ? [...path, node.role] : path
        if (node.type === 'content' && node.id !== undefined) rolesOf.set(node.id, path)
        if (node.role === 'Table') tables.push({node})
        for (const child of node.children ?? []) walk(child, here)
      }
      walk(tree, [])

      const content = await page.getTextContent({includeMarkedContent: true})
      const texts: AuditText[] = []
      const stack: (string | undefined)[] = []
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')
            stack.push(typeof item.id === 'string' ? item.id : undefined)
          else if (item.type === 'endMarkedContent') stack.pop()
          continue
        }
        if (item.str.trim() === '') continue
        const [a, b, , , x, y] = item.transform as number[]
        const size = Math.hypot(a!, b!)
        const element = stack.findLast((id) => id !== undefined)
        texts.push({
          text: item.str,
          x: x!,
          top: height - y! - size,
          bottom: height - y!,
          size,
          roles: element === undefined ? [] : (rolesOf.get(element) ?? []),
          element,
        })
      }
      const topOf = new Map<string, number>()
      for (const text of texts) if (text.element !== undefined && !topOf.has(text.element)) topOf.set(text.element, text.top)
      pages.push({
        number,
        width,
        height,
        texts,
        tables: tables.map(({node}) => tableOf(node, topOf)),
        fonts: fontsByPage[number - 1] ?? [],
      })
      page.cleanup()
    }
  } finally {
    await doc.destroy()
  }
  return pages
}

/** A table's rows, and which of them have text on this page (where it starts). */
function tableOf(table: StructNode, topOf: Map<string, number>): AuditTable {
  const rows: StructNode[] = []
  const collect = (node: StructNode): void => {
    if (node.role === 'TR') rows.push(node)
    else if (node.role !== 'Table' || node === table) for (const child of node.children ?? []) collect(child)
  }
  collect(table)
  const headerRows: number[] = []
  const onPage: AuditRow[] = []
  rows.forEach((row, index) => {
    const cells = (row.children ?? []).filter((cell) => cell.role === 'TH' || cell.role === 'TD')
    const header = cells.length > 0 && cells.every((cell) => cell.role === 'TH')
    if (header) headerRows.push(index)
    let top: number | undefined
    const find = (node: StructNode): void => {
      if (node.type === 'content' && node.id !== undefined) {
        const at = topOf.get(node.id)
        if (at !== undefined) top = Math.min(top ?? at, at)
      }
      for (const child of node.children ?? []) find(child)
    }
    find(row)
    if (top !== undefined) onPage.push({index, header, top})
  })
  return {rowCount: rows.length, headerRows, rows: onPage}
}

type PdfLib = typeof import('pdf-lib')

async function fontsOf(pdf: Uint8Array): Promise<AuditFont[][]> {
  const {lib, doc} = await parsePdf(pdf)
  return readFonts(lib, doc)
}

/** The same PDF, parsed by pdf-lib already (as the print stage has it). */
export interface ParsedPdf {
  lib: PdfLib
  doc: PDFDocument
}

/** Parse `pdf` with pdf-lib, as the print stage does. */
export async function parsePdf(pdf: Uint8Array): Promise<ParsedPdf> {
  const lib = await import('pdf-lib')
  return {lib, doc: await lib.PDFDocument.load(pdf, {updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest})}
}

/** The fonts each page's resources name, form XObjects and Type 3 glyph procedures included. */
export function readFonts(lib: PdfLib, doc: PDFDocument): AuditFont[][] {
  return doc.getPages().map((page) => {
    const fonts = new Map<string, AuditFont>()
    const seen = new Set<PDFObject>()
    const visitResources = (resources: PDFObject | undefined): void => {
      const dict = resources === undefined ? undefined : doc.context.lookup(resources)
      if (!(dict instanceof lib.PDFDict) || seen.has(dict)) return
      seen.add(dict)
      const fontDict = dict.lookupMaybe(lib.PDFName.of('Font'), lib.PDFDict)
      for (const [, value] of fontDict?.entries() ?? []) {
        const font = doc.context.lookup(value)
        if (!(font instanceof lib.PDFDict)) continue
        const subtype = nameOf(lib, font.get(lib.PDFName.of('Subtype'))) ?? ''
        const name = nameOf(lib, font.get(lib.PDFName.of('BaseFont'))) ?? nameOf(lib, font.get(lib.PDFName.of('Name'))) ?? '[none]'
        fonts.set(`${name}\u0000${subtype}`, {name, subtype})
        visitResources(font.get(lib.PDFName.of('Resources')))
      }
      const xobjects = dict.lookupMaybe(lib.PDFName.of('XObject'), lib.PDFDict)
      for (const [, value] of xobjects?.entries() ?? []) {
        const stream = doc.context.lookup(value)
        const streamDict = stream && 'dict' in stream ? (stream.dict as PDFDict) : undefined
        if (streamDict) visitResources(streamDict.get(lib.PDFName.of('Resources')))
      }
    }
    visitResources(page.node.get(lib.PDFName.of('Resources')))
    return [...fonts.values()]
  })
}

function nameOf(lib: PdfLib, value: PDFObject | undefined): string | undefined {
  return value instanceof lib.PDFName ? value.decodeText() : undefined
}
