/**
 * A fast reader for the layout audit: the same pages as `readPdfLayout`
 * (audit-read.ts, which uses pdfjs), read straight from the page content
 * streams and the structure tree of a PDF that pdf-lib has already parsed.
 *
 * Why: pdfjs's text extraction lexes every operator of the example's 3.9 MB of
 * content through its general parser and takes 0.5-0.9 s (1.0-1.4 s of a
 * build with its workers), on the build's critical path. The audit needs far
 * less: where each run of tagged text sits on the page, its size and its
 * structure roles. Chromium writes that in a small, regular subset of PDF:
 * `Tm`, `Td` and `Tj` inside `BT`/`ET`, marked content with inline `MCID`s,
 * Type 0 (Identity-H) or simple fonts with a `ToUnicode` map.
 *
 * The reader understands only that subset and says so: anything outside it
 * (an inline image, a form XObject, a font without `ToUnicode`, a stream
 * filter other than Flate, a `Properties` resource, a malformed token) makes
 * it return `undefined`, and the caller reads the PDF with pdfjs instead.
 * The content-stream tokens come from pdf-content-lexer.ts, the structure
 * tree from audit-structure.ts. The tests hold it to pdfjs on every PDF they print for the audit, and on
 * the examples' (`expectScanMatchesPdfjs` in test/print/pdf-helpers.ts).
 */
import {inflateSync} from 'node:zlib'
import type {PDFDict, PDFDocument, PDFRawStream, PDFRef} from 'pdf-lib'
import {parsePdf, readFonts, readPdfLayout, type AuditFont, type AuditPage, type AuditText, type ParsedPdf} from './audit-read.js'
import {readStructure, rolesOf, tableRows, type Element} from './audit-structure.js'
import {Lexer, Op, Token, Unsupported, type Operand} from './pdf-content-lexer.js'

type PdfLib = typeof import('pdf-lib')

/** 2×3 affine matrix [a b c d e f], as in PDF. */
type Matrix = [number, number, number, number, number, number]

const identity: Matrix = [1, 0, 0, 1, 0, 0]

/** `m1` applied after `m2` (pdfjs's `Util.transform(m1, m2)`). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ]
}

/**
 * Read every page of `pdf` for the audit: with the fast reader when the PDF
 * keeps to what it understands (every PDF Chromium has printed, so far), else
 * with pdfjs. `parsed` spares parsing it again.
 */
export async function readLayout(pdf: Uint8Array, parsed?: ParsedPdf, declined?: (reason: string) => void): Promise<AuditPage[]> {
  const {lib, doc} = parsed ?? (await parsePdf(pdf))
  const fonts = readFonts(lib, doc)
  return scanPdfLayout(lib, doc, fonts, declined) ?? readPdfLayout(pdf, fonts)
}

/**
 * Read every page of `doc` as the audit sees it, or `undefined` when the PDF
 * uses anything the reader does not understand (read it with pdfjs then);
 * `declined` hears why. pdf-lib's own complaints about a malformed object
 * decline it too: pdfjs is the more forgiving reader.
 */
export function scanPdfLayout(lib: PdfLib, doc: PDFDocument, fonts: AuditFont[][], declined?: (reason: string) => void): AuditPage[] | undefined {
  try {
    const structure = readStructure(lib, doc)
    return doc.getPages().map((page, index) => {
      const {width, height} = page.getSize()
      const ref = page.ref
      const pageId = `p${refId(ref)}`
      const parents = structure.parentsOf(page.node)
      const texts = scanPage(lib, doc, page.node, height, pageId, parents)
      const topOf = new Map<string, number>()
      for (const text of texts) if (text.element !== undefined && !topOf.has(text.element)) topOf.set(text.element, text.top)
      const mediaBox = page.getMediaBox()
      if (mediaBox.x !== 0 || mediaBox.y !== 0) throw new Unsupported('media box not at the origin')
      return {
        number: index + 1,
        width,
        height,
        texts,
        tables: structure.tablesOn(parents, pageId).map((table) => tableRows(table, topOf)),
        fonts: fonts[index] ?? [],
      }
    })
  } catch (error) {
    declined?.(error instanceof Error ? error.message : String(error))
    return undefined
  }
}

function refId(ref: PDFRef): string {
  return ref.generationNumber === 0 ? `${ref.objectNumber}R` : `${ref.objectNumber}R${ref.generationNumber}`
}

/** A font as the scanner needs it: how many bytes a code takes and what each code stands for. */
interface ScanFont {
  bytes: 1 | 2
  unicode: Map<number, string>
}

