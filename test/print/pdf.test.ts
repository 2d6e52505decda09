/**
 * End to end: the bundled example printed by real Chromium through `build`,
 * read back with pdf-lib and poppler. What the print stage does with any
 * document (running heads, headings kept with their text, table headers,
 * fonts, bytes) is tested once, on the fixture, in print.test.ts; this file
 * checks what only a whole build shows: metadata from scorecard.yml, the
 * example's outline and contents, and build's page-size option.
 */
import {execFileSync} from 'node:child_process'
import {mkdtemp, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/index.js'
import {project, repoRoot} from '../helpers.js'
import {expectScanMatchesPdfjs, pageText, readOutline, tocEntries} from './pdf-helpers.js'

const epoch = '1288483200' // 2010-10-31T00:00:00Z
let previousEpoch: string | undefined
let pdfPath: string
let html: string
let doc: PDFDocument
let layout: Awaited<ReturnType<typeof build>>['layout']

beforeAll(async () => {
  previousEpoch = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = epoch
  const out = await mkdtemp(path.join(tmpdir(), 'scorecard-pdf-'))
  const result = await build(repoRoot, {out, formats: ['html', 'pdf'], cwd: repoRoot})
  expect(result.ok).toBe(true)
  expect(result.printWarnings).toEqual([])
  layout = result.layout
  pdfPath = path.join(out, 'report.pdf')
  html = await readFile(path.join(out, 'report.html'), 'utf8')
  doc = await PDFDocument.load(await readFile(pdfPath), {updateMetadata: false})
  // A full build, printed and audited, on a machine that may be shared.
}, 240_000)

afterAll(() => {
  if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = previousEpoch
})

describe('PDF of the bundled example', () => {
  it('carries title, author, subject, keywords, creator and dates from SOURCE_DATE_EPOCH', () => {
    expect(doc.getTitle()).toBe('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
    expect(doc.getAuthor()).toBe('Scorecard Project editors')
    expect(doc.getSubject()).toContain('22 stated priorities')
    expect(doc.getKeywords()).toContain('Human Dimension')
    expect(doc.getCreator()).toMatch(/^Scorecard \d+\.\d+\.\d+/)
    expect(doc.getCreationDate()?.toISOString()).toBe('2010-10-31T00:00:00.000Z')
    expect(doc.getModificationDate()?.toISOString()).toBe('2010-10-31T00:00:00.000Z')
  })

  it('is A4 (the default), with a plausible page count (pdfinfo)', () => {
    const info = execFileSync('pdfinfo', [pdfPath], {encoding: 'utf8'})
    expect(info).toMatch(/^Page size:.*\(A4\)$/m)
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])
    expect(pages).toBe(doc.getPageCount())
    expect(pages).toBeGreaterThan(25)
    expect(pages).toBeLessThan(80)
  })

  it('has bookmarks mirroring the heading tree', () => {
    const outline = readOutline(doc)
    const titles = outline.map((entry) => entry.title)
    for (const title of ['Contents', 'Executive Summary', 'Cross-Cutting Priorities', 'Politico-Military Dimension', 'Human Dimension', 'Appendix: Evidence'])
      expect(titles).toContain(title)
    for (const title of ['Updating the Vienna Document', 'Responding to the crisis in Kyrgyzstan']) {
      const entry = outline.find((item) => item.title === title)
      expect(entry, title).toBeDefined()
      // Priorities sit one level below their chapter.
      expect(entry!.depth).toBeGreaterThan(outline.find((item) => item.title === 'Politico-Military Dimension')!.depth)
    }
  })

  it('fills the contents with the real page of every entry', () => {
    const entries = tocEntries(html)
    expect(entries.length).toBeGreaterThan(20)
    // Page 2 is the imprint, the cover's verso.
    const contents = pageText(pdfPath, 3)
    expect(contents).toContain('Contents')
    for (const {label} of entries.slice(0, 12)) expect(contents).toContain(label.slice(0, 20))
    // Each entry's number, as printed on the contents page(s), leads to a page showing that heading.
    const tocText = [3, 4].map((page) => pageText(pdfPath, page)).join(' ')
    for (const {label} of entries) {
      const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*')
      const match = new RegExp(`${escaped}\\s*(\\d+)`).exec(tocText)
      expect(match, `contents entry "${label}"`).not.toBeNull()
      const page = Number(match![1])
      expect(pageText(pdfPath, page).replace(/\s+/g, ''), `"${label}" on page ${page}`).toContain(label.replace(/\s+/g, ''))
    }
  })
})

