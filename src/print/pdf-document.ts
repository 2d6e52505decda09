/**
 * The printed PDF read back and finished with pdf-lib: where each contents
 * target landed, the outline Chromium wrote, and the last pass's metadata,
 * outline titles and deterministic ids.
 */
import {createHash} from 'node:crypto'
import type {PDFArray, PDFDict, PDFDocument, PDFName, PDFObject} from 'pdf-lib'

/** Document information written into the PDF. */
export interface PdfMetadata {
  title: string
  author: string
  subject: string
  keywords: string[]
  creator: string
  /** Defaults to what Chromium writes (`Skia/PDF mNNN`). */
  producer?: string
  /** BCP 47 tag for the catalog's `/Lang`. */
  lang: string
  /** CreationDate and ModDate; derive it from SOURCE_DATE_EPOCH or the as-of date, never from the clock. */
  date: Date
}

/** What the print loop needs to know about the document, read once from the page. */
export interface Structure {
  /** Every h1–h6 in document order: the text a bookmark should show, and the squashed forms Chromium may have written. */
  headings: Array<{text: string; keys: string[]}>
  /** Contents entries: the id each links to, and the index of its heading (-1 if it has none). */
  targets: Array<{id: string; heading: number}>
}

export type PdfLib = typeof import('pdf-lib')

/** One PDF's parse, with what the print loop learnt from it. */
export interface Printed {
  doc: PDFDocument
  outline: OutlineItem[]
  /** Page number by contents target id. */
  pages: Map<string, number>
  /** Whether this PDF has the structure tree and outline (a measuring pass has neither). */
  full: boolean
}

/** An outline (bookmark) entry, matched to the heading it was made from when possible. */
export interface OutlineItem {
  dict: PDFDict
  title: string
  destination: PDFObject | undefined
  heading: number | undefined
}

/**
 * Page numbers (1-based, as printed) of the contents targets.
 *
 * Chromium writes a named destination for every element id that a link in
 * the document points at, so the contents links themselves give an exact
 * id → page map. Should a destination be missing, the target's heading is
 * looked up in the outline Chromium builds from h1–h6.
 */
export function locateTargets(
  lib: PdfLib,
  doc: PDFDocument,
  targets: Structure['targets'],
  outline: OutlineItem[],
): Map<string, number> {
  const pageOf = destinationPage(lib, doc)

  const named = namedDestinations(lib, doc)
  const found = new Map<string, number>()
  for (const target of targets) {
    const index =
      pageOf(named.get(target.id)) ?? pageOf(outline.find((item) => item.heading === target.heading)?.destination)
    if (index !== undefined) found.set(target.id, index + 1)
  }
  return found
}

/** A function giving the page index a destination points at. */
function destinationPage(lib: PdfLib, doc: PDFDocument): (destination: PDFObject | undefined) => number | undefined {
  const pageIndex = new Map(doc.getPages().map((page, index) => [page.ref, index]))
  return (destination) => {
    let value = destination === undefined ? undefined : doc.context.lookup(destination)
    // A destination is `[page /XYZ …]`, or a dictionary holding one under /D.
    if (value instanceof lib.PDFDict) value = doc.context.lookup(value.get(lib.PDFName.of('D')))
    if (!(value instanceof lib.PDFArray)) return undefined
    const page = value.get(0)
    return page instanceof lib.PDFRef ? pageIndex.get(page) : undefined
  }
}

/** Named destinations from the catalog's /Dests dictionary and its /Names /Dests tree. */
function namedDestinations(lib: PdfLib, doc: PDFDocument): Map<string, PDFObject> {
  const {context, catalog} = doc
  const names = new Map<string, PDFObject>()
  const dests = catalog.lookupMaybe(lib.PDFName.of('Dests'), lib.PDFDict)
  for (const [key, value] of dests?.entries() ?? []) names.set(key.decodeText(), value)

  const visit = (node: PDFObject | undefined, depth: number): void => {
    const dict = node === undefined ? undefined : context.lookup(node)
    if (!(dict instanceof lib.PDFDict) || depth > 32) return
    const pairs = dict.lookupMaybe(lib.PDFName.of('Names'), lib.PDFArray)
    for (let i = 0; pairs !== undefined && i + 1 < pairs.size(); i += 2) {
      const key = pairs.lookup(i)
      if (key instanceof lib.PDFString || key instanceof lib.PDFHexString) names.set(key.decodeText(), pairs.get(i + 1))
    }
    for (const kid of dict.lookupMaybe(lib.PDFName.of('Kids'), lib.PDFArray)?.asArray() ?? []) visit(kid, depth + 1)
  }
  visit(catalog.lookupMaybe(lib.PDFName.of('Names'), lib.PDFDict)?.get(lib.PDFName.of('Dests')), 0)
  return names
}