function fontsOf(lib: PdfLib, doc: PDFDocument, resources: PDFDict | undefined): Map<string, ScanFont> {
  const {PDFDict, PDFName, PDFRawStream} = lib
  const result = new Map<string, ScanFont>()
  const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict)
  for (const [name, value] of fontDict?.entries() ?? []) {
    const font = doc.context.lookup(value)
    if (!(font instanceof PDFDict)) continue
    const subtype = font.get(PDFName.of('Subtype'))
    const type0 = subtype instanceof PDFName && subtype.decodeText() === 'Type0'
    if (type0) {
      const encoding = font.get(PDFName.of('Encoding'))
      if (!(encoding instanceof PDFName) || encoding.decodeText() !== 'Identity-H') throw new Unsupported('Type 0 font not Identity-H')
    }
    const toUnicode = font.lookup(PDFName.of('ToUnicode'))
    if (!(toUnicode instanceof PDFRawStream)) throw new Unsupported('font without ToUnicode')
    result.set(name.decodeText(), {bytes: type0 ? 2 : 1, unicode: parseToUnicode(streamText(lib, toUnicode))})
  }
  return result
}

/** The decoded bytes of a stream, as Latin-1 text (one char per byte). */
function streamText(lib: PdfLib, stream: PDFRawStream): string {
  const filter = stream.dict.get(lib.PDFName.of('Filter'))
  if (stream.dict.get(lib.PDFName.of('DecodeParms')) !== undefined) throw new Unsupported('stream with decode parameters')
  const name = filter instanceof lib.PDFArray && filter.size() === 1 ? filter.get(0) : filter
  if (name === undefined) return Buffer.from(stream.contents).toString('latin1')
  if (!(name instanceof lib.PDFName) || name.decodeText() !== 'FlateDecode') throw new Unsupported('stream filter other than Flate')
  return inflateSync(stream.contents).toString('latin1')
}

/** `bfchar` and `bfrange` entries of a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  const utf16 = (hex: string): string => {
    let text = ''
    for (let index = 0; index + 4 <= hex.length; index += 4) text += String.fromCharCode(Number.parseInt(hex.slice(index, index + 4), 16))
    return hex.length === 2 ? String.fromCharCode(Number.parseInt(hex, 16)) : text
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(Number.parseInt(src!, 16), utf16(dst!))
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst, list] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g)) {
      const first = Number.parseInt(lo!, 16)
      const last = Number.parseInt(hi!, 16)
      if (last - first > 0xffff) throw new Unsupported('ToUnicode range too large')
      if (list !== undefined) {
        const targets = [...list.matchAll(/<([0-9a-fA-F]*)>/g)].map((match) => utf16(match[1]!))
        targets.forEach((target, offset) => map.set(first + offset, target))
      } else {
        const base = utf16(dst!)
        for (let code = first; code <= last; code++)
          map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - first)))
      }
    }
  return map
}


/**
 * The text runs of one page: glyphs of the same element, size and baseline,
 * shown one after another, make one run (as pdfjs joins them into an item).
 */
