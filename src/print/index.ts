/**
 * The print stage: self-contained report HTML in, finished PDF out.
 *
 * This is the only module that imports puppeteer-core, and it does so lazily,
 * as it does pdf-lib: together they cost about 400 ms to load, which commands
 * that never print should not pay.
 *
 * A print is a loop. Chromium lays out the document, we read the PDF back to
 * learn on which page each contents entry landed, write those numbers into
 * the contents page and print again, until the numbers stop moving. The last
 * PDF then gets its metadata and a deterministic trailer, so that the same
 * HTML and metadata always give the same bytes.
 */
import {execFile, type ChildProcess} from 'node:child_process'
import {createHash} from 'node:crypto'
import {rmSync} from 'node:fs'
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {PDFArray, PDFDict, PDFDocument, PDFName, PDFObject} from 'pdf-lib'
import type {Browser, Page} from 'puppeteer-core'
import {findBrowser, launchArgs, sandboxDecision} from './browser.js'
import {ScorecardError} from '../core/errors.js'
import {tocPageForAttribute, tocPageSelector} from '../core/dom-contract.js'

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

/** Options of one print. */
export interface PrintOptions {
  /** Only used by {@link printPdf}, which launches its own browser. */
  browserPath?: string
  /** Paper size when the document's CSS sets none; the report's `@page { size }` wins. */
  pageSize?: 'A4' | 'Letter'
  /** Bound on the whole print, all passes included. Default 60 000. */
  timeoutMs?: number
  log?: (message: string) => void
  metadata: PdfMetadata
  /**
   * Contents page numbers this document is expected to have, by target id:
   * those of an earlier print of it (`PrintResult.tocPages`, or
   * {@link tocPagesOf} the previous PDF). They are written in before the
   * first pass, and when that pass confirms them it is the only one. Wrong
   * numbers cost nothing: printing goes on as without them.
   */
  expectedPages?: Readonly<Record<string, number>> | undefined
}

/** A finished PDF and what happened while making it. */
export interface PrintResult {
  pdf: Uint8Array
  pageCount: number
  /** Printed page number (the cover is page 1) of each contents target, by element id. */
  tocPages: Record<string, number>
  /** How many times Chromium laid out and printed the document. */
  passes: number
  /** Blocked requests (`Blocked request to <url>`) and contents entries that could not be resolved. */
  warnings: string[]
}

/** A running browser that prints; get one from {@link withBrowser}. */
export interface PdfPrinter {
  /**
   * Print self-contained HTML to PDF.
   *
   * @throws {ScorecardError} `PRINT_TIMEOUT` (the browser is then closed and
   *   this printer cannot print again) or `PRINT_FAILED`.
   */
  print(html: string, options: PrintOptions): Promise<PrintResult>
}

const defaultTimeoutMs = 60_000
/** Fixed-width page-number slots settle in two passes; the rest is room for reflows. */
const maxPasses = 4
const closeGraceMs = 5_000

