/**
 * Where a stated quotation parts from the excerpt it cites: the longest start
 * of the quote that the excerpt contains, the characters after it on both
 * sides, and whether typographic marks (curly quotes, apostrophes, ellipsis)
 * are the whole difference.
 */

const TYPOGRAPHIC: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201F\u2033]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u2013\u2014]/g, '-'],
]

export function plainMarks(text: string): string {
  return TYPOGRAPHIC.reduce((acc, [from, to]) => acc.replace(from, to), text)
}

export interface QuoteDifference {
  /** Context before the first differing character, then the quote's own characters from there. */
  quote: string
  /** What the excerpt has at the same point (empty when the quote's start is nowhere in it). */
  excerpt: string
  /** True when the two agree once curly quotes, apostrophes, ellipses and dashes are made plain. */
  typographic: boolean
}

const CONTEXT = 12
const SHOWN = 16

function snippet(text: string, from: number, to: number): string {
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`
}

export function quoteDifference(quote: string, excerpt: string): QuoteDifference {
  let matched = 0
  let at = -1
  // Longest prefix of the quote found in the excerpt (binary search: a prefix of a found prefix is found).
  let low = 1
  let high = quote.length
  while (low <= high) {
    const mid = (low + high) >> 1
    const found = excerpt.indexOf(quote.slice(0, mid))
    if (found >= 0) {
      matched = mid
      at = found
      low = mid + 1
    } else high = mid - 1
  }
  const start = Math.max(0, matched - CONTEXT)
  const quoteShown = snippet(quote, start, Math.min(quote.length, matched + SHOWN))
  const excerptShown = at < 0 ? '' : snippet(excerpt, at + start, Math.min(excerpt.length, at + matched + SHOWN))
  return {quote: quoteShown, excerpt: excerptShown, typographic: plainMarks(excerpt).includes(plainMarks(quote))}
}
