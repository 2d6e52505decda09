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
import {rmSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {PDFDocument} from 'pdf-lib'
import type {Browser, Page} from 'puppeteer-core'
import {findBrowser, launchArgs, sandboxDecision} from './browser.js'
import {ScorecardError} from '../core/errors.js'
import {tocPageForAttribute, tocPageSelector} from '../core/dom-contract.js'
import {killBrowser, profileOwnerFile, profilePrefix, removeStaleProfiles} from './browser-process.js'
import type {AuditPage} from './audit-read.js'
import {readLayout} from './audit-scan.js'
import {finalize, locateTargets, readOutline, repairOutlineTitles, type PdfMetadata, type Printed, type Structure} from './pdf-document.js'

export type {PdfMetadata} from './pdf-document.js'
export {tocPagesOf} from './pdf-document.js'
export {removeStaleProfiles} from './browser-process.js'


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
  /**
   * The printed pages as the layout audit reads them (see audit-scan.ts),
   * from the parse the print already made: the audit needs no second one.
   * `declined` hears why the fast reader left the PDF to pdfjs, if it did.
   */
  readLayout(declined?: (reason: string) => void): Promise<AuditPage[]>
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
  /** Called once Chromium's process is being started (the launch then goes on without Node's help for a while). */
  onLaunching?: (() => void) | undefined
}): Promise<OpenPrinter> {
  const log = options.log ?? (() => {})
  const location = findBrowser({browserPath: options.browserPath})
  const origin = location.source === 'option' ? '--browser-path' : location.source
  log(`Using browser ${location.path} (${origin === 'system' ? 'found in a usual location' : `from ${origin}`})`)
  const sandbox = sandboxDecision()
  if (sandbox.noSandbox) log(`Chromium sandbox disabled: ${sandbox.reason ?? 'required here'}`)

  // pdf-lib is needed as soon as the first pass is printed: it loads (about
  // 0.4 s) while Chromium starts, not after.
  const pdfLib = import('pdf-lib')
  pdfLib.catch(() => {})
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
      // The profile is thrown away, so Chromium has nothing to save: killing
      // it spares the orderly shutdown, whose work otherwise competes with
      // the layout audit for the CPU (a PDF build of the example 0.1-0.4 s
      // faster; docs/performance.md, session 8).
      if (browser !== undefined) await killBrowser(browser)
      await rm(userDataDir, {recursive: true, force: true, maxRetries: 3, retryDelay: 100})
      process.removeListener('exit', removeProfileOnExit)
    })())
  try {
    const launching = puppeteer.launch({
      executablePath: location.path,
      headless: true,
      // Talk over stdio: no DevTools port is opened on the machine.
      pipe: true,
      userDataDir,
      args: launchArgs(sandbox),
    })
    // puppeteer spawns the process within a few microtasks of the call; by the next macrotask it is running.
    if (options.onLaunching) setImmediate(options.onLaunching)
    browser = await launching
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
  // The first print's tab opens now, while the caller is still rendering.
  const firstPage = openPage(browser, true)
  firstPage.catch(() => {})
  return {...createPrinter(browser, log, {pdfLib, firstPage}), close}
}

/**
 * Print one document with a browser of its own. Prefer {@link withBrowser}
 * when printing more than one.
 */
export async function printPdf(html: string, options: PrintOptions): Promise<PrintResult> {
  return withBrowser({browserPath: options.browserPath, log: options.log}, (printer) => printer.print(html, options))
}

/** What {@link launchPrinter} starts before the first print is asked for. */
interface Prepared {
  pdfLib?: Promise<PdfLib>
  firstPage?: Promise<IsolatedPage>
}

type PdfLib = typeof import('pdf-lib')

/** A tab cut off from the network (see {@link isolate}), with the requests it refused. */
interface IsolatedPage {
  page: Page
  blocked: Set<string>
}

/**
 * A tab for one print, cut off from the network. `initial`: use the blank tab
 * Chromium opens at launch, if it is there (the same bytes, and 0.15-0.4 s
 * less than opening another on the example).
 */
async function openPage(browser: Browser, initial = false): Promise<IsolatedPage> {
  const page = (initial ? (await browser.pages())[0] : undefined) ?? (await browser.newPage())
  const blocked = new Set<string>()
  await isolate(page, blocked)
  // The document is laid out for print from the start: the print then finds
  // its styles computed for the media it prints in. The same bytes, and
  // about 0.3 s less from load to PDF on the example (a fresh browser each
  // run: load 0.91-1.01 s and print 1.43-1.72 s, against 0.79-0.88 s and
  // 1.85-2.16 s in screen media).
  await page.emulateMediaType('print')
  return {page, blocked}
}

function createPrinter(browser: Browser, defaultLog: (message: string) => void, prepared: Prepared = {}): PdfPrinter {
  let dead: string | undefined
  // The prepared tab serves the first print only; every later one opens its own.
  let firstPage = prepared.firstPage
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
      const tab = firstPage ?? openPage(browser)
      firstPage = undefined
      const work = printDocument(tab, prepared.pdfLib ?? import('pdf-lib'), html, options, timeoutMs, log)
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
  tab: Promise<IsolatedPage>,
  pdfLib: Promise<PdfLib>,
  html: string,
  options: PrintOptions,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<PrintResult> {
  const {page, blocked} = await tab
  const warnings: string[] = []
  try {
    const lib = await pdfLib
    await page.setContent(html, {waitUntil: 'load', timeout: timeoutMs})
    const structure = await page.evaluate(readStructure, tocSlots)
    const {targets} = structure

    let passes = 0
    // A measuring pass only has to say where the contents targets land. It
    // is printed without the structure tree and outline, and with every box
    // hidden: `visibility` moves nothing on the page, Chromium still writes a
    // named destination for each id, and with nothing to paint the pass takes
    // a third of the time. The full pass then checks what it measured.
    const render = async (kind: 'full' | 'measure'): Promise<Printed> => {
      passes++
      const started = performance.now()
      const full = kind === 'full'
      if (!full) await page.evaluate(hideAll, hiddenStyleId)
      const bytes = await page.pdf({
        format: options.pageSize ?? 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        outline: full,
        tagged: full,
        waitForFonts: true,
        timeout: timeoutMs,
      })
      if (!full) await page.evaluate(showAll, hiddenStyleId)
      // Fastest: parse without yielding to the event loop every 100 objects (a
      // timer tick each, 60 of them for the example), as nothing else runs meanwhile.
      const doc = await lib.PDFDocument.load(bytes, {updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest})
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
      readLayout: (declined) => readLayout(pdf, {lib, doc: printed.doc}, declined),
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

const hiddenStyleId = 'scorecard-measuring-pass'

/** Runs in the page: hide every box for a measuring pass, without moving any. */
function hideAll(id: string): void {
  const style = document.createElement('style')
  style.id = id
  style.textContent = 'html, body, body *, body *::before, body *::after { visibility: hidden !important }'
  document.head.append(style)
}

/** Runs in the page: undo {@link hideAll}. */
function showAll(id: string): void {
  document.getElementById(id)?.remove()
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
