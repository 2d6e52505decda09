/**
 * Normalisation for comparing an excerpt with its source. Only what is not
 * wording is normalised: whitespace, straight and curly quotes, dash
 * variants (and the spaces around dashes), the ellipsis character, and
 * hyphenation at a line break. Letters, punctuation and case are compared
 * exactly.
 */

/** A hyphen at a line break in the source: it may stand for nothing ("decision-\nmaking" = "decisionmaking") or for a hyphen. */
export const softHyphen = '\u00AD'

/** Normalised text and, for each of its characters, the offset of the original character. */
export interface Normalized {
  text: string
  /** `map[i]` is the offset in the original text of `text[i]`; `map[text.length]` is the original length. */
  map: Int32Array
}

// What each UTF-16 code unit is to `normalize`, as bits in a table indexed by
// the code unit: one lookup per character instead of a regular expression and
// four sets. Code units in no set are copied as they are, in runs.
const space = 1 // `\s` as JavaScript defines it (U+FEFF is also invisible)
const invisibleBit = 2
const singleQuoteBit = 4
const doubleQuoteBit = 8
const dashBit = 16
const ellipsisBit = 32
const singleQuotes = ['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '`']
const doubleQuotes = ['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB']
const dashes = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D']
const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD']
/** The code units `/\s/` matches (ECMAScript WhiteSpace and LineTerminator; a test checks all 65,536 against the regular expression). */
const whitespace = '\t\n\v\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF'
const kinds = new Uint8Array(0x10000)
for (const [chars, bit] of [[[...whitespace], space], [invisible, invisibleBit], [singleQuotes, singleQuoteBit], [doubleQuotes, doubleQuoteBit], [dashes, dashBit], [['\u2026'], ellipsisBit]] as const)
  for (const char of chars) kinds[char.charCodeAt(0)]! |= bit

/** Whether `text[index]` is a hyphen at a line break between a letter and a lowercase letter. */
function lineBreakHyphen(text: string, index: number): boolean {
  const after = text.slice(index + 1, index + 40)
  return /^[ \t]*\r?\n/.test(after) && /\p{L}/u.test(text[index - 1] ?? '') && /^\s*\p{Ll}/u.test(after)
}

/**
 * Normalise `text`. With `lineBreakHyphens` (for sources), a hyphen between
 * letters at the end of a line becomes `softHyphen`, which the matcher may
 * skip.
 */
export function normalize(text: string, options: {lineBreakHyphens?: boolean} = {}): Normalized {
  let capacity = text.length + 1
  for (let at = text.indexOf('\u2026'); at >= 0; at = text.indexOf('\u2026', at + 1)) capacity += 2
  const map = new Int32Array(capacity)
  const {text: normalized, size} = run(text, options.lineBreakHyphens === true, map)
  return {text: normalized, map: size + 1 === capacity ? map : map.subarray(0, size + 1)}
}

/** `normalize(text).text`, without the map (for excerpts and headings). */
export function normalizeText(text: string): string {
  return run(text, false, undefined).text
}

/** The normalised text and its length; `map`, when given, receives the offsets (see `Normalized`). */
function run(text: string, softHyphens: boolean, map: Int32Array | undefined): {text: string; size: number} {
  const length = text.length
  // `out` grows by runs of plain characters (a rope, flattened once by the caller's first read).
  let out = ''
  let size = 0
  let pendingSpace = -1
  // Whether the last character written is a dash ('-' or `softHyphen`): a doubled dash is written once.
  let afterDash = false
  let index = 0
  while (index < length) {
    const kind = kinds[text.charCodeAt(index)]!
    if (kind & invisibleBit) {
      index++
      continue
    }
    if (kind & space) {
      if (pendingSpace < 0) pendingSpace = index
      index++
      continue
    }
    if (kind & dashBit) {
      // Spaces around a dash are typography, not wording; so are doubled dashes.
      pendingSpace = -1
      if (!afterDash) {
        out += softHyphens && lineBreakHyphen(text, index) ? softHyphen : '-'
        if (map) map[size] = index
        size++
        afterDash = true
      }
      // Skip the whitespace after a dash.
      index++
      while (index < length && kinds[text.charCodeAt(index)]! & space) index++
      continue
    }
    // Plain text, a quote or an ellipsis: the whitespace before it becomes one space (none at the start).
    if (pendingSpace >= 0) {
      if (size > 0) {
        out += ' '
        if (map) map[size] = pendingSpace
        size++
      }
      pendingSpace = -1
    }
    afterDash = false
    if (kind === 0) {
      // A run of plain characters, taking in single spaces between them (written as they are).
      let end = index + 1
      while (end < length && (kinds[text.charCodeAt(end)] === 0 || (text.charCodeAt(end) === 32 && end + 1 < length && kinds[text.charCodeAt(end + 1)] === 0))) end++
      if (map) for (let at = index; at < end; at++) map[size + at - index] = at
      size += end - index
      out += text.slice(index, end)
      index = end
      continue
    }
    if (kind & ellipsisBit) {
      out += '...'
      if (map) map.fill(index, size, size + 3)
      size += 3
    } else {
      out += kind & singleQuoteBit ? "'" : '"'
      if (map) map[size] = index
      size++
    }
    index++
  }
  if (map) map[size] = length
  return {text: out, size}
}

/**
 * An excerpt as its parts: `[sic]` marks are dropped (they are the editor's,
 * not the source's), and an ellipsis (`…`, `...`, `[…]`) splits the excerpt
 * into passages that must appear in order.
 */
export function excerptParts(excerpt: string): string[] {
  return excerpt
    .replace(/\s*\[sic\]/gi, '')
    .split(/\s*(?:\[\s*(?:\u2026|\.\s?\.\s?\.)\s*\]|\u2026|\.\s?\.\s?\.)\s*/)
    .map((part) => part.trim())
    .filter((part) => /[\p{L}\p{N}]/u.test(part))
}