/** A {@link PdfPrinter} with its own browser, from {@link launchPrinter}. */
export interface OpenPrinter extends PdfPrinter {
  /** Close the browser (killing it if it hangs) and remove its profile. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Launch one browser, hand it to `fn` as a {@link PdfPrinter}, and close it
 * (and remove its temporary profile) however `fn` ends. Reuse the printer for
 * every PDF of a run: launching costs far more than printing.
 *
 * @throws {ScorecardError} `NOT_FOUND_BROWSER`, or `PRINT_FAILED` if the browser will not start.
 */
export async function withBrowser<T>(
  options: {browserPath?: string | undefined; log?: ((message: string) => void) | undefined},
  fn: (printer: PdfPrinter) => Promise<T>,
): Promise<T> {
  const printer = await launchPrinter(options)
  try {
    return await fn(printer)
  } finally {
    await printer.close()
  }
}

/**
 * Launch a browser and return a printer the caller must close. `build` starts
 * this before checking the content, so that Chromium starts up while Node
 * works; prefer {@link withBrowser} otherwise.
 *
 * @throws {ScorecardError} `NOT_FOUND_BROWSER`, or `PRINT_FAILED` if the browser will not start.
 */
export async function launchPrinter(options: {
  browserPath?: string | undefined
  log?: ((message: string) => void) | undefined
}): Promise<OpenPrinter> {
  const log = options.log ?? (() => {})
  const location = findBrowser({browserPath: options.browserPath})
  const origin = location.source === 'option' ? '--browser-path' : location.source
  log(`Using browser ${location.path} (${origin === 'system' ? 'found in a usual location' : `from ${origin}`})`)
  const sandbox = sandboxDecision()
  if (sandbox.noSandbox) log(`Chromium sandbox disabled: ${sandbox.reason ?? 'required here'}`)

  const {default: puppeteer} = await import('puppeteer-core')
  // A fresh profile per run: nothing cached or remembered leaks between builds.
  await removeStaleProfiles()
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), profilePrefix))
  await writeFile(path.join(userDataDir, profileOwnerFile), JSON.stringify({pid: process.pid, host: os.hostname()}))
  // puppeteer answers Ctrl-C with process.exit(), which skips `finally`.
  const removeProfileOnExit = () => rmSync(userDataDir, {recursive: true, force: true})
  process.once('exit', removeProfileOnExit)
  let browser: Browser | undefined
  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (browser !== undefined) await closeBrowser(browser)
      await rm(userDataDir, {recursive: true, force: true, maxRetries: 3, retryDelay: 100})
      process.removeListener('exit', removeProfileOnExit)
    })())
  try {
    browser = await puppeteer.launch({
      executablePath: location.path,
      headless: true,
      // Talk over stdio: no DevTools port is opened on the machine.
      pipe: true,
      userDataDir,
      args: launchArgs(sandbox),
    })
  } catch (error) {
    await close()
    const message = messageOf(error)
    throw new ScorecardError('PRINT_FAILED', `The browser at ${location.path} did not start: ${message}`, {
      cause: error,
      hint: /sandbox/i.test(message)
        ? 'Chromium could not set up its sandbox here. If the report sources are trusted, set PUPPETEER_DANGEROUS_NO_SANDBOX=true to run without it.'
        : 'Point --browser-path at another Chrome, Chromium or Edge.',
    })
  }
  log(`Launched browser (pid ${browser.process()?.pid ?? 'unknown'}, profile ${userDataDir})`)
  return {...createPrinter(browser, log), close}
}

/**
 * Print one document with a browser of its own. Prefer {@link withBrowser}
 * when printing more than one.
 */
export async function printPdf(html: string, options: PrintOptions): Promise<PrintResult> {
  return withBrowser({browserPath: options.browserPath, log: options.log}, (printer) => printer.print(html, options))
}

function createPrinter(browser: Browser, defaultLog: (message: string) => void): PdfPrinter {
  let dead: string | undefined
  return {
    async print(html, options) {
      if (dead !== undefined) throw new ScorecardError('PRINT_FAILED', `The browser is closed: ${dead}.`)
      const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
      const log = options.log ?? defaultLog
      const timedOut = Symbol('timed out')
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), timeoutMs)
      })
      const work = printDocument(browser, html, options, timeoutMs, log)
      try {
        const outcome = await Promise.race([work, deadline])
        if (outcome !== timedOut) return outcome
      } catch (error) {
        if (error instanceof ScorecardError) throw error
        const timeout = error instanceof Error && error.name === 'TimeoutError'
        throw new ScorecardError(timeout ? 'PRINT_TIMEOUT' : 'PRINT_FAILED', `Printing the PDF failed: ${messageOf(error)}`, {
          cause: error,
        })
      } finally {
        clearTimeout(timer)
      }
      // Killing the browser is the only way to stop a print in progress.
      dead = `a print took longer than ${timeoutMs} ms`
      work.catch(() => {})
      await killBrowser(browser)
      throw new ScorecardError('PRINT_TIMEOUT', `Printing the PDF took longer than ${timeoutMs} ms.`, {
        hint: 'Raise the timeout, or look for a very large document or an image that never finishes decoding.',
      })
    },
  }
}

