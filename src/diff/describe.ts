/**
 * What the text, Markdown and redline formats say alike: how a side is
 * named, the summary line, status labels and moves, which priorities get a
 * row in the status table, and the details of a changed priority or excerpt.
 */
import {compare} from '../core/diagnostics.js'
import {movementCount, movementPhrase, movementSymbols} from '../present/labels.js'
import {undatedStatusChange} from './gates.js'
import type {AssessmentDiff, DiffSide, EvidenceDiff, PriorityDiff, StatusMove, TextChange} from './types.js'


/** How a side is named in headings: `origin/main (1a2b3c4)`. */
export function sideName(side: DiffSide): string {
  const name = side.commit ? `${side.label} (${side.commit.slice(0, 7)})` : side.label
  return side.empty ? `${name} (no project)` : name
}

/** At most this many errors of a side are shown. */
const maxShown = 10

/** The sides that do not pass `check`, each with the errors to show and how many more there are. */
export function sideErrors(diff: AssessmentDiff): {name: string; heading: string; lines: string[]; more: number}[] {
  return [diff.base, diff.head]
    .filter((side) => side.errors.length > 0)
    .map((side) => {
      const n = side.errors.length
      return {
        name: sideName(side),
        heading: `${sideName(side)} does not pass check (${n} error${n === 1 ? '' : 's'}); compared what could be read (a file that could not be read counts as missing)`,
        lines: side.errors.slice(0, maxShown),
        more: Math.max(0, n - maxShown),
      }
    })
}

