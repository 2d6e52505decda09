/**
 * Where each changed file changed, as line ranges (`lines` on each entry of
 * an `AssessmentDiff`), for the Markdown comment's links to the changed
 * lines. The views compare what the report shows; the ranges come from the
 * files themselves, read again from each side's folder: the head's lines
 * from the first to the last that differ from the base's; all of an added
 * file; all of a removed one, on the base.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {AssessmentDiff, LineRange} from './types.js'

/** Fill in `lines` of every priority, excerpt and chapter of `diff` from the files in each side's folder. */
export async function addLineRanges(diff: AssessmentDiff, dirs: {base: string | undefined; head: string}): Promise<void> {
  const entries = [...diff.priorities, ...diff.evidence, ...diff.prose]
  await Promise.all(
    entries.map(async (entry) => {
      const before = entry.change === 'added' || !dirs.base ? undefined : await lines(dirs.base, previousFile(entry))
      const after = entry.change === 'removed' ? undefined : await lines(dirs.head, entry.file)
      if (entry.change === 'added') entry.lines = whole(after)
      else if (entry.change === 'removed') entry.lines = whole(before)
      else entry.lines = before && after ? changedLines(before, after) : null
    }),
  )
}

function previousFile(entry: {file: string; fileChange?: {before: string} | null}): string {
  return entry.fileChange?.before ?? entry.file
}

/** A file's lines, without the empty one after a final line break; undefined when it cannot be read. */
async function lines(dir: string, file: string): Promise<string[] | undefined> {
  const target = path.resolve(dir, file)
  const inside = path.relative(dir, target)
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined
  const text = await readFile(target, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const split = text.split(/\r\n|\r|\n/)
  if (split.at(-1) === '') split.pop()
  return split
}

function whole(text: string[] | undefined): LineRange | null {
  return text && text.length > 0 ? {start: 1, end: text.length} : null
}

/**
 * The head's lines between the first and the last line that differ from the
 * base's (lines only removed: the line where they were). Null when the text
 * is the same.
 */
export function changedLines(a: readonly string[], b: readonly string[]): LineRange | null {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  if (head === a.length && head === b.length) return null
  if (b.length === 0) return null
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const start = head + 1
  const end = b.length - tail
  if (end >= start) return {start, end}
  const at = Math.min(start, b.length)
  return {start: at, end: at}
}
