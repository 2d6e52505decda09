/**
 * The preview's rebuild after editing one priority, in process, as
 * `scorecard preview` does it, through a session (src/session.ts): a prose
 * edit the watcher reports alone is rendered in place; a full rebuild (what
 * any other change costs) reuses the session's caches. Each edit writes a
 * different sentence into the same priority file; the file is restored at
 * the end.
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

try {
  const session = lib.createSession(root)
  const coldStarted = performance.now()
  const first = await session.update()
  if (!first.report || first.html === undefined) throw new Error('The project does not check')
  const coldMs = since(coldStarted)

  // A one-file prose edit, as the watcher reports it: rendered alone.
  const fragmentMs: number[] = []
  // Any other change (front matter, citations, several files): a full rebuild with warm caches.
  const fullMs: number[] = []
  const modes = new Set<string>()
  for (let edit = 1; edit <= edits; edit++) {
    writeFileSync(target, `${original.trimEnd()}\n\nEdit number ${edit} adds a sentence to the assessment.\n`)
    collectGarbage()
    let started = performance.now()
    const quick = await session.update([target])
    fragmentMs.push(since(started))
    modes.add(quick.mode)
    if (!quick.html?.includes(`Edit number ${edit} adds`)) throw new Error('The edit is not in the rendered report')

    writeFileSync(target, `${original.trimEnd()}\n\nEdit number ${edit} adds a sentence, rebuilt in full.\n`)
    collectGarbage()
    started = performance.now()
    const full = await session.update()
    fullMs.push(since(started))
    if (!full.html?.includes(`Edit number ${edit} adds a sentence, rebuilt in full`)) throw new Error('The edit is not in the fully rebuilt report')
  }
  process.stdout.write(
    `${JSON.stringify({coldMs, edits, modes: [...modes], fragmentMs: median(fragmentMs), fullMs: median(fullMs), runs: fragmentMs, fullRuns: fullMs})}\n`,
  )
} finally {
  writeFileSync(target, original)
}