/** The one-line summary: `1 upgrade, 1 downgrade, 1 added, …`. Empty parts are left out. */
export function summaryText(diff: AssessmentDiff, options: {symbols?: boolean} = {}): string {
  const {priorities: p, evidence: e} = diff.summary
  if (!diff.summary.changed) return 'No changes.'
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`
  const sym = (symbol: string): string => (options.symbols ? `${symbol} ` : '')
  const parts = [
    p.up && `${sym(movementSymbols.up)}${movementCount('up', p.up)}`,
    p.down && `${sym(movementSymbols.down)}${movementCount('down', p.down)}`,
    p.new && `${sym(movementSymbols.new)}${movementCount('new', p.new)}`,
    p.unranked && n(p.unranked, 'status change off the scale', 'status changes off the scale'),
    p.added && `${n(p.added, 'priority', 'priorities')} added`,
    p.removed && `${n(p.removed, 'priority', 'priorities')} removed`,
    p.renamed && `${n(p.renamed, 'priority', 'priorities')} renamed`,
  ].filter((part): part is string => Boolean(part))
  const other = diff.priorities.filter((item) => item.change === 'modified' && item.status.movement === 'same' && item.previousId === null).length
  if (other > 0) parts.push(`${n(other, 'other priority', 'other priorities')} changed`)
  const groups = parts.length > 0 ? [parts.join(', ')] : []
  const evidence = [
    e.editedQuotations && `${n(e.editedQuotations, 'EDITED QUOTATION', 'EDITED QUOTATIONS')}`,
    e.added && `${e.added} added`,
    e.removed && `${e.removed} removed`,
    e.modified - e.editedQuotations > 0 && `${e.modified - e.editedQuotations} with changed details`,
  ].filter((part): part is string => Boolean(part))
  if (evidence.length > 0) groups.push(`evidence: ${evidence.join(', ')}`)
  if (diff.summary.prose > 0) groups.push(`${n(diff.summary.prose, 'report chapter')} changed`)
  if (diff.summary.report > 0 || diff.scale.changed) groups.push('report settings changed')
  return groups.length > 0 ? `${groups.join('; ')}.` : 'No changes.'
}

/** Label of a status id, with its symbol: `▲ Progressing`. */
export function statusLabel(diff: AssessmentDiff, id: string | null): string {
  if (id === null) return '—'
  const entry = diff.scale.entries.find((item) => item.id === id) ?? diff.scale.before?.find((item) => item.id === id)
  return entry ? `${entry.symbol} ${entry.label}` : id
}

/** How a status moved, in the view's words (`down 2 steps`, `newly rated`); '' when it did not. */
export function moveText(move: StatusMove): string {
  switch (move.movement) {
    case 'up':
    case 'down':
    case 'new':
      return movementPhrase({movement: move.movement, steps: move.steps})
    case 'unranked':
      return 'changed (not on the scale)'
    default:
      return ''
  }
}

/** The symbol of a move: the view's for up, down and new; `◇` off the scale. */
export const arrow = (move: StatusMove): string =>
  move.movement === 'up' || move.movement === 'down' || move.movement === 'new' ? movementSymbols[move.movement] : move.movement === 'unranked' ? '◇' : ' '

/** Priorities whose status table row is worth showing: moved, added or removed. */
export function statusRows(diff: AssessmentDiff): PriorityDiff[] {
  const order = ['down', 'up', 'new', 'unranked'] as const
  const weight = (item: PriorityDiff): number => {
    const moved = order.indexOf(item.status.movement as (typeof order)[number])
    return moved >= 0 ? moved : item.change === 'added' ? order.length : order.length + 1
  }
  return diff.priorities
    .filter((item) => item.change !== 'modified' || (item.status.movement !== 'same' && item.status.movement !== null))
    .sort((a, b) => weight(a) - weight(b) || compare(a.id, b.id))
}


export interface Detail {
  label: string
  text?: string
  change?: TextChange
}

/** The changes of a priority, as label/value pairs shared by text and Markdown. */
export function priorityDetails(diff: AssessmentDiff, item: PriorityDiff): Detail[] {
  const details: Detail[] = []
  if (item.change === 'added') details.push({label: 'status', text: statusLabel(diff, item.status.after)})
  else if (item.change === 'removed') details.push({label: 'status', text: `was ${statusLabel(diff, item.status.before)}`})
  else if (item.status.movement !== 'same')
    details.push({label: 'status', text: `${statusLabel(diff, item.status.before)} → ${statusLabel(diff, item.status.after)} (${moveText(item.status)})`})
  if (item.change === 'modified' && item.status.movement !== 'same') {
    if (undatedStatusChange(item)) details.push({label: 'history', text: 'no new dated entry gives this status'})
  }
  if (item.historyAdded.length > 0)
    details.push({label: 'history added', text: item.historyAdded.map((entry) => `${entry.date} ${statusLabel(diff, entry.status)}`).join('; ')})
  if (item.previousId) details.push({label: 'renamed', text: `${item.previousId} → ${item.id} (same file)`})
  if (item.titleChange) details.push({label: 'title', text: `${item.titleChange.before} → ${item.titleChange.after}`})
  if (item.dimensionChange) details.push({label: 'dimension', text: `${item.dimensionChange.before} → ${item.dimensionChange.after}`})
  if (item.fileChange) details.push({label: 'file', text: `${item.fileChange.before} → ${item.fileChange.after}`})
  if (item.orderChange) details.push({label: 'order', text: `${item.orderChange.before ?? '—'} → ${item.orderChange.after ?? '—'}`})
  if (item.stated && item.change === 'modified') {
    if (item.stated.quote) details.push({label: 'stated commitment', change: item.stated.quote})
    else if (!item.stated.before) details.push({label: 'stated commitment', text: `added: "${item.stated.after!.quote}"`})
    else if (!item.stated.after) details.push({label: 'stated commitment', text: `removed (was "${item.stated.before.quote}")`})
    if (item.stated.before && item.stated.after && item.stated.before.cite !== item.stated.after.cite)
      details.push({label: 'stated commitment cites', text: `${item.stated.before.cite} → ${item.stated.after.cite}`})
  }
  if (item.evidence.added.length > 0) details.push({label: item.change === 'added' ? 'evidence' : 'evidence added', text: item.evidence.added.join(', ')})
  if (item.evidence.removed.length > 0)
    details.push({label: item.change === 'removed' ? 'evidence' : 'evidence removed', text: item.evidence.removed.join(', ')})
  if (item.editedQuotations.length > 0) details.push({label: 'cites EDITED QUOTATION', text: item.editedQuotations.join(', ')})
  if (item.assessment)
    details.push({label: `assessment (+${item.assessment.wordsAdded} −${item.assessment.wordsRemoved} words)`, change: item.assessment})
  return details
}

export function evidenceDetails(item: EvidenceDiff): string[] {
  const details: string[] = []
  if (item.previousId) details.push(`renamed: ${item.previousId} → ${item.id} (same file)`)
  if (item.fileChange) details.push(`file: ${item.fileChange.before} → ${item.fileChange.after}`)
  for (const field of item.metadata) details.push(`${field.field}: ${field.before ?? '—'} → ${field.after ?? '—'}`)
  if (item.quotationEdited) details.push('quotation edited (see above)')
  if (item.citedBy.length > 0) details.push(`${item.change === 'removed' ? 'was cited by' : 'cited by'}: ${item.citedBy.join(', ')}`)
  return details
}

/** Said under the summary when typography-only changes were ignored. */
export const typographyNote =
  'Typography-only changes (curly or straight quotes, dashes, ellipses) are ignored: texts are compared, and shown, with plain quotes and hyphens.'
