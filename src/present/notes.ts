/**
 * Endnotes as listed: each chapter's notes, full or short form.
 */
import {noteAttribution} from '../render/attribution.js'
import {evidenceAnchor} from '../core/dom-contract.js'
import {localeFor, type Locale} from '../core/locales/index.js'
import {formatLocator, parseLocator} from '../core/locator.js'
import {sourceKey} from '../core/source-key.js'
import type {NoteView} from '../core/view.js'
import type {Note} from '../render/body-context.js'

/**
 * A chapter's notes as listed. As in Chicago style, a source's first note in
 * a chapter is given in full and later ones in short form
 * (`Bugajski, Short Title, p. 7`). Within one note, a source cited again
 * right after itself is not named again: only its locator (and speaker) is
 * given, so no note cites one source in two forms.
 */
export function noteViews(notes: readonly Note[], locale: Locale = localeFor('en')): NoteView[] {
  const cited = new Set<string>()
  return notes.map((note) => ({
    number: note.number,
    id: note.id,
    refId: note.refId,
    items: note.items.map(({evidence, number, locator, prefix}, index) => {
      const key = sourceKey(evidence)
      const again = index > 0 && sourceKey(note.items[index - 1]!.evidence) === key
      const full = !again && !cited.has(key)
      cited.add(key)
      return {
        full,
        again,
        prefix,
        ...noteAttribution(evidence, full),
        author: evidence.author,
        // Chicago: an unsigned source's short form is its short title alone, as its full form leads with the title.
        shortName: evidence.author ? evidence.author.trim().split(/\s+/).at(-1)! : undefined,
        title: evidence.title,
        shortTitle: evidence.title.split(/:\s/)[0],
        publisher: evidence.publisher,
        date: locale.date(evidence.date),
        locator: localLocator(locator ?? evidence.locator, locale),
        anchor: evidenceAnchor(evidence.id),
        label: locale.t('evidenceLabel', {number}),
      }
    }),
  }))
}

/** Wrap a quotation in the locale's quotation marks unless it already opens with a quotation mark. */
export function quoted(text: string, locale: Locale = localeFor('en')): string {
  const trimmed = text.trim()
  return /^["“‘'«„]/.test(trimmed) ? trimmed : `${locale.quotes.open}${trimmed}${locale.quotes.close}`
}

/**
 * A locator as the report shows it, in the locale: `p. 7`, `с. 7`. Locators
 * are kept in their canonical form (`p. 7`, `section “Kyrgyzstan”`,
 * `para. 3`) for checks and data exports; a free-form locator is shown as
 * written.
 */
export function localLocator(locator: string | undefined, locale: Locale = localeFor('en')): string | undefined {
  if (locator === undefined) return undefined
  const parts = canonicalParts(locator)
  if (!parts) return locator
  const shown: string[] = []
  if (parts.page !== undefined) shown.push(locale.t('locatorPage', {page: parts.page}))
  if (parts.section !== undefined) shown.push(locale.t('locatorSection', {section: `${locale.quotes.open}${parts.section}${locale.quotes.close}`}))
  if (parts.paragraph !== undefined) shown.push(locale.t('locatorParagraph', {paragraph: parts.paragraph}))
  return shown.join(', ')
}

/** The parts of a canonical locator string (as `formatLocator` writes it); undefined for free text. */
function canonicalParts(locator: string): {page?: number; section?: string; paragraph?: number} | undefined {
  const parts: {page?: number; section?: string; paragraph?: number} = {}
  for (const piece of locator.split(/,\s(?=p\.\s|section\s“|para\.\s)/)) {
    const parsed = parseLocator(piece)
    // Only what is written in the canonical form is restated; anything else is shown as written.
    if (parsed.text !== undefined || formatLocator(parsed) !== piece) return undefined
    Object.assign(parts, parsed)
  }
  return parts
}
