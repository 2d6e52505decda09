import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ScorecardError} from '../../src/core/errors.js'
import {fontFaceCss, sansStack, serifStack, symbolFamily, symbolStack} from '../../src/render/fonts.js'
import {printPdf, withBrowser, type PdfMetadata, type PdfPrinter, type PrintResult} from '../../src/print/index.js'
import {fixtureCss, fixtureHtml} from './fixture/assemble.js'
import {pageText, readOutline, tocEntries} from './pdf-helpers.js'

const fixture = new URL('fixture/report.html', import.meta.url)
const tmp = mkdtempSync(path.join(os.tmpdir(), 'scorecard-print-test-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

const metadata: PdfMetadata = {
  title: "Kazakhstan's OSCE Chairmanship 2010: Interim Assessment",
  author: 'Scorecard contributors',
  subject: 'Interim assessment of the 2010 OSCE chairmanship, as of 31 October 2010',
  keywords: ['OSCE', 'Kazakhstan', 'human rights'],
  creator: 'Scorecard 0.1.0',
  lang: 'en',
  date: new Date('2010-10-31T00:00:00Z'),
}

/** One printer for the whole file, closed after the last test: launching is the slow part. */
function sharedPrinter(): {printer: () => PdfPrinter} {
  let printer: PdfPrinter | undefined
  let release = () => {}
  let session: Promise<void> | undefined
  beforeAll(async () => {
    await new Promise<void>((ready, fail) => {
      session = withBrowser({}, (p) => {
        printer = p
        ready()
        return new Promise<void>((resolve) => (release = resolve))
      })
      session.catch(fail)
    })
  })
  afterAll(async () => {
    release()
    await session
  })
  return {
    printer: () => {
      if (printer === undefined) throw new Error('printer not ready')
      return printer
    },
  }
}

/** poppler reads files, so each PDF under test is written to a temporary folder. */
function tmpFile(name: string, bytes: Uint8Array): string {
  const file = path.join(tmp, name)
  writeFileSync(file, bytes)
  return file
}

/** Live (non-zombie) processes in the process group `pgid`. */
function liveProcessesInGroup(pgid: number): number[] {
  if (!existsSync('/proc/self/stat')) {
    // No procfs (macOS): signal 0 to the group tells whether any member is left.
    try {
      process.kill(-pgid, 0)
      return [pgid]
    } catch {
      return []
    }
  }
  const live: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // Fields after the command name, which may itself contain spaces: state ppid pgrp …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === pgid && state !== 'Z') live.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return live
}

/** The browser's pid (also its process group) and profile folder, from the verbose log. */
function launchedBrowser(log: string[]): {pid: number; profile: string} {
  const match = log.map((line) => /^Launched browser \(pid (\d+), profile (\S+)\)$/.exec(line)).find(Boolean)
  if (!match) throw new Error(`no launch in log: ${log.join(' / ')}`)
  return {pid: Number(match[1]), profile: match[2]!}
}

const {printer} = sharedPrinter()

describe('printing the report fixture', () => {
  let html: string
  let result: PrintResult
  let doc: PDFDocument
  let file: string

  beforeAll(async () => {
    html = await fixtureHtml()
    result = await printer().print(html, {metadata})
    doc = await PDFDocument.load(result.pdf, {updateMetadata: false})
    file = tmpFile('report.pdf', result.pdf)
  })

  it('prints every page, with contents numbers settled in two passes and nothing blocked', () => {
    expect(result.pageCount).toBe(doc.getPageCount())
    expect(result.pageCount).toBeGreaterThanOrEqual(8)
    expect(result.passes).toBe(2)
    expect(result.warnings).toEqual([])
    expect(Buffer.from(result.pdf.subarray(0, 5)).toString()).toBe('%PDF-')
    const [width, height] = [doc.getPage(1).getWidth(), doc.getPage(1).getHeight()]
    expect(Math.round((width / 72) * 25.4)).toBe(210)
    expect(Math.round((height / 72) * 25.4)).toBe(297)
  })

  it('writes the metadata, language and a tagged structure', () => {
    expect(doc.getTitle()).toBe(metadata.title)
    expect(doc.getAuthor()).toBe(metadata.author)
    expect(doc.getSubject()).toBe(metadata.subject)
    expect(doc.getKeywords()).toBe('OSCE, Kazakhstan, human rights')
    expect(doc.getCreator()).toBe(metadata.creator)
    expect(doc.getProducer()).toMatch(/^Skia\/PDF/)
    expect(doc.getCreationDate()?.toISOString()).toBe(metadata.date.toISOString())
    expect(doc.getModificationDate()?.toISOString()).toBe(metadata.date.toISOString())
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en')
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined()
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined()

    const info = execFileSync('pdfinfo', [file], {encoding: 'utf8'})
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^Title:\s+Kazakhstan's OSCE Chairmanship 2010: Interim Assessment$/m)
    expect(info).toMatch(/^CreationDate:\s+Sun Oct 31 00:00:00 2010 UTC$/m)
  })

  it('keeps the outline: cover title, then chapters with their priorities', () => {
    const outline = readOutline(doc)
    const titles = outline.map((entry) => entry.title)
    // Chromium writes "Kazakhstan's OSCE Chairmanship2010Interim Assessment" and
    // "ContentsContents"; the print stage restores the headings' own text.
    expect(outline[0]).toMatchObject({title: "Kazakhstan's OSCE Chairmanship 2010 Interim Assessment", page: 1})
    const chapters = outline.filter((entry) => entry.depth === 1).map((entry) => entry.title)
    expect(chapters).toEqual([
      'Contents',
      'Executive Summary',
      'Politico-Military Dimension',
      'Economic and Environmental Dimension',
      'Human Dimension',
      'Chronology of the Chairmanship',
      'Appendix: Evidence',
    ])
    const human = titles.indexOf('Human Dimension')
    expect(titles).toContain('Rating scale')
    expect(titles.slice(human + 1, human + 5)).toEqual([
      'Preserving the autonomy of ODIHR',
      'Media freedom at home',
      'High-level conference on tolerance',
      'Election observation in the region',
    ])
  })

  it('numbers each contents entry with the page its heading is printed on', () => {
    const entries = tocEntries(html)
    expect(entries.length).toBeGreaterThan(10)
    expect(Object.keys(result.tocPages)).toEqual(entries.map((entry) => entry.id))
    const contents = pageText(file, 2)
    for (const {id, label} of entries) {
      const page = result.tocPages[id]!
      expect(page, id).toBeGreaterThan(2)
      expect(pageText(file, page), `${label} on page ${page}`).toContain(label)
      expect(contents).toContain(`${label} ${page}`)
    }
    const pages = entries.map((entry) => result.tocPages[entry.id]!)
    expect(pages).toEqual([...pages].sort((a, b) => a - b))
  })

  it('runs heads on every page but the cover, in the CSIS manner', () => {
    const cover = pageText(file, 1)
    expect(cover).toContain("Kazakhstan's OSCE Chairmanship 2010")
    expect(cover).not.toMatch(/scorecard contributors \|/)
    expect(cover).not.toMatch(/\| kazakhstan/)
    for (let page = 2; page <= result.pageCount; page++) {
      const text = pageText(file, page)
      if (page % 2 === 0) expect(text.startsWith(`${page} | kazakhstan's osce chairmanship 2010: interim assessment`), text.slice(0, 80)).toBe(true)
      else expect(text.startsWith(`scorecard contributors | ${page}`), text.slice(0, 80)).toBe(true)
    }
  })

  it('never leaves a heading at the foot of a page', () => {
    const bottomMargin = (22 / 25.4) * 72
    const lineHeight = 10.5 * 1.42
    for (const entry of readOutline(doc).filter((item) => item.depth > 0)) {
      // The heading's top must leave room below for itself and three lines of what follows.
      expect(entry.top, `${entry.title} on page ${entry.page}`).toBeGreaterThan(bottomMargin + 5 * lineHeight)
    }
  })

  it('repeats the table header on each page the table crosses', () => {
    const tablePages: number[] = []
    for (let page = 1; page <= result.pageCount; page++) {
      const text = pageText(file, page)
      if (/2010-\d\d-\d\d [A-Z][a-z]/.test(text)) {
        tablePages.push(page)
        expect(text, `page ${page}`).toMatch(/Date Event Dimension/)
      }
    }
    expect(tablePages.length).toBeGreaterThanOrEqual(2)
  })

  it('embeds the bundled fonts, including the one for status symbols', () => {
    const fonts = execFileSync('pdffonts', [file], {encoding: 'utf8'})
    expect(fonts).toMatch(/SourceSerif4-Regular/)
    expect(fonts).toMatch(/SourceSerif4-Italic/)
    expect(fonts).toMatch(/SourceSans3\S*-(Bold|SemiBold)/)
    expect(fonts).toMatch(/DejaVuSans/)
    expect(fonts).not.toMatch(/ no +no /) // every font embedded
    const summary = pageText(file, result.tocPages['executive-summary']!)
    for (const symbol of ['✔', '▲', '◆', '■', '▼']) expect(summary).toContain(symbol)
  })

  it('gives the same bytes in one pass when the contents numbers are known, as a rebuild does', async () => {
    const known = await withBrowser({}, (printer) => printer.print(html, {metadata, expectedPages: result.tocPages}))
    expect(known.passes).toBe(1)
    // Chromium names table header cells after DOM node ids, which a measuring pass moves on; finalize renumbers them.
    expect(Buffer.from(known.pdf).toString('latin1')).toMatch(/\/ID \(node00000001\)/)
    expect(Buffer.compare(Buffer.from(known.pdf), Buffer.from(result.pdf))).toBe(0)
  })

  it('gives the same bytes for the same HTML and metadata, even from another browser process', async () => {
    const log: string[] = []
    const again = await printPdf(html, {metadata, log: (message) => log.push(message)})
    expect(again.pdf.length).toBe(result.pdf.length)
    expect(Buffer.compare(Buffer.from(again.pdf), Buffer.from(result.pdf))).toBe(0)
    // printPdf closed its browser and removed its profile.
    const launched = launchedBrowser(log)
    expect(liveProcessesInGroup(launched.pid)).toEqual([])
    expect(existsSync(launched.profile)).toBe(false)
  })
})

describe('printing small documents', () => {
  it('blocks every outside request, reports it, and lets no byte reach the network', async () => {
    const seen = {requests: 0, connections: 0}
    const server: Server = createServer((_request, response) => {
      seen.requests++
      response.end('x')
    })
    server.on('connection', () => seen.connections++)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const body = `
        <link rel="stylesheet" href="${origin}/style.css">
        <link rel="preconnect" href="${origin}">
        <style>
          @font-face { font-family: Remote; src: url("${origin}/font.woff2"); }
          .bg { font-family: Remote, serif; background: url("${origin}/bg.png"); }
        </style>
        <h1 class="bg">Outside references</h1>
        <img src="${origin}/image.png" alt="">
        <img src="https://example.com/remote.png" alt="">
        <img src="file:///etc/hostname" alt="">
        <iframe src="${origin}/frame.html"></iframe>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" alt="">
        <script src="${origin}/script.js"></script>`
      const result = await printer().print(await fixtureHtml({body}), {metadata})
      const blocked = result.warnings.filter((warning) => warning.startsWith('Blocked request to ')).sort()
      expect(blocked).toEqual(
        [
          `${origin}/bg.png`,
          `${origin}/font.woff2`,
          `${origin}/frame.html`,
          `${origin}/image.png`,
          `${origin}/style.css`,
          'file:///etc/hostname',
          'https://example.com/remote.png',
        ]
          .map((url) => `Blocked request to ${url}`)
          .sort(),
      )
      expect(result.pageCount).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(seen).toEqual({requests: 0, connections: 0})
    } finally {
      server.close()
    }
  })

  it('prints on Letter paper, with the cover still on one page', async () => {
    const cover = /<header class="cover"[\s\S]*?<\/header>/.exec(await readFile(fixture, 'utf8'))![0]
    const body = `${cover}<main><section class="chapter" id="one"><h2 class="chapter__title">One</h2><p>Text.</p></section></main>`
    const result = await printer().print(await fixtureHtml({body, page: {pageSize: 'Letter'}}), {metadata, pageSize: 'Letter'})
    const doc = await PDFDocument.load(result.pdf)
    expect(doc.getPages().map((page) => [page.getWidth(), page.getHeight()])).toEqual([
      [612, 792],
      [612, 792],
    ])
    const file = tmpFile('letter.pdf', result.pdf)
    expect(pageText(file, 1)).toContain('Interim Assessment')
    expect(pageText(file, 2)).toBe("2 | kazakhstan's osce chairmanship 2010: interim assessment One Text.")
  })

  it('moves a priority that would start at the foot of a page to the next page', async () => {
    // 225 mm of the 250 mm text area taken: without break-after: avoid and orphans,
    // the heading lands about 40 pt above the bottom margin with a line or two under it.
    const paragraph = `<p>${"Delegations in Vienna describe the chair's approach as methodical rather than ambitious. ".repeat(8)}</p>`
    const body = `<main><section class="chapter" id="c"><div style="height: 225mm"></div>
      <article class="priority" id="p"><header class="priority__header"><h3 class="priority__title">Heading at the foot</h3>
      <p class="priority__status"><span class="status status--stalled"><span class="status__symbol">■</span> <span class="status__label">Stalled</span></span></p></header>
      <div class="priority__assessment">${paragraph}${paragraph}</div></article></section></main>`
    const result = await printer().print(await fixtureHtml({body}), {metadata})
    const [heading] = readOutline(await PDFDocument.load(result.pdf))
    expect(heading).toMatchObject({title: 'Heading at the foot', page: 2})
  })

  it('prints a document without contents in one pass', async () => {
    const result = await printer().print(await fixtureHtml({body: '<main><h1>Hello</h1><p>World</p></main>'}), {metadata})
    expect(result).toMatchObject({pageCount: 1, passes: 1, tocPages: {}, warnings: []})
  })

  it('finds a contents target through the outline when no link names it, and reports one that is missing', async () => {
    const body = `
      <nav class="toc"><ol>
        <li><a href="#elsewhere"><span class="toc-label">Second</span> <span class="toc-page" data-for="second"></span></a></li>
        <li><a href="#nowhere"><span class="toc-label">Missing</span> <span class="toc-page" data-for="nowhere"></span></a></li>
      </ol></nav>
      <section class="chapter" id="first"><h2>First</h2><p>One.</p></section>
      <section class="chapter" id="second"><h2>Second</h2><p>Two.</p></section>`
    const result = await printer().print(await fixtureHtml({body}), {metadata})
    expect(result.tocPages).toEqual({second: 3})
    expect(result.warnings).toEqual(['Contents entry #nowhere points at nothing in the PDF.'])
  })

  it('prints again until the contents numbers stop moving', async () => {
    // Numbers that take a line of their own once filled in push everything
    // after the contents one page further: the second pass disagrees with the first.
    const items = Array.from({length: 40}, (_, i) => `<li><a href="#c${i % 2}"><span class="toc-label">Entry ${i}</span><span class="toc-page" data-for="c${i % 2}"></span></a></li>`)
    const body = `
      <style>.toc .toc-page:not(:empty) { display: block; height: 6mm; } .toc .toc-page:empty { display: none; } .toc a { display: block; }</style>
      <nav class="toc"><ol>${items.join('')}</ol></nav>
      <section class="chapter" id="c0"><h2>Zero</h2></section>
      <section class="chapter" id="c1"><h2>One</h2></section>`
    const html = await fixtureHtml({body})
    const result = await printer().print(html, {metadata})
    expect(result.passes).toBe(3)
    const file = tmpFile('reflow.pdf', result.pdf)
    expect(pageText(file, result.tocPages['c0']!)).toContain('Zero')
    expect(pageText(file, result.tocPages['c1']!)).toContain('One')
  })
})

describe('fontFaceCss', () => {
  it('inlines every face as woff2, once per process', async () => {
    const css = await fontFaceCss()
    expect(fontFaceCss()).toBe(fontFaceCss())
    const faces = css.match(/@font-face \{[^}]*\}/g) ?? []
    // Serif 400, 400 italic, 600, 600 italic and sans 400, 600, 700, each in four subsets; one symbol face.
    expect(faces).toHaveLength(7 * 4 + 1)
    for (const face of faces) {
      expect(face).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\('woff2'\);/)
      expect(face).toMatch(/unicode-range: U\+/)
    }
    const symbols = faces.filter((face) => face.includes(`font-family: '${symbolFamily}'`))
    expect(symbols).toHaveLength(1)
    // ✔ U+2714 and the geometric shapes ▲ ◆ ■ ▼ (U+25B2, U+25C6, U+25A0, U+25BC).
    expect(symbols[0]).toMatch(/U\+25A0-25FF/)
    expect(symbols[0]).toMatch(/U\+2600-27BF/)
    expect(css).toContain(`--font-serif: ${serifStack};`)
    expect(css).toContain(`--font-sans: ${sansStack};`)
    expect(css).toContain(`--font-symbol: ${symbolStack};`)
    expect(css).not.toMatch(/url\((?!data:)/)
  })
})

