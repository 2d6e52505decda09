/**
 * Endnotes as listed: each chapter's notes, full or short form.
 */
import {noteAttribution} from '../render/attribution.js'
import {evidenceAnchor} from '../core/dom-contract.js'
import {formatDate} from '../core/dates.js'
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
export function noteViews(notes: readonly Note[]): NoteView[] {
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
        date: formatDate(evidence.date),
        locator: locator ?? evidence.locator,
        anchor: evidenceAnchor(evidence.id),
        label: `E${number}`,
      }
    }),
  }))
}

/** Wrap a quotation in curly quotes unless it already opens with a quotation mark. */
export function quoted(text: string): string {
  const trimmed = text.trim()
  return /^["“‘'«„]/.test(trimmed) ? trimmed : `“${trimmed}”`
}
