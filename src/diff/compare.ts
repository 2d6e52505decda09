/**
 * Comparing two scored reports into an `AssessmentDiff`: priorities and
 * evidence are paired by id, then by file (a rename); statuses are ranked on
 * the head's scale; quotations, stated commitments and assessments get
 * word-level changes (words.ts). Pure and deterministic.
 */
import {compare} from '../core/diagnostics.js'
import {excerptText} from '../link/index.js'
import type {Evidence, Priority, Prose, ScoredReport} from '../core/model.js'
import {toPosixPath} from '../core/paths.js'
import {diffSchemaVersion} from './types.js'
import type {
  AssessmentDiff,
  DiffSide,
  DiffSummary,
  EvidenceDiff,
  FieldChange,
  PriorityDiff,
  ProseDiff,
  ReportFieldChange,
  ScaleEntry,
  Stated,
  StatusMove,
} from './types.js'
import {textChange, type WordOptions} from './words.js'

/** Compare two scored reports. Pure and deterministic: lists are sorted by id. */
export function diffReports(base: ScoredReport, head: ScoredReport, sides: {base: DiffSide; head: DiffSide}, options: WordOptions = {}): AssessmentDiff {
  const words: WordOptions = {ignoreTypography: options.ignoreTypography ?? false}
  const scale = scaleEntries(head)
  const baseScale = scaleEntries(base)
  const scaleChanged = JSON.stringify(scale) !== JSON.stringify(baseScale)
  const rank = new Map(scale.map((entry, index) => [entry.id, index]))

  // Evidence first: priorities point at edited quotations.
  const evidence = diffEvidence(base, head, words)
  const edited = new Set(evidence.filter((item) => item.quotationEdited).map((item) => item.id))
  const priorities = diffPriorities(base, head, rank, edited, words)
  const prose = diffProse(base, head, words)
  const report = diffReportFields(base, head)

  const count = (predicate: (item: PriorityDiff) => boolean): number => priorities.filter(predicate).length
  const both = priorities.filter((item) => item.change === 'modified')
  const summary: DiffSummary = {
    changed: priorities.length + evidence.length + prose.length + report.length > 0 || scaleChanged,
    priorities: {
      upgrades: count((item) => item.status.direction === 'upgrade'),
      downgrades: count((item) => item.status.direction === 'downgrade'),
      unranked: count((item) => item.status.direction === 'unranked'),
      added: count((item) => item.change === 'added'),
      removed: count((item) => item.change === 'removed'),
      renamed: count((item) => item.previousId !== null),
      modified: both.length,
      unchanged: head.priorities.length - priorities.filter((item) => item.change !== 'removed').length,
    },
    evidence: {
      added: evidence.filter((item) => item.change === 'added').length,
      removed: evidence.filter((item) => item.change === 'removed').length,
      modified: evidence.filter((item) => item.change === 'modified').length,
      renamed: evidence.filter((item) => item.previousId !== null).length,
      editedQuotations: edited.size,
    },
    prose: prose.length,
    report: report.length,
  }

  return {
    schemaVersion: diffSchemaVersion,
    base: sides.base,
    head: sides.head,
    title: head.config.title,
    ignoreTypography: words.ignoreTypography ?? false,
    summary,
    scale: {entries: scale, changed: scaleChanged, before: scaleChanged ? baseScale : null},
    report,
    priorities,
    evidence,
    prose,
  }
}

function scaleEntries(report: ScoredReport): ScaleEntry[] {
  return report.config.scale.map((entry, index) => ({id: entry.id, label: entry.label, symbol: entry.symbol, color: entry.color, rank: index + 1}))
}

/** Project-relative path of a content file, `/`-separated. */
function fileOf(item: {source: {file: {path: string}}}): string {
  return toPosixPath(item.source.file.path)
}

/**
 * Pair items of the two sides: by id, then (for the rest) by file, which is a
 * rename. Returns pairs and the unpaired items of each side.
 */
function match<T extends {id: string; source: {file: {path: string}}}>(before: readonly T[], after: readonly T[]) {
  const pairs: {before: T; after: T}[] = []
  const afterById = new Map(after.map((item) => [item.id, item]))
  const restBefore: T[] = []
  const paired = new Set<T>()
  for (const item of before) {
    const other = afterById.get(item.id)
    if (other) {
      pairs.push({before: item, after: other})
      paired.add(other)
    } else restBefore.push(item)
  }
  const restAfterByFile = new Map(after.filter((item) => !paired.has(item)).map((item) => [fileOf(item), item]))
  const removed: T[] = []
  for (const item of restBefore) {
    const other = restAfterByFile.get(fileOf(item))
    if (other) {
      pairs.push({before: item, after: other})
      paired.add(other)
      restAfterByFile.delete(fileOf(item))
    } else removed.push(item)
  }
  const added = after.filter((item) => !paired.has(item))
  return {pairs, added, removed}
}

