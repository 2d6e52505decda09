/**
 * Finding an excerpt in its source, both normalised (see `normalize`). When
 * the excerpt is not there, the longest partial match says where it parts
 * from the source: the first differing characters and the nearest passage.
 */
import {softHyphen} from './normalize.js'

/** Where a passage was found in the normalised source: `[start, end)`. */
export interface Found {
  start: number
  end: number
}

/** The closest the source comes to a passage that is not in it. */
export interface Miss {
  /** Start of the nearest passage in the normalised source. */
  start: number
  /** Characters of the passage matched before the first difference (from the start, or from the end when `fromEnd`). */
  matched: number
  /** Offset in the normalised source of the first differing character. */
  at: number
  /** The difference was found matching backwards from the end of the passage. */
  fromEnd: boolean
}

/** Compare `passage` with `source` from `start`: how many passage characters match, and where the source stands then. */
function matchFrom(source: string, passage: string, start: number): {matched: number; end: number} {
  let i = start
  let j = 0
  while (j < passage.length && i < source.length) {
    const char = source[i]!
    if (char === passage[j]) {
      i++
      j++
    } else if (char === softHyphen) {
      // A line-break hyphen may be a hyphen or nothing.
      if (passage[j] === '-') j++
      i++
    } else break
  }
  return {matched: j, end: i}
}

/** Find `passage` in `source` at or after `from`; otherwise the longest partial match from its start. */
export function findPassage(source: string, passage: string, from = 0): Found | {miss: {start: number; matched: number; at: number}} {
  const first = passage[0]
  let best = {start: from, matched: 0, at: from}
  if (first === undefined) return {start: from, end: from}
  for (let start = source.indexOf(first, from); start >= 0; start = source.indexOf(first, start + 1)) {
    const {matched, end} = matchFrom(source, passage, start)
    if (matched === passage.length) return {start, end}
    if (matched > best.matched) best = {start, matched, at: end}
  }
  return {miss: best}
}

/**
 * The nearest passage for a miss: the longer of the best match from the
 * passage's start and the best match from its end (found on reversed text),
 * so a difference in the first word still finds the right place.
 */
export function nearest(source: string, reversedSource: () => string, passage: string, from = 0): Miss {
  const forward = findPassage(source, passage, from)
  if (!('miss' in forward)) return {start: forward.start, matched: passage.length, at: forward.end, fromEnd: false}
  const reversed = reversedSource()
  const backward = findPassage(reversed, passage.split('').reverse().join(''))
  if ('miss' in backward && backward.miss.matched > forward.miss.matched) {
    const {start, matched, at} = backward.miss
    // Convert offsets in the reversed text back: the passage ends where the reversed match starts.
    const end = source.length - start
    return {start: Math.max(0, end - passage.length), matched, at: source.length - at - 1, fromEnd: true}
  }
  return {...forward.miss, fromEnd: false}
}
