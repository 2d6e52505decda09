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
 * The tests hold it to pdfjs on every PDF they print for the audit, and on
 * the examples' (`expectScanMatchesPdfjs` in test/print/pdf-helpers.ts).
 */
import {inflateSync} from 'node:zlib'
import type {PDFDict, PDFDocument, PDFObject, PDFRawStream, PDFRef} from 'pdf-lib'
import {parsePdf, readFonts, readPdfLayout, type AuditFont, type AuditPage, type AuditRow, type AuditTable, type AuditText, type ParsedPdf} from './audit-read.js'

type PdfLib = typeof import('pdf-lib')

/** Thrown inside the reader for anything outside the subset it reads; never escapes it. */
class Unsupported extends Error {}

/** 2×3 affine matrix [a b c d e f], as in PDF. */
type Matrix = [number, number, number, number, number, number]

const identity: Matrix = [1, 0, 0, 1, 0, 0]

/** Deepest structure tree, and deepest nesting of arrays and dictionaries in a content stream, the reader follows. */
const maxDepth = 200

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

/** A structure element, as the audit needs it. */
interface Element {
  role: string
  parent: Element | undefined
  /** Its kids that are elements, in order (read when first asked for: only tables need them). */
  kids(): Element[]
}

interface Structure {
  /** The elements each marked-content id of `page` belongs to. */
  parentsOf(page: PDFDict): Map<number, Element>
  /** The tables with content on the page, as pdfjs's page structure tree has them. */
  tablesOn(parents: Map<number, Element>, pageId: string): {table: Element; pageId: string; parents: Map<number, Element>}[]
}

function readStructure(lib: PdfLib, doc: PDFDocument): Structure {
  const {PDFDict, PDFName, PDFArray, PDFNumber, PDFRef} = lib
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const roleMap = new Map<string, string>()
  const mapDict = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict)
  for (const [key, value] of mapDict?.entries() ?? []) if (value instanceof PDFName) roleMap.set(key.decodeText(), value.decodeText())
  const elements = new Map<PDFDict, Element>()
  // Elements whose ancestors are being read: met again, they close a cycle.
  const reading = new Set<PDFDict>()
  const nameOf = (value: PDFObject | undefined): string | undefined => (value instanceof PDFName ? value.decodeText() : undefined)

  const elementOf = (dict: PDFDict): Element | undefined => {
    const known = elements.get(dict)
    if (known) {
      if (reading.has(dict)) throw new Unsupported('a cycle in the structure tree')
      return known
    }
    if (reading.size > maxDepth) throw new Unsupported('structure tree too deep')
    const s = nameOf(dict.get(PDFName.of('S')))
    if (s === undefined) return undefined
    let kids: Element[] | undefined
    const element: Element = {
      role: roleMap.get(s) ?? s,
      parent: undefined,
      kids: () => (kids ??= kidsOf(dict)),
    }
    elements.set(dict, element)
    const parent = dict.lookup(PDFName.of('P'))
    if (parent instanceof PDFDict && nameOf(parent.get(PDFName.of('Type'))) !== 'StructTreeRoot') {
      reading.add(dict)
      try {
        element.parent = elementOf(parent)
      } finally {
        reading.delete(dict)
      }
    }
    return element
  }
  const kidsOf = (dict: PDFDict): Element[] => {
    const k = dict.get(PDFName.of('K'))
    const raw = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k]
    const kids: Element[] = []
    for (const entry of raw) {
      const kid = entry instanceof PDFRef ? doc.context.lookup(entry) : entry
      if (!(kid instanceof PDFDict)) continue
      const type = nameOf(kid.get(PDFName.of('Type')))
      if (type === 'MCR' || type === 'OBJR') continue
      const element = elementOf(kid)
      if (element) kids.push(element)
    }
    return kids
  }

  // The parent tree: StructParents of a page → the element of each of its marked-content ids.
  const parentTree = new Map<number, PDFObject>()
  const readNumberTree = (node: PDFDict | undefined, depth: number): void => {
    if (!node || depth > 50) return
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)
    if (nums)
      for (let index = 0; index + 1 < nums.size(); index += 2) {
        const key = nums.lookup(index)
        if (key instanceof PDFNumber) parentTree.set(key.asNumber(), nums.get(index + 1))
      }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let index = 0; index < (kids?.size() ?? 0); index++) readNumberTree(kids!.lookupMaybe(index, PDFDict), depth + 1)
  }
  readNumberTree(root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 0)

  return {
    parentsOf(page) {
      const result = new Map<number, Element>()
      const key = page.get(PDFName.of('StructParents'))
      if (!(key instanceof PDFNumber)) return result
      const entry = parentTree.get(key.asNumber())
      const array = entry instanceof PDFRef ? doc.context.lookup(entry) : entry
      if (!(array instanceof PDFArray)) return result
      for (let mcid = 0; mcid < array.size(); mcid++) {
        const dict = array.lookup(mcid)
        const element = dict instanceof PDFDict ? elementOf(dict) : undefined
        if (element) result.set(mcid, element)
      }
      return result
    },
    tablesOn(parents, pageId) {
      const tables = new Set<Element>()
      for (const element of parents.values()) for (let at: Element | undefined = element; at; at = at.parent) if (at.role === 'Table') tables.add(at)
      return [...tables].map((table) => ({table, pageId, parents}))
    },
  }
}