function diffPriorities(base: ScoredReport, head: ScoredReport, rank: Map<string, number>, edited: Set<string>, words: WordOptions): PriorityDiff[] {
  const {pairs, added, removed} = match(base.priorities, head.priorities)
  const cites = (report: ScoredReport, item: Priority): string[] => report.evidenceOf.get(item.id) ?? []
  const editedIn = (ids: readonly string[]): string[] => [...new Set(ids.filter((id) => edited.has(id)))].sort(compare)
  const out: PriorityDiff[] = []

  for (const item of added)
    out.push({
      ...one(item, 'added'),
      status: {before: null, after: statusOf(head, item), direction: null, steps: 0},
      stated: item.stated ? {before: null, after: stated(item.stated), quote: null} : null,
      evidence: {added: sorted(cites(head, item)), removed: []},
      // Reviewers read a new priority's assessment in full: one insertion, not clipped.
      assessment: textChange('', markdownOf(item), {context: 0, clip: Infinity, ...words}),
      editedQuotations: editedIn(cites(head, item)),
    })
  for (const item of removed)
    out.push({
      ...one(item, 'removed'),
      status: {before: statusOf(base, item), after: null, direction: null, steps: 0},
      stated: item.stated ? {before: stated(item.stated), after: null, quote: null} : null,
      evidence: {added: [], removed: sorted(cites(base, item))},
    })

  for (const {before, after} of pairs) {
    const beforeCites = new Set(cites(base, before))
    const afterCites = new Set(cites(head, after))
    const statedChanged = JSON.stringify(before.stated ?? null) !== JSON.stringify(after.stated ?? null)
    const entry: PriorityDiff = {
      ...one(after, 'modified'),
      previousId: before.id === after.id ? null : before.id,
      status: statusMove(statusOf(base, before), statusOf(head, after), rank),
      titleChange: changed(before.title, after.title),
      dimensionChange: changed(before.dimension, after.dimension),
      fileChange: changed(fileOf(before), fileOf(after)),
      orderChange: changed(before.order ?? null, after.order ?? null),
      stated: statedChanged
        ? {
            before: before.stated ? stated(before.stated) : null,
            after: after.stated ? stated(after.stated) : null,
            quote: before.stated && after.stated ? textChange(before.stated.quote, after.stated.quote, {context: 8, clip: Infinity, ...words}) : null,
          }
        : null,
      evidence: {added: sorted([...afterCites].filter((id) => !beforeCites.has(id))), removed: sorted([...beforeCites].filter((id) => !afterCites.has(id)))},
      assessment: textChange(markdownOf(before), markdownOf(after), {context: 8, clip: 40, ...words}),
      historyAdded: newHistory(base, before, head, after),
      editedQuotations: editedIn([...afterCites]),
    }
    const same =
      entry.previousId === null &&
      entry.status.direction === 'unchanged' &&
      !entry.titleChange &&
      !entry.dimensionChange &&
      !entry.fileChange &&
      !entry.orderChange &&
      !entry.stated &&
      entry.evidence.added.length + entry.evidence.removed.length === 0 &&
      !entry.assessment &&
      entry.editedQuotations.length === 0 &&
      entry.historyAdded.length === 0
    if (!same) out.push(entry)
  }
  return out.sort((a, b) => compare(a.id, b.id) || compare(a.change, b.change))

  function one(item: Priority, change: PriorityDiff['change']): PriorityDiff {
    return {
      change,
      id: item.id,
      previousId: null,
      title: item.title,
      dimension: item.dimension,
      file: fileOf(item),
      status: {before: null, after: null, direction: null, steps: 0},
      titleChange: null,
      dimensionChange: null,
      fileChange: null,
      orderChange: null,
      stated: null,
      evidence: {added: [], removed: []},
      assessment: null,
      editedQuotations: [],
      historyAdded: [],
    }
  }
}

/**
 * History entries of the head's priority on dates its base had none for
 * (both as of each side's date). Rewriting the status of an existing entry
 * is not a new dated entry.
 */
function newHistory(base: ScoredReport, before: Priority, head: ScoredReport, after: Priority): {date: string; status: string}[] {
  const known = new Set((base.historyOf.get(before.id) ?? []).map((entry) => entry.date))
  return (head.historyOf.get(after.id) ?? []).filter((entry) => !known.has(entry.date)).map((entry) => ({date: entry.date, status: entry.status}))
}

/** The status a report gives a priority as of its date (from history); `unrated` before its first rating. */
function statusOf(report: ScoredReport, priority: Priority): string {
  return report.statusOf.get(priority.id) ?? 'unrated'
}