describe('typesetting of the bundled example', () => {
  it('is read by the audit’s fast reader as pdfjs reads it', async () => {
    const pages = await expectScanMatchesPdfjs(new Uint8Array(await readFile(pdfPath)))
    expect(pages).toHaveLength(doc.getPageCount())
    expect(pages.flatMap((page) => page.tables).length).toBeGreaterThan(0)
  }, 60_000)

  it('passes the layout audit with no findings', () => {
    expect(layout).toEqual([])
  })

  it('embeds only subset TrueType fonts from the bundled families, no Type 3 (pdffonts)', () => {
    const rows = execFileSync('pdffonts', [pdfPath], {encoding: 'utf8'}).trim().split('\n').slice(2)
    expect(rows.length).toBeGreaterThan(3)
    for (const row of rows) {
      expect(row, row).not.toMatch(/Type 3/)
      expect(row, row).toMatch(/^[A-Z]{6}\+(SourceSerif4|SourceSans3|DejaVuSans)\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/)
    }
  })

  it('gives the top bookmark the full title with its spaces', () => {
    expect(readOutline(doc)[0]?.title).toBe('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
    // Every bookmark shows the authors' titles typeset (issue 15); only the
    // appendix's source titles keep their straight apostrophes, as their publishers write them.
    const titles = readOutline(doc).map((entry) => entry.title)
    expect(titles.filter((title) => /['"]/.test(title)).sort()).toEqual([
      "Kazakhstan's OSCE Chairmanship 2010: Interim Report",
      "Kazakhstan's Practical Approach to Alleviating Humanitarian Crisis in Kyrgyzstan",
    ])
    expect(titles).toContain('Answering criticism of Kazakhstan’s own reform record')
  })

  it('has an imprint page with the funding disclosure and the disclaimer, and a back cover', () => {
    const imprint = pageText(pdfPath, 2).replace(/\s+/g, ' ')
    expect(imprint).toContain('funded through a grant from the government of Kazakhstan')
    expect(imprint).toContain('It is not a publication of the Center for Strategic and International Studies (CSIS)')
    expect(imprint).toMatch(/Cite as Scorecard Project editors, Kazakhstan.s OSCE Chairmanship 2010/)
    expect(imprint).toContain('Published in the Scorecard source repository, December 2026.')
    const back = pageText(pdfPath, doc.getPageCount()).replace(/\s+/g, ' ')
    expect(back).toContain('It is not a CSIS publication.')
    expect(back).not.toMatch(/\| \d/)
  })
})

describe('PDF determinism and options', () => {
  it('two builds with SOURCE_DATE_EPOCH set are byte-identical; Letter size is honoured', async () => {
    const dir = await project('minimal')
    const first = await build(dir, {cwd: dir, formats: ['pdf'], out: 'a', pageSize: 'Letter'})
    const second = await build(dir, {cwd: dir, formats: ['pdf'], out: 'b', pageSize: 'Letter'})
    expect(first.ok && second.ok).toBe(true)
    const a = await readFile(path.join(dir, 'a', 'report.pdf'))
    const b = await readFile(path.join(dir, 'b', 'report.pdf'))
    expect(a.equals(b)).toBe(true)
    const info = execFileSync('pdfinfo', [path.join(dir, 'a', 'report.pdf')], {encoding: 'utf8'})
    expect(info).toMatch(/^Page size:.*\(letter\)$/im)
  })
})