/** Roles from the root down to `element` itself, as pdfjs's page tree gives them. */
function rolesOf(element: Element): string[] {
  const roles: string[] = []
  for (let at: Element | undefined = element; at; at = at.parent) {
    roles.push(at.role)
    if (roles.length > maxDepth) throw new Unsupported('structure tree too deep, or a cycle')
  }
  roles.push('Root')
  return roles.reverse()
}

/** A table's rows, and which of them have text on this page (as audit-read.ts's `tableOf`). */
function tableRows({table, pageId, parents}: {table: Element; pageId: string; parents: Map<number, Element>}, topOf: Map<string, number>): AuditTable {
  const mcidsOf = new Map<Element, number[]>()
  for (const [mcid, owner] of parents) mcidsOf.set(owner, [...(mcidsOf.get(owner) ?? []), mcid])
  const rows: Element[] = []
  const collect = (element: Element, depth: number): void => {
    if (depth > maxDepth) throw new Unsupported('table too deep, or a cycle')
    if (element.role === 'TR') rows.push(element)
    else if (element.role !== 'Table' || element === table) for (const kid of element.kids()) collect(kid, depth + 1)
  }
  collect(table, 0)
  const headerRows: number[] = []
  const rowsOnPage: AuditRow[] = []
  rows.forEach((row, index) => {
    const cells = row.kids().filter((kid) => kid.role === 'TH' || kid.role === 'TD')
    const header = cells.length > 0 && cells.every((cell) => cell.role === 'TH')
    if (header) headerRows.push(index)
    let top: number | undefined
    const find = (element: Element, depth: number): void => {
      if (depth > maxDepth) throw new Unsupported('table row too deep, or a cycle')
      for (const mcid of mcidsOf.get(element) ?? []) {
        const at = topOf.get(`${pageId}_mc${mcid}`)
        if (at !== undefined) top = Math.min(top ?? at, at)
      }
      for (const kid of element.kids()) find(kid, depth + 1)
    }
    find(row, 0)
    if (top !== undefined) rowsOnPage.push({index, header, top})
  })
  return {rowCount: rows.length, headerRows, rows: rowsOnPage}
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

/** An operand: a number, a string's bytes (as Latin-1), a name, an array or a dictionary. */
type Operand = number | string | {name: string} | Operand[] | Map<string, Operand>

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

/** An operator's name as a number: its first three characters, one byte each (operators the reader acts on are at most three long). */
function opCode(name: string): number {
  return name.charCodeAt(0) | ((name.charCodeAt(1) || 0) << 8) | ((name.charCodeAt(2) || 0) << 16)
}

const Op = {
  q: opCode('q'),
  Q: opCode('Q'),
  cm: opCode('cm'),
  BT: opCode('BT'),
  ET: opCode('ET'),
  Tf: opCode('Tf'),
  Tm: opCode('Tm'),
  Td: opCode('Td'),
  TD: opCode('TD'),
  TL: opCode('TL'),
  TStar: opCode('T*'),
  Tz: opCode('Tz'),
  Ts: opCode('Ts'),
  Tj: opCode('Tj'),
  TJ: opCode('TJ'),
  Quote: opCode("'"),
  DoubleQuote: opCode('"'),
  BDC: opCode('BDC'),
  BMC: opCode('BMC'),
  EMC: opCode('EMC'),
  BI: opCode('BI'),
  ID: opCode('ID'),
  EI: opCode('EI'),
  d0: opCode('d0'),
  d1: opCode('d1'),
} as const

const enum Token {
  End,
  Value,
  Operator,
  ArrayEnd,
  DictEnd,
}

/** Whitespace (0) and delimiters (1) of PDF syntax; everything else is a regular character. */
const charClass = new Uint8Array(256).fill(2)
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) charClass[code] = 0
for (const code of '()<>[]{}/%') charClass[code.charCodeAt(0)] = 1

const escapes: Record<string, string> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\'}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10
  return -1
}

/**
 * Tokens of a content stream. `next()` says what it read: a value (in
 * `value`: a number, a string's bytes, a name, an array, a dictionary) or an
 * operator (its {@link opCode} in `operator`, longer ones as 0). Anything
 * malformed throws {@link Unsupported}.
 */
class Lexer {
  value: Operand | undefined
  operator = 0
  private at = 0
  private depth = 0
  constructor(private readonly source: string) {}

