// Reference copy of src/verify/normalize.ts's normalize and locators.ts's headingKey as of bc5740d (before the issue-17 speed-up), kept for the differential test. Do not change.
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
  map: number[]
}

const singleQuotes = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '`'])
const doubleQuotes = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB'])
const dashes = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D'])
const invisible = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'])

/**
 * Normalise `text`. With `lineBreakHyphens` (for sources), a hyphen between
 * letters at the end of a line becomes `softHyphen`, which the matcher may
 * skip.
 */
export function normalize(text: string, options: {lineBreakHyphens?: boolean} = {}): Normalized {
  let out = ''
  const map: number[] = []
  let pendingSpace = -1
  // The last character pushed: `out.endsWith` would flatten the rope that
  // `out +=` builds at every dash, which made a long source quadratic.
  let last = ''
  const push = (char: string, at: number): void => {
    out += char
    last = char
    map.push(at)
  }
  for (let index = 0; index < text.length; index++) {
    let char = text[index]!
    if (invisible.has(char)) continue
    if (/\s/.test(char)) {
      if (pendingSpace < 0) pendingSpace = index
      continue
    }
    if (singleQuotes.has(char)) char = "'"
    else if (doubleQuotes.has(char)) char = '"'
    else if (char === '\u2026') char = '...'
    if (dashes.has(char)) {
      // Spaces around a dash are typography, not wording; so are doubled dashes.
      pendingSpace = -1
      if (last !== '-' && last !== softHyphen) {
        const lineEnd = /^[ \t]*\r?\n/.exec(text.slice(index + 1, index + 40))
        const soft = options.lineBreakHyphens === true && lineEnd !== null && /\p{L}/u.test(text[index - 1] ?? '') && /^\s*\p{Ll}/u.test(text.slice(index + 1, index + 40))
        push(soft ? softHyphen : '-', index)
      }
      // Skip the whitespace after a dash.
      while (index + 1 < text.length && /\s/.test(text[index + 1]!)) index++
      continue
    }
    if (pendingSpace >= 0) {
      if (out.length > 0) push(' ', pendingSpace)
      pendingSpace = -1
    }
    if (char === '...') {
      for (const dot of char) push(dot, index)
      continue
    }
    push(char, index)
  }
  map.push(text.length)
  return {text: out, map}
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
