/**
 * What the redline reads of one side: each priority's stated commitment and
 * rendered body (hast, with the citation behind each note reference, from
 * the side's `ReportView`), and each excerpt's text.
 */
import type {ScoredReport} from '../../core/model.js'
import {excerptText} from '../../link/index.js'
import {presentReport} from '../../present/index.js'
import type {RedlineSide} from './page.js'

/** The redline's view of a scored side. Bodies are the ReportView's hast; templates play no part in them. */
export function redlineSide(report: ScoredReport): RedlineSide {
  const view = presentReport(report)
  const priorities = new Map(view.priorities.map((item) => [item.id, {stated: item.stated?.quote, body: {hast: item.body.hast, referenced: item.body.referenced}}]))
  // Every excerpt, also those this edition leaves out: an edited quotation is shown whatever its date.
  const excerpts = new Map(report.evidence.map((item) => [item.id, excerptText(report.bodies.get(item)!)]))
  return {lang: view.lang, priorities, excerpts}
}
