/**
 * Locators: where in its source an excerpt stands. Only what the source
 * itself marks is stated: a page it carries, one of its headings, a
 * paragraph count. Every output shows them the same way: "p. 7",
 * "section “Kyrgyzstan”", "para. 3".
 */

/** A parsed locator. `text` is a free-form locator Scorecard shows as written and cannot verify. */
export interface Locator {
  page?: number
  section?: string
  paragraph?: number
  text?: string
}

/** Read a locator as written in front matter: `{page: 7}`, `7`, `"p. 7"`, `section "Kyrgyzstan"`, `"para. 3"`. */
export function parseLocator(value: string | number | {page?: number; section?: string; paragraph?: number}): Locator {
  if (typeof value === 'number') return {page: value}
  if (typeof value === 'object') {
    const locator: Locator = {}
    if (value.page !== undefined) locator.page = value.page
    if (value.section !== undefined) locator.section = value.section.trim()
    if (value.paragraph !== undefined) locator.paragraph = value.paragraph
    return locator
  }
  const text = value.trim()
  const page = /^p\.?\s*(\d+)$/i.exec(text)
  if (page) return {page: Number(page[1])}
  const section = /^section\s+["“](.+)["”]$/i.exec(text)
  if (section) return {section: section[1]!.trim()}
  const paragraph = /^para(?:graph)?\.?\s*(\d+)$/i.exec(text)
  if (paragraph) return {paragraph: Number(paragraph[1])}
  return {text}
}

/** The locator as every output shows it: `p. 7`, `section “Kyrgyzstan”, para. 3`. */
export function formatLocator(locator: Locator): string {
  if (locator.text !== undefined) return locator.text
  const parts: string[] = []
  if (locator.page !== undefined) parts.push(`p. ${locator.page}`)
  if (locator.section !== undefined) parts.push(`section “${locator.section}”`)
  if (locator.paragraph !== undefined) parts.push(`para. ${locator.paragraph}`)
  return parts.join(', ')
}