async function printDocument(
  browser: Browser,
  html: string,
  options: PrintOptions,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<PrintResult> {
  const lib = await import('pdf-lib')
  const page = await browser.newPage()
  const blocked = new Set<string>()
  const warnings: string[] = []
  try {
    await isolate(page, blocked)
    await page.setContent(html, {waitUntil: 'load', timeout: timeoutMs})
    const structure = await page.evaluate(readStructure, tocSlots)
    const {targets} = structure

    let passes = 0
    // A measuring pass only has to say where the contents targets land: it
    // is printed without the structure tree and outline, which take Chromium
    // about half of a full print, and which cannot move a page break.
    const render = async (kind: 'full' | 'measure'): Promise<Printed> => {
      passes++
      const started = performance.now()
      const full = kind === 'full'
      const bytes = await page.pdf({
        format: options.pageSize ?? 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        outline: full,
        tagged: full,
        waitForFonts: true,
        timeout: timeoutMs,
      })
      const doc = await lib.PDFDocument.load(bytes, {updateMetadata: false})
      const outline = full ? readOutline(lib, doc, structure.headings) : []
      log(`PDF pass ${passes}${full ? '' : ' (measuring)'}: ${doc.getPageCount()} pages in ${Math.round(performance.now() - started)} ms`)
      return {doc, outline, pages: locateTargets(lib, doc, targets, outline), full}
    }

    let written = new Map<string, number>()
    const expected = options.expectedPages
    const known = expected !== undefined && targets.length > 0 && targets.every(({id}) => expected[id] !== undefined)
    if (known) {
      written = new Map(targets.map(({id}) => [id, expected[id]!]))
      await page.evaluate(writeTocNumbers, Object.fromEntries(written), tocSlots)
    }
    // With numbers to confirm, the first pass may be the last, so it is a
    // full one; without, its only use is to learn the numbers.
    let printed = await render(known || targets.length === 0 ? 'full' : 'measure')
    if (targets.length > 0) {
      while (!printed.full || !sameNumbers(printed.pages, written, targets)) {
        if (passes === maxPasses) {
          warnings.push(`Contents page numbers still moved after ${maxPasses} passes; some may be off.`)
          break
        }
        written = printed.pages
        await page.evaluate(writeTocNumbers, Object.fromEntries(written), tocSlots)
        printed = await render('full')
      }
    }

    const tocPages: Record<string, number> = {}
    for (const {id} of targets) {
      const number = printed.pages.get(id)
      if (number === undefined) warnings.push(`Contents entry #${id} points at nothing in the PDF.`)
      else tocPages[id] = number
    }
    repairOutlineTitles(lib, printed.outline, structure.headings)
    const pdf = await finalize(lib, printed.doc, options.metadata)
    return {
      pdf,
      pageCount: printed.doc.getPageCount(),
      tocPages,
      passes,
      warnings: [...[...blocked].map((url) => `Blocked request to ${url}`), ...warnings],
    }
  } finally {
    await page.close().catch(() => {})
  }
}

/**
 * Cut the page off from everything but its own bytes.
 *
 * Scripts are disabled (`page.evaluate` still works: it runs through the
 * DevTools protocol, not the page). The document's own CSP is bypassed so
 * that outside references reach the interceptor and are reported rather than
 * silently refused; the interceptor then aborts everything but `data:`. The
 * launch flags make host names unresolvable as a second line of defence.
 */
async function isolate(page: Page, blocked: Set<string>): Promise<void> {
  await page.setJavaScriptEnabled(false)
  await page.setBypassCSP(true)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    const url = request.url()
    const allowed = url.startsWith('data:') || url === 'about:blank'
    if (!allowed) blocked.add(url)
    // The page may close while a request is pending; nothing is left to answer then.
    void (allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => {})
  })
  // file:, chrome: and blob: references are refused by Chromium itself, before
  // any request exists; its console message is the only trace of them.
  page.on('console', (message) => {
    const refused = /^Not allowed to load local resource: (\S+)/.exec(message.text())
    if (refused?.[1] !== undefined) blocked.add(refused[1])
  })
}

/** The contents page slots, as render writes them: passed to the page functions, which cannot import. */
interface TocSlots {
  selector: string
  attribute: string
}

const tocSlots: TocSlots = {selector: tocPageSelector, attribute: tocPageForAttribute}

/** What the print loop needs to know about the document, read once from the page. */
interface Structure {
  /** Every h1–h6 in document order: the text a bookmark should show, and the squashed forms Chromium may have written. */
  headings: Array<{text: string; keys: string[]}>
  /** Contents entries: the id each links to, and the index of its heading (-1 if it has none). */
  targets: Array<{id: string; heading: number}>
}

