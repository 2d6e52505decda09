/**
 * Comparing two reports, as their `ReportView`s show them, into an
 * `AssessmentDiff`: priorities and evidence are paired by id, then by file
 * (a rename); statuses are ranked on the head's scale and their movement is
 * named in the view's vocabulary (up, down, same, new); quotations, stated
 * commitments and assessments get word-level changes (words.ts). Evidence is
 * the view's catalogue: every excerpt each side shows as of its date, cited
 * or not. Pure and deterministic.
 */
import {compare} from '../core/diagnostics.js'
import type {ScoredReport} from '../core/model.js'
import type {EvidenceView, PriorityView, ReportView} from '../core/view.js'
import {presentReport} from '../present/index.js'
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

/** Compare two scored reports: {@link diffViews} of what present makes of them. */
export function diffReports(base: ScoredReport, head: ScoredReport, sides: {base: DiffSide; head: DiffSide}, options: WordOptions = {}): AssessmentDiff {
  return diffViews(presentReport(base), presentReport(head), sides, options)
}

/** Compare two report views. Pure and deterministic: lists are sorted by id. */
export function diffViews(base: ReportView, head: ReportView, sides: {base: DiffSide; head: DiffSide}, options: WordOptions = {}): AssessmentDiff {
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
      up: count((item) => item.status.movement === 'up'),
      down: count((item) => item.status.movement === 'down'),
      new: count((item) => item.status.movement === 'new'),
      unranked: count((item) => item.status.movement === 'unranked'),
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
    title: head.title,
    ignoreTypography: words.ignoreTypography ?? false,
    summary,
    scale: {entries: scale, changed: scaleChanged, before: scaleChanged ? baseScale : null},
    report,
    priorities,
    evidence,
    prose,
  }
}

function scaleEntries(view: ReportView): ScaleEntry[] {
  return view.scale.map((entry) => ({id: entry.id, label: entry.label, symbol: entry.symbol, color: entry.color, rank: entry.rank}))
}

/**
 * Pair items of the two sides: by id, then (for the rest) by file, which is a
 * rename. Returns pairs and the unpaired items of each side.
 */
function match<T extends {id: string; file: string}>(before: readonly T[], after: readonly T[]) {
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
  const restAfterByFile = new Map(after.filter((item) => !paired.has(item)).map((item) => [item.file, item]))
  const removed: T[] = []
  for (const item of restBefore) {
    const other = restAfterByFile.get(item.file)
    if (other) {
      pairs.push({before: item, after: other})
      paired.add(other)
      restAfterByFile.delete(item.file)
    } else removed.push(item)
  }
  const added = after.filter((item) => !paired.has(item))
  return {pairs, added, removed}
}