  next(): Token {
    const s = this.source
    const n = s.length
    for (;;) {
      while (this.at < n && charClass[s.charCodeAt(this.at)] === 0) this.at++
      if (this.at >= n) return Token.End
      if (s.charCodeAt(this.at) !== 0x25) break
      while (this.at < n && s.charCodeAt(this.at) !== 0x0a && s.charCodeAt(this.at) !== 0x0d) this.at++
    }
    const c = s.charCodeAt(this.at)
    switch (c) {
      case 0x28: // (
        this.value = this.literal()
        return Token.Value
      case 0x3c: // <
        if (s.charCodeAt(this.at + 1) === 0x3c) {
          this.at += 2
          this.value = this.dict()
          return Token.Value
        }
        this.value = this.hex()
        return Token.Value
      case 0x3e: // >
        if (s.charCodeAt(this.at + 1) !== 0x3e) throw new Unsupported('stray >')
        this.at += 2
        return Token.DictEnd
      case 0x5b: {
        // [
        this.at++
        if (++this.depth > maxDepth) throw new Unsupported('arrays nested too deep')
        const items: Operand[] = []
        for (;;) {
          const kind = this.next()
          if (kind === Token.ArrayEnd) break
          if (kind !== Token.Value) throw new Unsupported('bad array')
          items.push(this.value!)
        }
        this.depth--
        this.value = items
        return Token.Value
      }
      case 0x5d: // ]
        this.at++
        return Token.ArrayEnd
      case 0x2f: {
        // /
        const start = ++this.at
        while (this.at < n && charClass[s.charCodeAt(this.at)] === 2) this.at++
        const raw = s.slice(start, this.at)
        this.value = {name: raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw}
        return Token.Value
      }
      case 0x29:
      case 0x7b:
      case 0x7d:
        throw new Unsupported('unexpected delimiter')
    }
    const number = this.number()
    if (number !== undefined) {
      this.value = number
      return Token.Value
    }
    const start = this.at
    while (this.at < n && charClass[s.charCodeAt(this.at)] === 2) this.at++
    const length = this.at - start
    if (length <= 3) {
      const word = s.slice(start, this.at)
      if (word === 'true' || word === 'null') throw new Unsupported('keyword operand')
      this.operator = opCode(word)
    } else {
      const word = s.slice(start, this.at)
      if (word === 'true' || word === 'false' || word === 'null') throw new Unsupported('keyword operand')
      this.operator = 0
    }
    return Token.Operator
  }

  /** A number at the cursor (consumed), or undefined (nothing consumed). */
  private number(): number | undefined {
    const s = this.source
    let at = this.at
    let sign = 1
    const first = s.charCodeAt(at)
    if (first === 0x2d || first === 0x2b) {
      if (first === 0x2d) sign = -1
      at++
    }
    let value = 0
    let digits = 0
    while (at < s.length) {
      const code = s.charCodeAt(at)
      if (code < 0x30 || code > 0x39) break
      value = value * 10 + (code - 0x30)
      digits++
      at++
    }
    if (s.charCodeAt(at) === 0x2e) {
      at++
      let scale = 1
      while (at < s.length) {
        const code = s.charCodeAt(at)
        if (code < 0x30 || code > 0x39) break
        scale /= 10
        value += (code - 0x30) * scale
        digits++
        at++
      }
    }
    if (digits === 0 || (at < s.length && charClass[s.charCodeAt(at)] === 2)) return undefined
    this.at = at
    return sign * value
  }

  private hex(): string {
    const s = this.source
    let out = ''
    let high = -1
    for (this.at++; this.at < s.length; this.at++) {
      const code = s.charCodeAt(this.at)
      if (code === 0x3e) {
        this.at++
        return high < 0 ? out : out + String.fromCharCode(high << 4)
      }
      if (charClass[code] === 0) continue
      const value = hexValue(code)
      if (value < 0) throw new Unsupported('bad hex string')
      if (high < 0) high = value
      else {
        out += String.fromCharCode((high << 4) | value)
        high = -1
      }
    }
    throw new Unsupported('unterminated hex string')
  }

  private dict(): Map<string, Operand> {
    if (++this.depth > maxDepth) throw new Unsupported('dictionaries nested too deep')
    const dict = new Map<string, Operand>()
    for (;;) {
      const kind = this.next()
      if (kind === Token.DictEnd) {
        this.depth--
        return dict
      }
      const key = this.value
      if (kind !== Token.Value || typeof key !== 'object' || !('name' in key)) throw new Unsupported('bad dictionary')
      if (this.next() !== Token.Value) throw new Unsupported('bad dictionary value')
      dict.set(key.name, this.value!)
    }
  }

  /** A literal string: balanced parentheses, backslash escapes. */
  private literal(): string {
    const s = this.source
    let depth = 0
    let out = ''
    for (this.at++; this.at < s.length; this.at++) {
      const c = s[this.at]!
      if (c === '\\') {
        const next = s[++this.at]
        if (next === undefined) break
        if (next in escapes) out += escapes[next]
        else if (next >= '0' && next <= '7') {
          let octal = next
          while (octal.length < 3 && (s[this.at + 1] ?? '') >= '0' && (s[this.at + 1] ?? '') <= '7') octal += s[++this.at]
          out += String.fromCharCode(Number.parseInt(octal, 8) & 0xff)
        } else if (next === '\r') {
          if (s[this.at + 1] === '\n') this.at++
        } else if (next !== '\n') out += next
        continue
      }
      if (c === '(') depth++
      else if (c === ')') {
        if (depth === 0) {
          this.at++
          return out
        }
        depth--
      }
      out += c
    }
    throw new Unsupported('unterminated string')
  }
}