/** Runs in the page. */
function readStructure(slots: TocSlots): Structure {
  const selector = 'h1, h2, h3, h4, h5, h6'
  // Spaces and punctuation dropped: Chromium leaves out a visually hidden ": " between title and subtitle.
  const squash = (text: string): string => text.replace(/[\s\p{P}]+/gu, '').toLowerCase()
  const elements = Array.from(document.querySelectorAll<HTMLElement>(selector))
  const headings = elements.map((element) => {
    const content = (element.textContent ?? '').replace(/\s+/g, ' ').trim()
    // innerText separates block-level parts ("Title" + display:block "Subtitle"), but
    // it also applies text-transform; use it only when it changes nothing but spacing.
    // innerText puts a line break between a title and a block subtitle, which must not become " : ".
    const rendered = element.innerText.replace(/\s+/g, ' ').replace(/ ([:;,.])/g, '$1').trim()
    const text = rendered.replace(/ /g, '') === content.replace(/ /g, '') ? rendered : content
    return {text, keys: [...new Set([squash(content), squash(rendered)])]}
  })
  const ids = Array.from(document.querySelectorAll<HTMLElement>(slots.selector), (span) => span.getAttribute(slots.attribute) ?? '')
  const targets = [...new Set(ids)]
    .filter((id) => id !== '')
    .map((id) => {
      const element = document.getElementById(id)
      const heading = element?.matches(selector) ? element : element?.querySelector<HTMLElement>(selector)
      return {id, heading: heading ? elements.indexOf(heading) : -1}
    })
  return {headings, targets}
}

/** Runs in the page; `slots` as for {@link readStructure}. */
function writeTocNumbers(numbers: Record<string, number>, slots: TocSlots): void {
  for (const span of Array.from(document.querySelectorAll<HTMLElement>(slots.selector))) {
    const number = numbers[span.getAttribute(slots.attribute) ?? '']
    span.textContent = number === undefined ? '' : String(number)
  }
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>, targets: Structure['targets']): boolean {
  return targets.every(({id}) => a.get(id) === b.get(id))
}

type PdfLib = typeof import('pdf-lib')

/** One PDF's parse, with what the print loop learnt from it. */
interface Printed {
  doc: PDFDocument
  outline: OutlineItem[]
  /** Page number by contents target id. */
  pages: Map<string, number>
  /** Whether this PDF has the structure tree and outline (a measuring pass has neither). */
  full: boolean
}

/** An outline (bookmark) entry, matched to the heading it was made from when possible. */
interface OutlineItem {
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
function locateTargets(
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
function readOutline(lib: PdfLib, doc: PDFDocument, headings: Structure['headings']): OutlineItem[] {
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
function repairOutlineTitles(lib: PdfLib, outline: OutlineItem[], headings: Structure['headings']): void {
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
async function finalize(lib: PdfLib, doc: PDFDocument, metadata: PdfMetadata): Promise<Uint8Array> {
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

  const save = () => doc.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
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
    const doc = await lib.PDFDocument.load(pdf, {updateMetadata: false})
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

const profilePrefix = 'scorecard-chrome-'
/** Written into each profile: the process that owns it, so a later run can tell a leftover. */
const profileOwnerFile = 'scorecard-owner.json'

/**
 * Remove browser profiles left in the temp folder by builds that died
 * without cleaning up (`kill -9`): those whose owner process on this host is
 * gone, and unowned ones older than a day.
 */
export async function removeStaleProfiles(tmp: string = os.tmpdir()): Promise<string[]> {
  const removed: string[] = []
  const names = await readdir(tmp).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(profilePrefix)) continue
    const dir = path.join(tmp, name)
    let stale = false
    try {
      const owner = JSON.parse(await readFile(path.join(dir, profileOwnerFile), 'utf8')) as {pid?: unknown; host?: unknown}
      stale = owner.host === os.hostname() && typeof owner.pid === 'number' && !processAlive(owner.pid)
    } catch {
      const stats = await stat(dir).catch(() => undefined)
      stale = stats !== undefined && stats.isDirectory() && Date.now() - stats.mtimeMs > 24 * 60 * 60 * 1000
    }
    if (!stale) continue
    await rm(dir, {recursive: true, force: true}).catch(() => {})
    removed.push(dir)
  }
  return removed
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Close gracefully; kill the process tree if that does not finish in time. */
async function closeBrowser(browser: Browser): Promise<void> {
  if (!(await settlesWithin(browser.close(), closeGraceMs))) await killBrowser(browser)
}

/**
 * Kill Chromium with all its helper processes. puppeteer starts it as the
 * leader of its own process group on POSIX, so the group id reaches the
 * renderers and the zygote too; on Windows taskkill walks the tree.
 */
async function killBrowser(browser: Browser): Promise<void> {
  const child = browser.process()
  if (child === null || child.pid === undefined || hasExited(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    if (process.platform === 'win32') execFile('taskkill', ['/pid', String(child.pid), '/T', '/F'], () => {})
    else process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
  await settlesWithin(exited, closeGraceMs)
  // Let puppeteer notice the dead connection and release its listeners.
  await settlesWithin(browser.close(), closeGraceMs)
}

/** Whether `promise` fulfils within `ms`; never rejects. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true, () => false), expired])
  } finally {
    clearTimeout(timer)
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
