/**
 * Locators checked against the source: a page must agree with the source's
 * page markers, a section must be one of its headings and come before the
 * excerpt, a paragraph must be the one the excerpt stands in.
 */
import type {Locator} from '../core/locator.js'
import {normalizeText} from './normalize.js'
import type {SourceText} from './extract.js'

/** A locator problem: rule id, reason and hint. */
export interface LocatorProblem {
  ruleId: 'page-not-in-source' | 'page-locator-mismatch' | 'section-not-in-source' | 'section-locator-mismatch' | 'paragraph-locator-mismatch'
  reason: string
  hint: string
}

/** Check `locator` for an excerpt at `offset` in `source`. */
export function checkLocator(locator: Locator, source: SourceText, offset: number, name: string): LocatorProblem | undefined {
  if (locator.page !== undefined) {
    const problem = checkPage(locator.page, source, offset, name)
    if (problem) return problem
  }
  let from = 0
  if (locator.section !== undefined) {
    const matches = headingOffsets(source, headingKey(locator.section))
    if (matches.length === 0)
      return {
        ruleId: 'section-not-in-source',
        reason: `${name} has no heading “${locator.section}”`,
        hint: 'A section locator names a heading of the source exactly as printed (a line of its own in plain text). Where a source has no headings, use a page it marks or leave the locator out.',
      }
    const before = matches.findLast((at) => at <= offset)
    if (before === undefined)
      return {
        ruleId: 'section-locator-mismatch',
        reason: `The excerpt comes before the heading “${locator.section}” in ${name}`,
        hint: 'Name the heading the excerpt stands under.',
      }
    from = before
  }
  if (locator.paragraph !== undefined) {
    const actual = paragraphAt(source.text, from, offset, locator.section !== undefined)
    if (actual !== locator.paragraph)
      return {
        ruleId: 'paragraph-locator-mismatch',
        reason: `The excerpt is in paragraph ${actual} of ${locator.section === undefined ? name : `section “${locator.section}”`}, not ${locator.paragraph}`,
        hint: 'Paragraphs are counted from 1, separated by blank lines, from the section heading (or the start of the document).',
      }
  }
  return undefined
}

function checkPage(page: number, source: SourceText, offset: number, name: string): LocatorProblem | undefined {
  const {pages} = source
  if (pages.length === 0)
    return {
      ruleId: 'page-not-in-source',
      reason: `${name} carries no page markers, so p. ${page} cannot be confirmed`,
      hint: 'Never state a page the source does not carry. Use a section heading of the source instead: locator: {section: "…"}.',
    }
  const index = pages.findLastIndex((marker) => marker.offset <= offset)
  const marker = pages[index]
  if (!marker)
    return {
      ruleId: 'page-not-in-source',
      reason: `The excerpt stands before the first page marker of ${name} (p. ${pages[0]!.page}), on an unmarked page`,
      hint: 'Use a section heading of the source instead of a page the source does not carry.',
    }
  if (marker.page !== page)
    return {
      ruleId: 'page-locator-mismatch',
      reason: `The page markers of ${name} put the excerpt on p. ${marker.page}${unmarkedAfter(pages, index) ? ` or a later, unmarked page` : ''}, not p. ${page}`,
      hint: `Write the page the source marks, or a section heading when the page is not marked.`,
    }
  // Between a marked page and a gap in the numbering, only a page's length of text is known to be on that page.
  if (unmarkedAfter(pages, index)) {
    const length = pageLength(pages)
    if (length === undefined || offset - marker.offset > length)
      return {
        ruleId: 'page-not-in-source',
        reason: `The excerpt lies past the end of p. ${page} as ${name} marks it, on a page whose number the source does not carry`,
        hint: 'Use a section heading of the source instead of a page the source does not carry.',
      }
  }
  return undefined
}

/** Whether pages follow marker `index` that the source does not mark (the next marker skips numbers, or there is none). */
function unmarkedAfter(pages: SourceText['pages'], index: number): boolean {
  const next = pages[index + 1]
  return next === undefined || next.page !== pages[index]!.page + 1
}

/** The shortest fully marked page (a marker followed by the next page's), in characters. */
function pageLength(pages: SourceText['pages']): number | undefined {
  let shortest: number | undefined
  for (let index = 0; index + 1 < pages.length; index++)
    if (pages[index + 1]!.page === pages[index]!.page + 1) {
      const length = pages[index + 1]!.offset - pages[index]!.offset
      shortest = shortest === undefined ? length : Math.min(shortest, length)
    }
  return shortest
}

/** The number of the blank-line-separated paragraph that `offset` stands in, counting from `from` (after the heading line). */
function paragraphAt(text: string, from: number, offset: number, skipHeading: boolean): number {
  let start = from
  if (skipHeading) start = text.indexOf('\n', from) + 1 || text.length
  const between = text.slice(start, offset).replace(/^\s+/, '')
  return between.split(/\n[ \t]*\n\s*/).length
}

/** A heading as compared: normalised, without a trailing colon or full stop (typography, not wording). */
function headingKey(text: string): string {
  let key = headingKeys.get(text)
  if (key === undefined) {
    key = normalizeText(text)
    // As `.replace(/[\s:.]+$/, '')`, which is quadratic on a long run of dots (a contents line's leader).
    let end = key.length
    while (end > 0 && /[\s:.]/.test(key[end - 1]!)) end--
    key = key.slice(0, end)
    headingKeys.set(text, key)
  }
  return key
}

/** Keys of the headings seen so far, across sources and runs (a preview checks the same sources again). */
const headingKeys = new Map<string, string>()

/**
 * The offsets of a source's headings whose key is `key`, in order. Every
 * section locator compares against every heading of its source (every line
 * and pair of lines of a plain-text source), so each source's headings are
 * grouped by key once and a locator is one lookup.
 */
function headingOffsets(source: SourceText, key: string): readonly number[] {
  let byKey = headingIndex.get(source)
  if (!byKey) {
    byKey = new Map()
    for (const heading of source.headings) {
      const headingAt = headingKey(heading.text)
      const offsets = byKey.get(headingAt)
      if (offsets) offsets.push(heading.offset)
      else byKey.set(headingAt, [heading.offset])
    }
    headingIndex.set(source, byKey)
  }
  return byKey.get(key) ?? []
}

const headingIndex = new WeakMap<SourceText, Map<string, number[]>>()