/**
 * The outline in document order, each entry matched to its heading.
 *
 * Chromium builds bookmark titles from laid-out text, so a title can lose
 * the spaces at line wraps ("Chairmanship2010"), visually hidden text (the
 * ": " between title and subtitle) or, for some headings that open a page,
 * come out twice ("ContentsContents"). Matching therefore compares text
 * without spaces and punctuation, and an entry that matches no heading is skipped.
 */
export function readOutline(lib: PdfLib, doc: PDFDocument, headings: Structure['headings']): OutlineItem[] {
  const items: OutlineItem[] = []
  const seen = new Set<PDFObject>()
  let next = 0
  const walk = (first: PDFObject | undefined): void => {
    for (let ref = first; ref !== undefined && !seen.has(ref); ) {
      seen.add(ref)
      const dict = doc.context.lookup(ref)
      if (!(dict instanceof lib.PDFDict)) return
      const value = dict.lookup(lib.PDFName.of('Title'))
      const title = value instanceof lib.PDFString || value instanceof lib.PDFHexString ? value.decodeText() : ''
      const key = squash(title)
      const match = headings.findIndex(
        (heading, index) => index >= next && heading.keys.some((k) => key === k || key === k + k),
      )
      if (match !== -1) next = match + 1
      items.push({
        dict,
        title,
        destination:
          dict.get(lib.PDFName.of('Dest')) ??
          dict.lookupMaybe(lib.PDFName.of('A'), lib.PDFDict)?.get(lib.PDFName.of('D')),
        heading: match === -1 ? undefined : match,
      })
      walk(dict.get(lib.PDFName.of('First')))
      ref = dict.get(lib.PDFName.of('Next'))
    }
  }
  walk(doc.catalog.lookupMaybe(lib.PDFName.of('Outlines'), lib.PDFDict)?.get(lib.PDFName.of('First')))
  return items
}

/** Give each matched bookmark its heading's text as written (see {@link readOutline}). */
export function repairOutlineTitles(lib: PdfLib, outline: OutlineItem[], headings: Structure['headings']): void {
  for (const item of outline) {
    const text = item.heading === undefined ? undefined : headings[item.heading]?.text
    if (text !== undefined && text !== item.title) item.dict.set(lib.PDFName.of('Title'), lib.PDFHexString.fromText(text))
  }
}

function squash(text: string): string {
  return text.replace(/[\s\p{P}]+/gu, '').toLowerCase()
}

/**
 * Write the metadata and make the bytes a function of content and metadata
 * only: Chromium stamps the wall clock into CreationDate and ModDate, and a
 * trailer /ID should be derived from content, not chance.
 */