function diffPriorities(base: ReportView, head: ReportView, rank: Map<string, number>, edited: Set<string>, words: WordOptions): PriorityDiff[] {
  const {pairs, added, removed} = match(base.priorities, head.priorities)
  const editedIn = (ids: readonly string[]): string[] => [...new Set(ids.filter((id) => edited.has(id)))].sort(compare)
  const out: PriorityDiff[] = []

  for (const item of added)
    out.push({
      ...one(item, 'added'),
      status: {before: null, after: statusOf(item), movement: null, steps: 0},
      stated: item.stated ? {before: null, after: stated(item.stated), quote: null} : null,
      evidence: {added: sorted(item.evidence), removed: []},
      // Reviewers read a new priority's assessment in full: one insertion, not clipped.
      assessment: textChange('', item.markdown, {context: 0, clip: Infinity, ...words}),
      editedQuotations: editedIn(item.evidence),
    })
  for (const item of removed)
    out.push({
      ...one(item, 'removed'),
      status: {before: statusOf(item), after: null, movement: null, steps: 0},
      stated: item.stated ? {before: stated(item.stated), after: null, quote: null} : null,
      evidence: {added: [], removed: sorted(item.evidence)},
    })

  for (const {before, after} of pairs) {
    const beforeCites = new Set(before.evidence)
    const afterCites = new Set(after.evidence)
    const beforeStated = before.stated ? stated(before.stated) : null
    const afterStated = after.stated ? stated(after.stated) : null
    // `words` (own words or a summary) counts as a change of the stated commitment too.
    const written = (item: PriorityView) => item.stated && {quote: item.stated.quote, cite: item.stated.cite, words: item.stated.words}
    const statedChanged = JSON.stringify(written(before) ?? null) !== JSON.stringify(written(after) ?? null)
    const entry: PriorityDiff = {
      ...one(after, 'modified'),
      previousId: before.id === after.id ? null : before.id,
      status: statusMove(statusOf(before), statusOf(after), rank),
      titleChange: changed(before.title, after.title),
      dimensionChange: changed(before.dimension, after.dimension),
      fileChange: changed(before.file, after.file),
      orderChange: changed(before.order ?? null, after.order ?? null),
      stated: statedChanged
        ? {
            before: beforeStated,
            after: afterStated,
            quote: beforeStated && afterStated ? textChange(beforeStated.quote, afterStated.quote, {context: 8, clip: Infinity, ...words}) : null,
          }
        : null,
      evidence: {added: sorted([...afterCites].filter((id) => !beforeCites.has(id))), removed: sorted([...beforeCites].filter((id) => !afterCites.has(id)))},
      assessment: textChange(before.markdown, after.markdown, {context: 8, clip: 40, ...words}),
      historyAdded: newHistory(before, after),
      editedQuotations: editedIn([...afterCites]),
    }
    const same =
      entry.previousId === null &&
      entry.status.movement === 'same' &&
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

  function one(item: PriorityView, change: PriorityDiff['change']): PriorityDiff {
    return {
      change,
      id: item.id,
      previousId: null,
      title: item.title,
      dimension: item.dimension,
      file: item.file,
      // Filled in by the sides, which can read the files (lines.ts).
      lines: null,
      status: {before: null, after: null, movement: null, steps: 0},
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
function newHistory(before: PriorityView, after: PriorityView): {date: string; status: string}[] {
  const known = new Set(before.history.map((entry) => entry.date))
  return after.history.filter((entry) => !known.has(entry.date)).map((entry) => ({date: entry.date, status: entry.statusId}))
}

/** The status a side gives a priority as of its date (from history); `unrated` before its first rating. */
function statusOf(priority: PriorityView): string {
  return priority.statusId ?? unrated
}

const unrated = 'unrated'

function stated(value: NonNullable<PriorityView['stated']>): Stated {
  return {quote: value.quote, cite: value.cite}
}

/**
 * How a status moved, in the view's vocabulary (`Movement`): `up` towards the
 * best rating, `down`, `same`, `new` (rated, where the base had no rating
 * yet); `unranked` when either status is not on the head's scale.
 */
function statusMove(before: string, after: string, rank: Map<string, number>): StatusMove {
  if (before === after) return {before, after, movement: 'same', steps: 0}
  const to = rank.get(after)
  if (before === unrated && to !== undefined) return {before, after, movement: 'new', steps: 0}
  const from = rank.get(before)
  if (from === undefined || to === undefined) return {before, after, movement: 'unranked', steps: 0}
  return {before, after, movement: to < from ? 'up' : 'down', steps: Math.abs(from - to)}
}

function diffEvidence(base: ReportView, head: ReportView, words: WordOptions): EvidenceDiff[] {
  const {pairs, added, removed} = match(base.evidence, head.evidence)
  const one = (item: EvidenceView, change: EvidenceDiff['change']): EvidenceDiff => ({
    change,
    id: item.id,
    previousId: null,
    title: item.title,
    file: item.file,
    lines: null,
    fileChange: null,
    quotationEdited: false,
    quotation: null,
    metadata: [],
    citedBy: sorted(item.citedBy.map((entry) => entry.id)),
  })
  const out: EvidenceDiff[] = [...added.map((item) => one(item, 'added')), ...removed.map((item) => one(item, 'removed'))]
  for (const {before, after} of pairs) {
    // Line breaks are not part of a quotation; words and punctuation are.
    const change = textChange(before.excerpt, after.excerpt, {context: 12, clip: Infinity, ...words})
    const metadata = evidenceFields
      .map((field) => ({field, before: before[field] ?? null, after: after[field] ?? null}))
      .filter((item) => item.before !== item.after)
    const entry: EvidenceDiff = {
      ...one(after, 'modified'),
      previousId: before.id === after.id ? null : before.id,
      fileChange: changed(before.file, after.file),
      quotationEdited: change !== null,
      quotation: change ? {before: before.excerpt, after: after.excerpt, change} : null,
      metadata,
    }
    if (entry.previousId !== null || entry.fileChange || entry.quotationEdited || metadata.length > 0) out.push(entry)
  }
  return out.sort((a, b) => compare(a.id, b.id) || compare(a.change, b.change))
}

const evidenceFields = ['title', 'publisher', 'author', 'date', 'url', 'type', 'locator', 'speaker', 'spokenOn', 'note'] as const

/** The report's prose files (summary, closing chapters), by file. */
function proseOf(view: ReportView): Map<string, {title: string; markdown: string}> {
  const out = new Map<string, {title: string; markdown: string}>()
  for (const chapter of view.chapters)
    if ((chapter.kind === 'summary' || chapter.kind === 'closing') && chapter.source) out.set(chapter.source.file, {title: chapter.title, markdown: chapter.source.markdown})
  return out
}

function diffProse(base: ReportView, head: ReportView, words: WordOptions): ProseDiff[] {
  const before = proseOf(base)
  const after = proseOf(head)
  const out: ProseDiff[] = []
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort(compare)) {
    const a = before.get(file)
    const b = after.get(file)
    if (a && b) {
      const titleChange = changed(a.title, b.title)
      const text = textChange(a.markdown, b.markdown, {context: 8, clip: 40, ...words})
      if (titleChange || text) out.push({change: 'modified', file, lines: null, title: b.title, titleChange, text})
    } else if (b) out.push({change: 'added', file, lines: null, title: b.title, titleChange: null, text: null})
    else if (a) out.push({change: 'removed', file, lines: null, title: a.title, titleChange: null, text: null})
  }
  return out
}

function diffReportFields(base: ReportView, head: ReportView): ReportFieldChange[] {
  const describe = (view: ReportView): Record<string, string | null> => ({
    // Settings as written (the view's display titles are typeset).
    title: view.asWritten.title,
    subtitle: view.settings.subtitle ?? null,
    shortTitle: view.settings.shortTitle ?? null,
    authors: view.authors.map((author) => (author.affiliation ? `${author.name} (${author.affiliation})` : author.name)).join('; '),
    publisher: view.publisher,
    asOf: view.settings.asOf,
    period: view.period ? `${view.period.start} to ${view.period.end}` : null,
    lang: view.lang,
    pageSize: view.settings.pageSize ?? null,
    dimensions: view.dimensions.map((dimension) => `${dimension.id} (${dimension.titleAsWritten})`).join(', '),
    scale: view.scale.map((entry) => `${entry.id} (${entry.symbol} ${entry.label})`).join(', '),
  })
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