function scanPage(lib: PdfLib, doc: PDFDocument, page: PDFDict, height: number, pageId: string, parents: Map<number, Element>): AuditText[] {
  const {PDFName, PDFArray, PDFRawStream, PDFDict} = lib
  const resources = page.lookupMaybe(PDFName.of('Resources'), PDFDict)
  if (resources?.get(PDFName.of('Properties')) !== undefined) throw new Unsupported('Properties resource')
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
  for (const [, value] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(value)
    const subtype = stream instanceof PDFRawStream ? stream.dict.get(PDFName.of('Subtype')) : undefined
    if (!(subtype instanceof PDFName) || subtype.decodeText() !== 'Image') throw new Unsupported('form XObject')
  }
  const fonts = fontsOf(lib, doc, resources)
  const contents = page.get(PDFName.of('Contents'))
  const resolved = contents === undefined ? undefined : doc.context.lookup(contents)
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => doc.context.lookup(ref)) : [resolved]
  let source = ''
  for (const stream of streams) {
    if (stream === undefined) continue
    if (!(stream instanceof PDFRawStream)) throw new Unsupported('content is not a stream')
    source += `${streamText(lib, stream)}\n`
  }

  const texts: AuditText[] = []
  const roleCache = new Map<Element, string[]>()
  const marked: (number | undefined)[] = []
  let mcid: number | undefined
  const states: Matrix[] = []
  let ctm: Matrix = identity
  let tm: Matrix = identity
  let lm: Matrix = identity
  let font: ScanFont | undefined
  let fontSize = 0
  let leading = 0
  let hScale = 1
  let rise = 0
  let run: AuditText | undefined
  let runY = Number.NaN

  const show = (bytes: string): void => {
    if (!font) throw new Unsupported('text without a font')
    let text = ''
    const width = font.bytes
    for (let index = 0; index + width <= bytes.length; index += width) {
      const code = width === 2 ? (bytes.charCodeAt(index) << 8) | bytes.charCodeAt(index + 1) : bytes.charCodeAt(index)
      text += font.unicode.get(code) ?? ''
    }
    // The text rendering matrix, ctm × tm × [size·scale 0 0 size 0 rise], as pdfjs computes it for an item.
    const sa = tm[0] * fontSize * hScale
    const sb = tm[1] * fontSize * hScale
    const se = tm[2] * rise + tm[4]
    const sf = tm[3] * rise + tm[5]
    const a = ctm[0] * sa + ctm[2] * sb
    const b = ctm[1] * sa + ctm[3] * sb
    const x = ctm[0] * se + ctm[2] * sf + ctm[4]
    const y = ctm[1] * se + ctm[3] * sf + ctm[5]
    const size = Math.hypot(a, b)
    const element = mcid === undefined ? undefined : `${pageId}_mc${mcid}`
    if (run && run.element === element && run.size === size && runY === y) {
      run.text += text
      return
    }
    const owner = mcid === undefined ? undefined : parents.get(mcid)
    let roles: string[] = []
    if (owner) {
      roles = roleCache.get(owner) ?? rolesOf(owner)
      roleCache.set(owner, roles)
    }
    run = {text, x, top: height - y - size, bottom: height - y, size, roles, element}
    runY = y
    texts.push(run)
  }
  const translate = (tx: number, ty: number): void => {
    lm = multiply(lm, [1, 0, 0, 1, tx, ty])
    tm = lm
  }

  const operands: Operand[] = []
  const lexer = new Lexer(source)
  for (let kind = lexer.next(); kind !== Token.End; kind = lexer.next()) {
    if (kind !== Token.Operator) {
      operands.push(lexer.value!)
      continue
    }
    const op = lexer.operator
    const num = (index: number): number => {
      const value = operands[operands.length - 1 - index]
      if (typeof value !== 'number') throw new Unsupported('operand not a number')
      return value
    }
    const matrix = (): Matrix => [num(5), num(4), num(3), num(2), num(1), num(0)]
    switch (op) {
      case Op.q:
        states.push(ctm)
        break
      case Op.Q:
        ctm = states.pop() ?? identity
        break
      case Op.cm:
        ctm = multiply(ctm, matrix())
        break
      case Op.BT:
        tm = lm = identity
        run = undefined
        break
      case Op.ET:
        run = undefined
        break
      case Op.Tf: {
        const name = operands[operands.length - 2]
        if (typeof name !== 'object' || !('name' in name)) throw new Unsupported('Tf operand')
        font = fonts.get(name.name)
        if (!font) throw new Unsupported(`unknown font ${name.name}`)
        fontSize = num(0)
        break
      }
      case Op.Tm:
        tm = lm = matrix()
        break
      case Op.Td:
        translate(num(1), num(0))
        break
      case Op.TD:
        leading = -num(0)
        translate(num(1), num(0))
        break
      case Op.TL:
        leading = num(0)
        break
      case Op.TStar:
        translate(0, -leading)
        break
      case Op.Tz:
        hScale = num(0) / 100
        break
      case Op.Ts:
        rise = num(0)
        break
      case Op.Tj:
      case Op.Quote:
      case Op.DoubleQuote: {
        if (op !== Op.Tj) translate(0, -leading)
        const string = operands[operands.length - 1]
        if (typeof string !== 'string') throw new Unsupported('operand of a text operator')
        show(string)
        break
      }
      case Op.TJ: {
        const array = operands[operands.length - 1]
        if (!Array.isArray(array)) throw new Unsupported('operand of TJ')
        // Glyph advances move along the baseline only; a run's position comes from Tm and Td.
        show(array.filter((part): part is string => typeof part === 'string').join(''))
        break
      }
      case Op.BDC: {
        const props = operands[operands.length - 1]
        if (!(props instanceof Map)) throw new Unsupported('marked content properties by name')
        const id = props.get('MCID')
        marked.push(typeof id === 'number' ? id : undefined)
        mcid = marked.findLast((value) => value !== undefined)
        break
      }
      case Op.BMC:
        marked.push(undefined)
        break
      case Op.EMC:
        marked.pop()
        mcid = marked.findLast((value) => value !== undefined)
        break
      case Op.BI:
      case Op.ID:
      case Op.EI:
        throw new Unsupported('inline image')
      case Op.d0:
      case Op.d1:
        throw new Unsupported('Type 3 glyph description')
      default:
        break
    }
    operands.length = 0
  }
  return texts.filter((text) => text.text.trim() !== '')
}