export async function finalize(lib: PdfLib, doc: PDFDocument, metadata: PdfMetadata): Promise<Uint8Array> {
  doc.setTitle(metadata.title, {showInWindowTitleBar: true})
  doc.setAuthor(metadata.author)
  doc.setSubject(metadata.subject)
  // pdf-lib joins keywords with spaces, which splits "human rights" in two.
  doc.setKeywords([metadata.keywords.join(', ')])
  doc.setCreator(metadata.creator)
  if (metadata.producer !== undefined) doc.setProducer(metadata.producer)
  doc.setCreationDate(metadata.date)
  doc.setModificationDate(metadata.date)
  doc.setLanguage(metadata.lang)
  // An XMP packet would repeat the clock-stamped dates; the Info dictionary says it all.
  doc.catalog.delete(lib.PDFName.of('Metadata'))
  renumberStructureIds(lib, doc)

  const save = () => doc.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY})
  const {trailerInfo} = doc.context
  trailerInfo.ID = undefined
  const anonymous = await save()
  const digest = createHash('sha256').update(anonymous).digest('hex').slice(0, 32)
  const id = lib.PDFHexString.of(digest)
  // The ID is the last entry of the trailer dictionary, which follows the
  // cross-reference table: adding it moves no offset, so it is spliced into
  // the bytes already saved instead of saving the whole document again.
  const trailer = () =>
    `trailer\n${doc.context.obj({Size: doc.context.largestObjectNumber + 1, Root: trailerInfo.Root, Encrypt: trailerInfo.Encrypt, Info: trailerInfo.Info, ID: trailerInfo.ID}).toString()}`
  const before = trailer()
  trailerInfo.ID = doc.context.obj([id, id])
  const after = trailer()
  const tail = Buffer.from(anonymous.subarray(Math.max(0, anonymous.length - before.length - 256))).toString('latin1')
  const at = tail.lastIndexOf(`${before}\n`)
  // pdf-lib writes the trailer as above; should that ever change, save again.
  if (at === -1) return save()
  const start = anonymous.length - tail.length + at
  return Buffer.concat([anonymous.subarray(0, start), Buffer.from(after, 'latin1'), anonymous.subarray(start + before.length)])
}

/**
 * Chromium names tagged elements that others refer to (table header cells,
 * for the /Headers of data cells) after the page's DOM node ids, which count
 * up over the page's life: the same document printed once more, as after a
 * measuring pass, gets other numbers. Renumber them from 1 in their original
 * order, which keeps the /IDTree's keys sorted, so the bytes depend on the
 * document alone.
 */
function renumberStructureIds(lib: PdfLib, doc: PDFDocument): void {
  const pattern = /^node(\d+)$/
  type Slot = {parent: PDFDict | PDFArray; key: PDFName | number; text: string}
  const slots: Slot[] = []
  const seen = new Set<PDFObject>()
  const visit = (value: PDFObject | undefined, parent: PDFDict | PDFArray, key: PDFName | number): void => {
    if (value === undefined || seen.has(value)) return
    if (value instanceof lib.PDFString || value instanceof lib.PDFHexString) {
      const text = value.decodeText()
      if (pattern.test(text)) slots.push({parent, key, text})
    } else if (value instanceof lib.PDFDict) {
      seen.add(value)
      for (const [name, child] of value.entries()) visit(child, value, name)
    } else if (value instanceof lib.PDFArray) {
      seen.add(value)
      value.asArray().forEach((child, index) => visit(child, value, index))
    }
  }
  for (const [, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof lib.PDFDict || object instanceof lib.PDFArray) visit(object, object, 0)
  const original = [...new Set(slots.map((slot) => slot.text))].sort((a, b) => Number(pattern.exec(a)![1]) - Number(pattern.exec(b)![1]))
  const width = Math.max(8, String(original.length).length)
  const renamed = new Map(original.map((text, index) => [text, `node${String(index + 1).padStart(width, '0')}`]))
  for (const {parent, key, text} of slots) {
    const value = lib.PDFString.of(renamed.get(text)!)
    if (parent instanceof lib.PDFArray && typeof key === 'number') parent.set(key, value)
    else if (parent instanceof lib.PDFDict && key instanceof lib.PDFName) parent.set(key, value)
  }
}

/**
 * Page numbers (as printed) of the named destinations of a PDF Scorecard
 * made: every element id a link points at, contents targets among them. For
 * {@link PrintOptions.expectedPages} on a rebuild; undefined if the PDF
 * cannot be read.
 */
export async function tocPagesOf(pdf: Uint8Array): Promise<Record<string, number> | undefined> {
  const lib = await import('pdf-lib')
  try {
    const doc = await lib.PDFDocument.load(pdf, {updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest})
    const pageOf = destinationPage(lib, doc)
    const pages: Record<string, number> = {}
    for (const [name, destination] of namedDestinations(lib, doc)) {
      const index = pageOf(destination)
      if (index !== undefined) pages[name] = index + 1
    }
    return pages
  } catch {
    return undefined
  }
}

