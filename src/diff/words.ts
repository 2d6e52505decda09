/**
 * Word-level changes of plain text, with a little context around each
 * change: what every format shows of an edited quotation, stated commitment,
 * assessment or chapter.
 */
import {diffWords} from 'diff'
import type {Segment, TextChange} from './types.js'

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length

/** How word changes are found: whether changes of typography alone count. */
export interface WordOptions {
  /** Curly and straight quotes, dashes and hyphens, `…` and `...` are the same (`diff --ignore-typography`). */
  ignoreTypography?: boolean
}

// A citation in Markdown: `[@id]`, `[see @a, p. 7; @b]`.
const citationPattern = /\[[^[\]]*@[^[\]]*\]/g
// A letter jsdiff counts as a word character and prose does not use: citations become one word made of it.
const mark = '\u1E00'

/**
 * Both texts with each citation replaced by one word (`Ḁ0Ḁ`), so that a
 * changed id or locator reads as one changed citation, not as a change
 * inside `csis-summit-objective-arms-control`; and the way back.
 */
function wholeCitations(a: string, b: string): {a: string; b: string; restore: (text: string) => string} {
  if (a.includes(mark) || b.includes(mark)) return {a, b, restore: (text) => text}
  const ids = new Map<string, string>()
  const texts: string[] = []
  const protect = (text: string): string =>
    text.replace(citationPattern, (citation) => {
      let id = ids.get(citation)
      if (id === undefined) {
        id = `${mark}${texts.length}${mark}`
        ids.set(citation, id)
        texts.push(citation)
      }
      return id
    })
  const placeholder = new RegExp(`${mark}(\\d+)${mark}`, 'g')
  return {a: protect(a), b: protect(b), restore: (text) => text.replace(placeholder, (_, index: string) => texts[Number(index)]!)}
}

const typography: [RegExp, string][] = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″«»]/g, '"'],
  [/[‐‑‒–—―−]/g, '-'],
  [/…/g, '...'],
]

/** Text with typographic quotes, dashes and ellipses replaced by their plain forms. */
export function plainTypography(text: string): string {
  let out = text
  for (const [pattern, plain] of typography) out = out.replace(pattern, plain)
  return out
}

/**
 * A word-level change from `before` to `after` (whitespace collapsed), or
 * null when the words are the same. Unchanged stretches keep `context` words
 * on each side of a change; inserted and deleted runs longer than `clip`
 * words are shortened. A citation is one word. With `ignoreTypography`,
 * both texts are compared (and shown) with plain quotes, hyphens and dots.
 */
export function textChange(before: string, after: string, options: {context: number; clip: number} & WordOptions): TextChange | null {
  const plain = options.ignoreTypography ? plainTypography : (text: string): string => text
  const a = plain(collapse(before))
  const b = plain(collapse(after))
  if (a === b) return null
  const protectedTexts = wholeCitations(a, b)
  const parts = diffWords(protectedTexts.a, protectedTexts.b).map((part) => ({...part, value: protectedTexts.restore(part.value)}))
  const segments: Segment[] = []
  let wordsAdded = 0
  let wordsRemoved = 0
  let hunks = 0
  let truncated = false
  const maxHunks = Number.isFinite(options.clip) ? 12 : Infinity
  parts.forEach((part, index) => {
    if (part.added || part.removed) {
      const words = wordCount(part.value)
      if (part.added) wordsAdded += words
      else wordsRemoved += words
      if (hunks >= maxHunks) {
        truncated = true
        return
      }
      hunks++
      segments.push({op: part.added ? 'insert' : 'delete', text: clipWords(part.value, options.clip)})
      return
    }
    if (hunks >= maxHunks) return
    segments.push({op: 'equal', text: context(part.value, index === 0, index === parts.length - 1, options.context)})
  })
  if (truncated) segments.push({op: 'equal', text: ' …'})
  return {segments: segments.filter((segment) => segment.text.length > 0), wordsAdded, wordsRemoved, truncated}
}

/** Keep `n` words of context: the end of the first stretch, the start of the last, both ends of others. */
function context(text: string, first: boolean, last: boolean, n: number): string {
  const tokens = text.split(/(\s+)/)
  const words = tokens.filter((token, index) => index % 2 === 0 && token.length > 0).length
  if (first && last) return text
  const take = (count: number, fromEnd: boolean): string => {
    const list = fromEnd ? [...tokens].reverse() : tokens
    const kept: string[] = []
    let seen = 0
    for (const token of list) {
      if (token.trim().length > 0) {
        if (seen === count) break
        seen++
      }
      kept.push(token)
    }
    return (fromEnd ? kept.reverse() : kept).join('')
  }
  if (first) return words > n ? `…${take(n, true).replace(/^(?=\S)/, ' ')}` : text
  if (last) return words > n ? `${take(n, false).replace(/(?<=\S)$/, ' ')}…` : text
  return words > 2 * n ? `${take(n, false).replace(/(?<=\S)$/, ' ')}… ${take(n, true).replace(/^\s+/, '')}` : text
}

function clipWords(text: string, limit: number): string {
  if (!Number.isFinite(limit)) return text
  const words = text.trim().split(/\s+/)
  if (words.length <= limit) return text
  const half = Math.floor(limit / 2)
  return `${words.slice(0, half).join(' ')} … ${words.slice(-half).join(' ')}`
}

