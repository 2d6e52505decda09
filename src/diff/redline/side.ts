/**
 * What the redline reads of one side: each priority's stated commitment and
 * rendered body (hast, with the citation behind each note reference), and
 * each excerpt's text, all from the side's `ReportView`.
 */
import type {ReportView} from '../../core/view.js'
import type {RedlineSide} from './page.js'

/** The redline's view of a side. Bodies are the ReportView's hast; templates play no part in them. */
export function redlineSide(view: ReportView): RedlineSide {
  const priorities = new Map(view.priorities.map((item) => [item.id, {stated: item.stated?.quote, body: {hast: item.body.hast, referenced: item.body.referenced}}]))
  // The evidence catalogue: every excerpt the side shows as of its date, cited or not (what compare compared).
  const excerpts = new Map(view.evidence.map((item) => [item.id, item.excerpt]))
  return {lang: view.lang, priorities, excerpts}
}
