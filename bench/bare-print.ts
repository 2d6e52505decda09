/**
 * Baseline: a bare puppeteer-core print of an HTML file — launch, one
 * setContent, one page.pdf, close — with the Chromium arguments Scorecard
 * itself uses (src/print/browser.ts launchArgs).
 *
 * Usage: node bare-print.js <file.html> <out.pdf>
 * Prints the phases in ms as JSON.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {loadModule, since} from './lib.js'

const [input, out] = process.argv.slice(2)
if (!input || !out) throw new TypeError('Usage: bare-print.js <file.html> <out.pdf>')

type BrowserModule = typeof import('../src/print/browser.js')
const {findBrowser, launchArgs, sandboxDecision} = await loadModule<BrowserModule>('print/browser.js')
const html = readFileSync(input, 'utf8')
const started = performance.now()
const {default: puppeteer} = await import('puppeteer-core')
const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'scorecard-bench-chrome-'))
const browser = await puppeteer.launch({
  executablePath: findBrowser().path,
  headless: true,
  pipe: true,
  userDataDir,
  args: launchArgs(sandboxDecision()),
})
const launchMs = since(started)
try {
  const page = await browser.newPage()
  const contentStarted = performance.now()
  await page.setContent(html, {waitUntil: 'load'})
  const setContentMs = since(contentStarted)
  const pdfStarted = performance.now()
  const pdf = await page.pdf({format: 'A4', printBackground: true, preferCSSPageSize: true})
  const pdfMs = since(pdfStarted)
  writeFileSync(out, pdf)
  await browser.close()
  process.stdout.write(`${JSON.stringify({launchMs, setContentMs, pdfMs, totalMs: since(started), bytes: pdf.length})}\n`)
} finally {
  await browser.close().catch(() => {})
  await rm(userDataDir, {recursive: true, force: true})
}