function stated(value: Stated): Stated {
  return {quote: value.quote, cite: value.cite}
}

function statusMove(before: string, after: string, rank: Map<string, number>): StatusMove {
  if (before === after) return {before, after, direction: 'unchanged', steps: 0}
  const from = rank.get(before)
  const to = rank.get(after)
  if (from === undefined || to === undefined) return {before, after, direction: 'unranked', steps: 0}
  return {before, after, direction: to < from ? 'upgrade' : 'downgrade', steps: Math.abs(from - to)}
}

function diffEvidence(base: ScoredReport, head: ScoredReport, words: WordOptions): EvidenceDiff[] {
  const {pairs, added, removed} = match(base.evidence, head.evidence)
  const quotation = (report: ScoredReport, item: Evidence): string => excerptText(report.bodies.get(item)!)
  const citedBy = (report: ScoredReport, item: Evidence): string[] => sorted(report.citedBy.get(item.id) ?? [])
  const one = (report: ScoredReport, item: Evidence, change: EvidenceDiff['change']): EvidenceDiff => ({
    change,
    id: item.id,
    previousId: null,
    title: item.title,
    file: fileOf(item),
    fileChange: null,
    quotationEdited: false,
    quotation: null,
    metadata: [],
    citedBy: citedBy(report, item),
  })
  const out: EvidenceDiff[] = [...added.map((item) => one(head, item, 'added')), ...removed.map((item) => one(base, item, 'removed'))]
  for (const {before, after} of pairs) {
    const textBefore = quotation(base, before)
    const textAfter = quotation(head, after)
    // Line breaks are not part of a quotation; words and punctuation are.
    const change = textChange(textBefore, textAfter, {context: 12, clip: Infinity, ...words})
    const metadata = evidenceFields
      .map((field) => ({field, before: before[field] ?? null, after: after[field] ?? null}))
      .filter((item) => item.before !== item.after)
    const entry: EvidenceDiff = {
      ...one(head, after, 'modified'),
      previousId: before.id === after.id ? null : before.id,
      fileChange: changed(fileOf(before), fileOf(after)),
      quotationEdited: change !== null,
      quotation: change ? {before: textBefore, after: textAfter, change} : null,
      metadata,
    }
    if (entry.previousId !== null || entry.fileChange || entry.quotationEdited || metadata.length > 0) out.push(entry)
  }
  return out.sort((a, b) => compare(a.id, b.id) || compare(a.change, b.change))
}

const evidenceFields = ['title', 'publisher', 'author', 'date', 'url', 'type', 'locator', 'speaker', 'spokenOn', 'note'] as const

function diffProse(base: ScoredReport, head: ScoredReport, words: WordOptions): ProseDiff[] {
  const byFile = (report: ScoredReport) => new Map(report.prose.map((item) => [fileOf(item), item]))
  const before = byFile(base)
  const after = byFile(head)
  const out: ProseDiff[] = []
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort(compare)) {
    const a = before.get(file)
    const b = after.get(file)
    if (a && b) {
      const titleChange = changed(a.title, b.title)
      const text = textChange(markdownOf(a), markdownOf(b), {context: 8, clip: 40, ...words})
      if (titleChange || text) out.push({change: 'modified', file, title: b.title, titleChange, text})
    } else if (b) out.push({change: 'added', file, title: b.title, titleChange: null, text: null})
    else if (a) out.push({change: 'removed', file, title: a.title, titleChange: null, text: null})
  }
  return out
}

function diffReportFields(base: ScoredReport, head: ScoredReport): ReportFieldChange[] {
  const describe = (report: ScoredReport): Record<string, string | null> => {
    const config = report.config
    return {
      title: config.title,
      subtitle: config.subtitle ?? null,
      shortTitle: config.shortTitle ?? null,
      authors: config.authors.map((author) => (author.affiliation ? `${author.name} (${author.affiliation})` : author.name)).join('; '),
      publisher: config.publisher,
      asOf: config.asOf,
      period: config.period ? `${String(config.period.start)} to ${String(config.period.end)}` : null,
      lang: config.lang,
      pageSize: config.pageSize ?? null,
      dimensions: config.dimensions.map((dimension) => `${dimension.id} (${dimension.title})`).join(', '),
      scale: config.scale.map((entry) => `${entry.id} (${entry.symbol} ${entry.label})`).join(', '),
    }
  }
  const before = describe(base)
  const after = describe(head)
  return Object.keys(after)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({field, before: before[field] ?? null, after: after[field] ?? null}))
}

function changed<T>(before: T, after: T): FieldChange<T> | null {
  return before === after ? null : {before, after}
}

function sorted(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compare)
}

/** The Markdown of a body, front matter left out. */
function markdownOf(item: Priority | Prose): string {
  return item.source.body.trim()
}
