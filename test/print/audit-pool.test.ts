/**
 * The layout audit's reader on worker threads (src/print/audit-pool.ts):
 * the pages read by two workers are the pages read here, a failed worker
 * costs nothing but time, and pdfjs's polyfills stay off this thread's
 * globals. The workers run the compiled code, which `npm test` builds first.
 */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {auditPdf} from '../../src/print/audit.js'
import {prepareAuditReader} from '../../src/print/audit-pool.js'
import {readPdfLayout, warmupPdf} from '../../src/print/audit-read.js'
import {withBrowser, type PrintResult} from '../../src/print/index.js'
import {fixtureMetadata} from './pdf-helpers.js'
import {bundledPdfFontNames, fontFaceCss} from '../../src/render/fonts.js'

// Taken before anything here loads pdfjs, whose Node build replaces them with core-js polyfills.
const nativeStringify = JSON.stringify
const hadFromBase64 = 'fromBase64' in Uint8Array

const workerUrl = new URL('../../dist/print/audit-worker.js', import.meta.url)
const metadata = fixtureMetadata('Audit reader fixture')

const words = 'The chair convened the participating states and the talks went on through the summer months without a result. '
const rows = (count: number): string => Array.from({length: count}, (_, index) => `<tr><td>Row ${index + 1}</td><td>${index}</td></tr>`).join('')

let printed: PrintResult
beforeAll(async () => {
  const fonts = await fontFaceCss('abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,')
  const chapters = Array.from(
    {length: 6},
    (_, chapter) =>
      `<h2>Chapter ${chapter + 1}</h2>${`<p>${words.repeat(6)}</p>`.repeat(9)}<table><thead><tr><th>Item</th><th>Value</th></tr></thead><tbody>${rows(12)}<tr><th scope="row">Total</th><td>99</td></tr></tbody></table>`,
  ).join('\n')
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audit reader fixture</title><style>${fonts}
@page { size: A4; margin: 25mm 27mm 22mm; }
html { font-family: 'Source Serif 4'; font-size: 10.5pt; line-height: 1.42; }
h2, th { font-family: 'Source Sans 3'; }
h2 { break-before: page; font-size: 21pt; }
table { border-collapse: collapse; width: 100%; }
</style></head><body><h1>Cover</h1>${chapters}</body></html>`
  printed = await withBrowser({}, (printer) => printer.print(html, {metadata}))
})

describe('the audit reader', () => {
  it('reads on two workers the pages this thread reads, and finds the same', async () => {
    expect(existsSync(workerUrl)).toBe(true)
    const {pdf, fontsByPage} = printed
    expect(fontsByPage.length).toBeGreaterThanOrEqual(8)
    const reader = prepareAuditReader({worker: workerUrl, workers: 2})
    let shared
    try {
      expect(reader.workers).toBe(2)
      shared = await reader.read(pdf, fontsByPage)
      const options = {fonts: bundledPdfFontNames, pageFonts: fontsByPage, minRows: 5}
      const findings = await auditPdf(pdf, {...options, reader})
      // The workers kept pdfjs, and its polyfills, to themselves.
      expect(JSON.stringify).toBe(nativeStringify)
      expect('fromBase64' in Uint8Array).toBe(hadFromBase64)
      expect(findings.length).toBeGreaterThan(0)
      expect(findings).toEqual(await auditPdf(pdf, options))
    } finally {
      await reader.close()
    }
    const here = await readPdfLayout(pdf, fontsByPage)
    expect(shared.map((page) => page.number)).toEqual(here.map((page) => page.number))
    expect(here.flatMap((page) => page.texts).length).toBeGreaterThan(100)
    expect(shared).toEqual(here)
  })

  it('reads every page here when a worker fails', async () => {
    const {pdf, fontsByPage} = printed
    const broken = path.join(await mkdtemp(path.join(os.tmpdir(), 'scorecard-audit-')), 'worker.mjs')
    await writeFile(broken, 'throw new Error("no worker here")\n')
    const reader = prepareAuditReader({worker: pathToFileURL(broken), workers: 2})
    try {
      expect(reader.workers).toBe(2)
      expect(await reader.read(pdf, fontsByPage)).toEqual(await readPdfLayout(pdf, fontsByPage))
    } finally {
      await reader.close()
    }
  })

  it('never keeps the process alive: a reader used and left open lets Node exit', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scorecard-audit-'))
    await writeFile(path.join(dir, 'fixture.pdf'), printed.pdf)
    await writeFile(path.join(dir, 'fonts.json'), JSON.stringify(printed.fontsByPage))
    const pool = new URL('../../dist/print/audit-pool.js', import.meta.url).href
    // The workers are online and have answered once when the script ends; they are never closed.
    const script = [
      `const {readFileSync} = await import('node:fs')`,
      `const {prepareAuditReader} = await import(${JSON.stringify(pool)})`,
      `const reader = prepareAuditReader({workers: 2})`,
      `const pages = await reader.read(readFileSync(${JSON.stringify(path.join(dir, 'fixture.pdf'))}), JSON.parse(readFileSync(${JSON.stringify(path.join(dir, 'fonts.json'))}, 'utf8')))`,
      `if (reader.workers !== 2 || pages.length < 8) process.exit(9)`,
    ].join('\n')
    // A file, not `-e`: Node ends an `-e` script's process however its workers stand.
    await writeFile(path.join(dir, 'script.mjs'), script)
    const result = spawnSync(process.execPath, [path.join(dir, 'script.mjs')], {timeout: 30_000})
    expect(result.signal).toBeNull()
    expect(result.status).toBe(0)
  })

  it('has its warm-up PDF, tagged, with text to read (scripts/make-audit-warmup.mjs)', async () => {
    expect(existsSync(warmupPdf)).toBe(true)
    const pages = await readPdfLayout(new Uint8Array(await readFile(warmupPdf)), undefined)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    const texts = pages.flatMap((page) => page.texts)
    expect(texts.some((text) => text.roles.includes('Table'))).toBe(true)
    expect(texts.some((text) => text.roles.some((role) => /^H\d$/.test(role)))).toBe(true)
  })

  it('reads here without a worker file', async () => {
    const reader = prepareAuditReader({worker: pathToFileURL('/nonexistent/audit-worker.js')})
    expect(reader.workers).toBe(0)
    const pages = await reader.read(printed.pdf, printed.fontsByPage)
    expect(pages).toHaveLength(printed.fontsByPage.length)
    await reader.close()
  })
})
