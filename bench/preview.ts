/**
 * The preview's rebuild after editing one priority, in process, as
 * `scorecard preview` does it: `check` with one parse cache for the session,
 * then `renderReport`. Each edit writes a different sentence into the same
 * priority file; the file is restored at the end.
 *
 * Usage: node --expose-gc preview.js <project> <priority-file> <edits>
 * Prints the timings in ms as JSON.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {collectGarbage, loadLibrary, median, since} from './lib.js'

const [dir, file, editsArg] = process.argv.slice(2)
if (!dir || !file) throw new TypeError('Usage: preview.js <project> <priority-file> <edits>')
const edits = Number(editsArg ?? 5)
const root = path.resolve(dir)
const target = path.resolve(root, file)
const original = readFileSync(target, 'utf8')
const lib = await loadLibrary()
const templatesDir = path.join(root, 'templates')

try {
  const cache = lib.createParseCache()
  const coldStarted = performance.now()
  const first = await lib.check(root, {cache, cwd: root})
  if (!first.report) throw new Error('The project does not check')
  await lib.renderReport(first.report, {templatesDir})
  const coldMs = since(coldStarted)

  const checkMs: number[] = []
  const renderMs: number[] = []
  const totalMs: number[] = []
  for (let edit = 1; edit <= edits; edit++) {
    writeFileSync(target, `${original.trimEnd()}\n\nEdit number ${edit} adds a sentence to the assessment.\n`)
    collectGarbage()
    const started = performance.now()
    const result = await lib.check(root, {cache, cwd: root})
    const checked = performance.now()
    if (!result.report) throw new Error('The edited project does not check')
    const rendered = await lib.renderReport(result.report, {templatesDir})
    if (!rendered.html.includes(`Edit number ${edit} adds`)) throw new Error('The edit is not in the rendered report')
    checkMs.push(Math.round(checked - started))
    renderMs.push(since(checked))
    totalMs.push(since(started))
  }
  process.stdout.write(
    `${JSON.stringify({coldMs, edits, checkMs: median(checkMs), renderMs: median(renderMs), totalMs: median(totalMs), runs: totalMs})}\n`,
  )
} finally {
  writeFileSync(target, original)
}
