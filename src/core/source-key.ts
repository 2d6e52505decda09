/**
 * The one source key: excerpts from the same source document (same date,
 * title and publisher) share it. The appendix is ordered and grouped by it,
 * and a note gives a source in full only the first time it is cited in a chapter.
 */
import type {Evidence} from './model.js'

/** `date`, `title` and `publisher` joined by NUL, so sorting by the key sorts by date first. */
export function sourceKey(evidence: Pick<Evidence, 'date' | 'title' | 'publisher'>): string {
  return `${evidence.date}\u0000${evidence.title}\u0000${evidence.publisher}`
}
