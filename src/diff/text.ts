/**
 * `diff --format text`: for the terminal, optionally coloured.
 */
import pc from 'picocolors'
import {arrow, evidenceDetails, moveText, priorityDetails, sideName, statusLabel, sideErrors, statusRows, summaryText, typographyNote} from './describe.js'
import type {AssessmentDiff, TextChange} from './types.js'

/** `diff --format text`: for the terminal. With `color`, moves and word changes are coloured as well as marked. */
export function formatDiffText(diff: AssessmentDiff, options: {color?: boolean} = {}): string {
  const c = pc.createColors(options.color ?? false)
  const lines: string[] = []
  const words = (change: TextChange): string =>
    change.segments
      .map((segment) =>
        segment.op === 'insert' ? c.green(`{+${segment.text}+}`) : segment.op === 'delete' ? c.red(`[-${segment.text}-]`) : segment.text,
      )
      .join('')

  lines.push(c.bold(`Scorecard diff: ${sideName(diff.base)} → ${sideName(diff.head)}`))
  for (const side of sideErrors(diff)) {
    lines.push(c.bold(c.red(`!! ${side.heading}:`)))
    for (const line of side.lines) lines.push(`   ${line}`)
    if (side.more > 0) lines.push(`   … and ${side.more} more`)
  }
  lines.push(summaryText(diff))
  if (diff.ignoreTypography) lines.push(typographyNote)

  for (const item of diff.evidence.filter((entry) => entry.quotationEdited)) {
    lines.push('')
    lines.push(c.bold(c.red(`!! EDITED QUOTATION: ${item.id} (${item.file})`)))
    lines.push(`   Evidence excerpts are verbatim quotations and should not change. Check this against the source.`)
    if (item.citedBy.length > 0) lines.push(`   Cited by: ${item.citedBy.join(', ')}`)
    lines.push(`   ${words(item.quotation!.change)}`)
  }

  const rows = statusRows(diff)
  if (rows.length > 0) {
    lines.push('', c.bold('Status'))
    const width = Math.max(...rows.map((item) => item.id.length))
    for (const item of rows) {
      const id = item.id.padEnd(width)
      if (item.change === 'added') lines.push(`  + ${id}  ${statusLabel(diff, item.status.after)} (added)`)
      else if (item.change === 'removed') lines.push(`  - ${id}  ${statusLabel(diff, item.status.before)} (removed)`)
      else {
        const text = `  ${arrow(item.status)} ${id}  ${statusLabel(diff, item.status.before)} → ${statusLabel(diff, item.status.after)} (${moveText(item.status)})`
        lines.push(item.status.movement === 'up' ? c.green(text) : item.status.movement === 'down' ? c.red(text) : text)
      }
    }
  }

  if (diff.priorities.length > 0) {
    lines.push('', c.bold('Priorities'))
    for (const item of diff.priorities) {
      lines.push(`  ${c.bold(item.id)}  ${item.title} (${item.file}) ${c.dim(`[${item.change}]`)}`)
      for (const detail of priorityDetails(diff, item)) lines.push(`    ${detail.label}: ${detail.text ?? words(detail.change!)}`)
    }
  }

  if (diff.evidence.length > 0) {
    lines.push('', c.bold('Evidence'))
    for (const item of diff.evidence) {
      const flag = item.quotationEdited ? c.bold(c.red(' EDITED QUOTATION')) : ''
      lines.push(`  ${c.bold(item.id)}  ${item.title} (${item.file}) ${c.dim(`[${item.change}]`)}${flag}`)
      for (const detail of evidenceDetails(item)) lines.push(`    ${detail}`)
    }
  }

  if (diff.prose.length > 0) {
    lines.push('', c.bold('Report chapters'))
    for (const item of diff.prose) {
      lines.push(`  ${item.file}  ${item.title} ${c.dim(`[${item.change}]`)}`)
      if (item.titleChange) lines.push(`    title: ${item.titleChange.before} → ${item.titleChange.after}`)
      if (item.text) lines.push(`    text: ${words(item.text)}`)
    }
  }

  if (diff.report.length > 0 || diff.scale.changed) {
    lines.push('', c.bold('Report settings (scorecard.yml)'))
    for (const field of diff.report) lines.push(`  ${field.field}: ${field.before ?? '—'} → ${field.after ?? '—'}`)
    if (diff.scale.changed) lines.push('  note: the rating scale changed; statuses are ranked on the new scale.')
  }
  return `${lines.join('\n')}\n`
}
