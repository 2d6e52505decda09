/**
 * Scorecard's own print stage, in process: check and render the project,
 * then print it with one browser (`withBrowser`), twice. The second print
 * shows what a further output costs once the browser is up, given the
 * contents page numbers of the first (as a rebuild finds them in the
 * previous PDF). Launches are counted from the print module's log.
 *
 * Usage: node print.js <project> <out.pdf>
 * Prints the timings in ms as JSON.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {loadLibrary, loadModule, since} from './lib.js'

const [dir, out] = process.argv.slice(2)
if (!dir || !out) throw new TypeError('Usage: print.js <project> <out.pdf>')
const lib = await loadLibrary()
const {withBrowser} = await loadModule<typeof import('../src/print/index.js')>('print/index.js')
const root = path.resolve(dir)
const checked = await lib.check(root)
if (!checked.report) throw new Error('The project does not check')
const rendered = await lib.renderReport(checked.report, {templatesDir: path.join(root, 'templates')})
const metadata = lib.pdfMetadata(rendered.view)

let launches = 0
const log = (message: string): void => {
  if (message.startsWith('Launched browser')) launches++
}
const started = performance.now()
let launchMs = 0
const prints: {ms: number; passes: number; pages: number}[] = []
await withBrowser({log}, async (printer) => {
  launchMs = since(started)
  let expectedPages: Record<string, number> | undefined
  for (let index = 0; index < 2; index++) {
    const printStarted = performance.now()
    const result = await printer.print(await rendered.html, {metadata, log, expectedPages})
    prints.push({ms: since(printStarted), passes: result.passes, pages: result.pageCount})
    if (index === 0) writeFileSync(out, result.pdf)
    expectedPages = result.tocPages
  }
})
const totalMs = since(started)
process.stdout.write(`${JSON.stringify({launchMs, first: prints[0], second: prints[1], totalMs, launches})}\n`)