describe("render's style sheet: the page-css partial", () => {
  it('sets A4 or Letter, and escapes running-head text', async () => {
    const a4 = await fixtureCss()
    expect(a4).toMatch(/size: A4;/)
    expect(a4).toMatch(/--page-height: 297mm;/)
    expect(a4).toContain(`@top-left {\n    content: counter(page) "\\2002|\\2002" "Kazakhstan's OSCE Chairmanship 2010: Interim Assessment";`)
    expect(a4).toContain(`content: "scorecard contributors" "\\2002|\\2002" counter(page);`)

    const letter = await fixtureCss({shortTitle: 'A "quoted" </style> title', runningAuthor: '', pageSize: 'Letter'})
    expect(letter).toMatch(/size: letter;/)
    expect(letter).toMatch(/--page-height: 279.4mm;/)
    expect(letter).toContain('"A \\"quoted\\" \\3c /style\\3e  title"')
    expect(letter).not.toContain('</style>')
    expect(letter).toMatch(/@top-right {\n {4}content: counter\(page\);/)
  })
})

describe('failures', () => {
  it('times out with PRINT_TIMEOUT, kills the browser and removes its profile', async () => {
    const log: string[] = []
    const html = await fixtureHtml()
    await withBrowser({log: (message) => log.push(message)}, async (printer) => {
      const error = await printer.print(html, {metadata, timeoutMs: 50}).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ScorecardError)
      expect(error).toMatchObject({code: 'PRINT_TIMEOUT', exitCode: 5})
      await expect(printer.print(html, {metadata})).rejects.toMatchObject({code: 'PRINT_FAILED'})
    })
    const launched = launchedBrowser(log)
    expect(liveProcessesInGroup(launched.pid)).toEqual([])
    expect(existsSync(launched.profile)).toBe(false)
  })

  it('after a print, ends every process of the browser and removes its profile', async () => {
    const log: string[] = []
    const printed = await printPdf('<!doctype html><title>t</title><p>x</p>', {metadata, log: (message) => log.push(message)})
    expect(printed.pageCount).toBe(1)
    const launched = launchedBrowser(log)
    expect(liveProcessesInGroup(launched.pid)).toEqual([])
    expect(existsSync(launched.profile)).toBe(false)
  })

  it('reports a missing --browser-path before launching anything', async () => {
    await expect(printPdf('<p>x</p>', {metadata, browserPath: '/no/such/chrome'})).rejects.toMatchObject({
      code: 'NOT_FOUND_BROWSER',
    })
  })
})
