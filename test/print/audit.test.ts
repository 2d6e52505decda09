/**
 * The layout audit on PDFs printed by real Chromium: a clean document passes,
 * and each check fires on a document made to break it.
 */
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {auditPages, auditPdf, layoutRules, type AuditOptions, type LayoutFinding} from '../../src/print/audit.js'
import {withBrowser, type PdfPrinter} from '../../src/print/index.js'
import {expectScanMatchesPdfjs, fixtureMetadata} from './pdf-helpers.js'
import {bundledPdfFontNames, fontFaceCss} from '../../src/render/fonts.js'

const metadata = fixtureMetadata('Audit fixture')

let printer: PdfPrinter | undefined
let release = () => {}
let session: Promise<void> | undefined
let fonts = ''
beforeAll(async () => {
  fonts = await fontFaceCss('abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,')
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

const words = 'The chair convened the participating states and the talks went on through the summer months without a result. '
const paragraph = (sentences = 6): string => `<p>${words.repeat(sentences)}</p>`
const paragraphs = (count: number): string => Array.from({length: count}, () => paragraph()).join('\n')

/** A document in the bundled fonts with the report's page margins, after a cover page (page 1, which the audit leaves alone). */
function page(body: string, css = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audit fixture</title><style>${fonts}
@page { size: A4; margin: 25mm 27mm 22mm; }
html { font-family: 'Source Serif 4'; font-size: 10.5pt; line-height: 1.42; }
h2, h3, th { font-family: 'Source Sans 3'; }
h2 { break-before: page; font-size: 21pt; margin: 0 0 5mm; }
p { margin: 0 0 .55em; orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 4pt; border-bottom: 1px solid #888; }
${css}</style></head><body><h1>Cover</h1>${body}</body></html>`
}

/**
 * Print `html` and audit it as a build does (the print's own parse, read by
 * the fast reader). Each fixture is also read with pdfjs, which must see the
 * same pages, and from the bytes alone (`auditPdf`), which must find the same.
 */
async function audit(html: string, options: AuditOptions = {fonts: bundledPdfFontNames}): Promise<LayoutFinding[]> {
  if (!printer) throw new Error('printer not ready')
  const printed = await printer.print(html, {metadata})
  const findings = auditPages(await printed.readLayout(), options)
  await expectScanMatchesPdfjs(printed.pdf)
  expect(await auditPdf(printed.pdf, options)).toEqual(findings)
  return findings
}

const rows = (count: number, total = false): string =>
  Array.from({length: count}, (_, index) => `<tr><td>Row ${index + 1}</td><td>${index}</td></tr>`).join('') +
  (total ? '<tr><th scope="row">Total</th><td>99</td></tr>' : '')

describe('the layout audit', () => {
  it('passes a document that breaks well', async () => {
    const html = page(`<h2>One</h2>${paragraphs(14)}<h3>A section</h3>${paragraphs(3)}<h2>Two</h2>${paragraphs(4)}`)
    expect(await audit(html)).toEqual([])
  })

  it('finds a heading stranded at the foot of a page', async () => {
    // Text fills most of the page; the heading follows, and what it introduces is forced overleaf.
    const html = page(`<h2>One</h2>${paragraphs(8)}<h3>Stranded here</h3><p style="break-before: page">${words.repeat(8)}</p>${paragraphs(6)}`)
    const findings = await audit(html)
    expect(findings.filter((finding) => finding.ruleId === layoutRules.strandedHeading)).toMatchObject([
      {page: 3, reason: 'Heading "Stranded here" stands at the foot of the page with no text after it'},
    ])
  })

  it('counts a description list after a heading as text (Chromium tags dl, dt and dd as NonStruct)', async () => {
    // As the rating scale of a short report: the heading near the foot, its list under it, on the same page.
    const entries = ['Achieved', 'Stalled'].map((term) => `<dt>${term}</dt><dd>${words}</dd>`).join('')
    const html = page(`<h2>One</h2>${paragraphs(8)}<h3>Rating scale</h3><dl>${entries}</dl><p style="break-before: page">${words.repeat(8)}</p>`)
    const printed = await printer!.print(html, {metadata})
    const pages = await expectScanMatchesPdfjs(printed.pdf)
    const heading = pages.flatMap((one) => one.texts.map((text) => ({...text, page: one.number}))).find((text) => text.text.startsWith('Rating scale'))
    const list = pages.flatMap((one) => one.texts.map((text) => ({...text, page: one.number}))).filter((text) => text.text.startsWith('Stalled'))
    // The fixture does what it is meant to: the heading in the foot zone, the list beside it.
    expect(heading!.top / pages[1]!.height).toBeGreaterThan(0.6)
    expect(list.map((text) => text.page)).toEqual([heading!.page])
    expect(list[0]!.roles.at(-1)).toBe('NonStruct')
    const findings = auditPages(await printed.readLayout(), {fonts: bundledPdfFontNames})
    expect(findings.filter((finding) => finding.ruleId === layoutRules.strandedHeading)).toEqual([])
  })

  it('finds a page left mostly empty in mid-chapter, but not a chapter’s short last page', async () => {
    const html = page(`<h2>One</h2>${paragraph(2)}<p style="break-before: page">${words.repeat(8)}</p>${paragraphs(12)}<h2>Two</h2>${paragraph(2)}`)
    const findings = (await audit(html)).filter((finding) => finding.ruleId === layoutRules.underfullPage)
    expect(findings.map((finding) => finding.page)).toEqual([2])
    expect(findings[0]!.reason).toMatch(/^Page is \d+% full in mid-chapter/)
  })

  it('finds a chapter whose last few lines stand alone on a page, but not a one-page chapter', async () => {
    // Chapter One fills page 2 to the foot; its last paragraph alone goes overleaf. Chapter Two is one short page.
    const html = page(`<h2>One</h2>${paragraphs(4)}<p style="break-before: page">${words}</p><h2>Two</h2>${paragraph(2)}`)
    const findings = (await audit(html)).filter((finding) => finding.ruleId === layoutRules.underfullPage)
    expect(findings.map((finding) => finding.page)).toEqual([3])
    expect(findings[0]!.reason).toMatch(/^Page ends a chapter with only 2 lines \(\d+% full; at least 15% expected\)$/)
  })

  it('finds a table that leaves fewer than three rows at a page foot', async () => {
    const html = page(`<h2>One</h2><div style="height: 215mm"></div><table><thead><tr><th scope="col">Item</th><th scope="col">Count</th></tr></thead><tbody>${rows(24)}</tbody></table>`, 'tr { break-inside: avoid; }')
    const findings = (await audit(html)).filter((finding) => finding.ruleId === layoutRules.tableBreak)
    expect(findings).toMatchObject([{page: 2, reason: 'A table starts at the foot of the page with only 1 row before it breaks'}])
  })

  it('finds a table whose total alone is carried over to the next page', async () => {
    const html = page(
      `<h2>One</h2>${paragraph(2)}<table><thead><tr><th scope="col">Item</th><th scope="col">Count</th></tr></thead><tbody>${rows(4)}</tbody><tfoot>${rows(0, true)}</tfoot></table><p>${words}</p>`,
      'tr { break-inside: avoid; } tfoot { display: table-row-group; } tfoot tr { break-before: page; }',
    )
    const findings = (await audit(html)).filter((finding) => finding.ruleId === layoutRules.tableBreak)
    expect(findings).toMatchObject([{page: 3, reason: 'A table breaks so that only its last row (its total) stands on this page'}])
  })

  it('finds a Type 3 font (synthetic bold of a face that has no bold)', async () => {
    const dejavu = await readFile(createRequire(import.meta.url).resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2'))
    const face = `@font-face { font-family: 'One Weight'; font-weight: 400; src: url(data:font/woff2;base64,${dejavu.toString('base64')}) format('woff2'); }`
    const html = page(`<h2>One</h2><p style="font-family: 'One Weight'; font-weight: 700">Bold ▲ without a bold face</p>`, face)
    const findings = await audit(html, {})
    expect(findings.map((finding) => [finding.ruleId, finding.page])).toContainEqual([layoutRules.type3Font, 2])
  })

  it('finds glyphs drawn from a font outside the bundled list', async () => {
    const html = page(`<h2>One</h2><p style="font-family: 'Source Sans 3'">Set in the sans face</p>`)
    // Only the serif counts as bundled here, so the heading and the sans paragraph are fallbacks.
    const findings = await audit(html, {fonts: ['SourceSerif4']})
    const fallback = findings.filter((finding) => finding.ruleId === layoutRules.fallbackFont)
    expect(fallback.length).toBeGreaterThan(0)
    expect(fallback[0]!.reason).toMatch(/^Glyphs on the page come from SourceSans3/)
    expect(await audit(html)).toEqual([])
  })
})

