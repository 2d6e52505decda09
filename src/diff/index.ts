/**
 * `scorecard diff`: what changed in an assessment between two versions, in
 * the terms reviewers care about: which status moved and which way, which
 * priorities came and went, what evidence was added, and whether a quotation
 * was edited (it should never be).
 *
 * `diffProjects` reads both sides (folders or git revisions) with `check`, and
 * `diffReports` compares two scored reports into an `AssessmentDiff`, plain
 * data that `formatDiffText`, `formatDiffMarkdown` and `diffToJson` print, and
 * `redlineHtml` turns into a self-contained redline page.
 */
import path from 'node:path'
import {diffArrays, diffWords} from 'diff'
import pc from 'picocolors'
import {compare, formatDiagnostics} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {openSource, type OpenedSource, type ProjectSource} from './git.js'
import {check} from '../pipeline/index.js'
import {excerptText} from '../link/index.js'
import type {Evidence, Priority, Prose, ScoredReport} from '../core/model.js'
import {renderReport} from '../render/index.js'

/** Version of the `diff --format json` shape (docs/diff-schema.json); bump on breaking changes. */
export const diffSchemaVersion = 1

/** One side of the comparison, as shown to people. */
export interface DiffSide {
  /** The folder or revision as given (`origin/main`, `HEAD~1`, `../old`, `working tree`). */
  label: string
  type: 'directory' | 'git'
  /** The commit a revision resolved to; null for a folder. */
  commit: string | null
}

/** A rating of the scale, with its rank (1 is best). */
export interface ScaleEntry {
  id: string
  label: string
  symbol: string
  color: string
  rank: number
}

/** A value that changed. */
export interface FieldChange<T> {
  before: T
  after: T
}

/** A piece of a word-level excerpt. `equal` text may be shortened with "…". */
export interface Segment {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** A word-level change of a text. */
export interface TextChange {
  /** The changes with a little context around each. */
  segments: Segment[]
  wordsAdded: number
  wordsRemoved: number
  /** Whether changes were left out of `segments` to keep it short. */
  truncated: boolean
}

/** Where a status moved, on the head's scale (index 0 is best). */
export interface StatusMove {
  before: string | null
  after: string | null
  /**
   * `upgrade` (towards the best rating), `downgrade`, `unchanged`, `unranked`
   * (a status not on the head's scale), or null when the priority exists on
   * one side only.
   */
  direction: 'upgrade' | 'downgrade' | 'unchanged' | 'unranked' | null
  /** How many ratings it moved (0 unless upgrade or downgrade). */
  steps: number
}

/** The stated commitment of a priority. */
export interface Stated {
  quote: string
  cite: string
}

/** How one priority changed. */
export interface PriorityDiff {
  change: 'added' | 'removed' | 'modified'
  /** The head's id (the base's when removed). */
  id: string
  /** The base's id when the priority was renamed (id changed in the same file). */
  previousId: string | null
  title: string
  dimension: string
  /** Project-relative path, `/`-separated. */
  file: string
  status: StatusMove
  titleChange: FieldChange<string> | null
  dimensionChange: FieldChange<string> | null
  fileChange: FieldChange<string> | null
  orderChange: FieldChange<number | null> | null
  /** The stated commitment, when it changed (null on the side without one). */
  stated: (FieldChange<Stated | null> & {quote: TextChange | null}) | null
  /** Evidence ids cited (stated, prose, extra) that were added or dropped; all of them for an added or removed priority. */
  evidence: {added: string[]; removed: string[]}
  /** A word-level excerpt of how the assessment (Markdown) changed. */
  assessment: TextChange | null
  /** Evidence this priority cites whose quotation was edited. */
  editedQuotations: string[]
}

/** One metadata field of an evidence excerpt that changed. */
export interface MetadataChange {
  field: string
  before: string | null
  after: string | null
}

/** How one evidence excerpt changed. */
export interface EvidenceDiff {
  change: 'added' | 'removed' | 'modified'
  id: string
  previousId: string | null
  /** Title of the source document. */
  title: string
  file: string
  fileChange: FieldChange<string> | null
  /** The excerpt's words changed. Quotations should be verbatim: reviewers must check this. */
  quotationEdited: boolean
  /** The excerpt before and after, with a word-level diff, when it was edited. */
  quotation: (FieldChange<string> & {change: TextChange}) | null
  metadata: MetadataChange[]
  /** Priorities citing it (the head's; the base's when removed). */
  citedBy: string[]
}

/** How one report prose file (summary, closing chapter) changed. */
export interface ProseDiff {
  change: 'added' | 'removed' | 'modified'
  file: string
  title: string
  titleChange: FieldChange<string> | null
  text: TextChange | null
}

/** A changed field of scorecard.yml (title, asOf, dimensions, …). */
export interface ReportFieldChange {
  field: string
  before: string | null
  after: string | null
}

/** Counts for the summary line. */
export interface DiffSummary {
  /** Whether anything at all changed. */
  changed: boolean
  priorities: {
    upgrades: number
    downgrades: number
    unranked: number
    added: number
    removed: number
    renamed: number
    /** Priorities present on both sides that changed in any way. */
    modified: number
    unchanged: number
  }
  evidence: {added: number; removed: number; modified: number; renamed: number; editedQuotations: number}
  prose: number
  report: number
}

/** Everything that changed between two versions of an assessment. */
export interface AssessmentDiff {
  schemaVersion: number
  base: DiffSide
  head: DiffSide
  /** Report title (the head's). */
  title: string
  summary: DiffSummary
  /** The head's scale, used to rank statuses; `before` is the base's when the scale changed. */
  scale: {entries: ScaleEntry[]; changed: boolean; before: ScaleEntry[] | null}
  report: ReportFieldChange[]
  /** Changed priorities only, sorted by id. */
  priorities: PriorityDiff[]
  /** Changed evidence only, sorted by id. */
  evidence: EvidenceDiff[]
  prose: ProseDiff[]
}

/** Options for `diffProjects`. */
export interface DiffOptions {
  /** Folders are resolved, and revisions read, relative to this directory. Default: `process.cwd()`. */
  cwd?: string
  /** Score each side as of a date (`--as-of`): compare two dates of the same content, or two versions at one date. */
  asOf?: {base?: string | undefined; head?: string | undefined}
}

/**
 * Compare two versions of a project. Each side is a folder or a git revision
 * of the repository around `cwd`. Both must pass `check` (warnings are fine);
 * otherwise throws `ScorecardError('INVALID_PROJECT')` listing the errors.
 */
export async function diffProjects(base: ProjectSource, head: ProjectSource, options: DiffOptions = {}): Promise<AssessmentDiff> {
  return withSides(base, head, options, async (sides) => diffReports(sides.base.report, sides.head.report, {base: sides.base.side, head: sides.head.side}))
}

/**
 * Compare two versions of a project and render the redline page (`--html`)
 * with the real renderer and each side's templates.
 */
export async function redlineProjects(
  base: ProjectSource,
  head: ProjectSource,
  options: DiffOptions = {},
): Promise<{diff: AssessmentDiff; html: string}> {
  return withSides(base, head, options, async (sides) => {
    const diff = diffReports(sides.base.report, sides.head.report, {base: sides.base.side, head: sides.head.side})
    const render = async (report: ScoredReport, dir: string) =>
      (await renderReport(report, {templatesDir: path.join(dir, 'templates')})).priorityHtml
    const html = redlineHtml(diff, {
      base: {report: sides.base.report, priorityHtml: await render(sides.base.report, sides.base.dir)},
      head: {report: sides.head.report, priorityHtml: await render(sides.head.report, sides.head.dir)},
    })
    return {diff, html}
  })
}

interface LoadedSide {
  report: ScoredReport
  side: DiffSide
  dir: string
}

async function withSides<T>(
  base: ProjectSource,
  head: ProjectSource,
  options: DiffOptions,
  fn: (sides: {base: LoadedSide; head: LoadedSide}) => Promise<T>,
): Promise<T> {
  const cwd = options.cwd ?? process.cwd()
  const opened: OpenedSource[] = []
  try {
    const load = async (source: ProjectSource, asOf: string | undefined): Promise<LoadedSide> => {
      const side = await openSource(source, cwd)
      opened.push(side)
      // Paths in the model are project-relative on both sides, so files can be matched.
      const result = await check(side.dir, {cwd: side.dir, ...(asOf === undefined ? {} : {asOf})})
      if (!result.report) {
        const listing = formatDiagnostics(result.files.map((file) => filterErrors(file)), 'text')
          .split('\n')
          .filter((line) => !line.startsWith('  hint:'))
        const shown = listing.slice(0, 10).map((line) => `  ${side.label}: ${line}`)
        if (listing.length > 10) shown.push(`  … and ${listing.length - 10} more lines`)
        throw new ScorecardError(
          'INVALID_PROJECT',
          `Cannot compare: ${side.label} does not pass check (${result.errors} error${result.errors === 1 ? '' : 's'})\n${shown.join('\n')}`,
          {hint: `Fix the errors (run "scorecard check" on ${side.label}); diff compares projects that pass check. Warnings are fine.`},
        )
      }
      const label = asOf === undefined ? side.label : `${side.label} as of ${asOf}`
      return {report: result.report, dir: side.dir, side: {label, type: source.type, commit: side.commit ?? null}}
    }
    const loadedBase = await load(base, options.asOf?.base)
    const loadedHead = await load(head, options.asOf?.head)
    return await fn({base: loadedBase, head: loadedHead})
  } finally {
    await Promise.all(opened.map((side) => side.dispose()))
  }
}

function filterErrors<T extends {messages: {fatal?: boolean | null | undefined}[]}>(file: T): T {
  file.messages = file.messages.filter((message) => message.fatal === true) as T['messages']
  return file
}

/** Compare two scored reports. Pure and deterministic: lists are sorted by id. */
export function diffReports(base: ScoredReport, head: ScoredReport, sides: {base: DiffSide; head: DiffSide}): AssessmentDiff {
  const scale = scaleEntries(head)
  const baseScale = scaleEntries(base)
  const scaleChanged = JSON.stringify(scale) !== JSON.stringify(baseScale)
  const rank = new Map(scale.map((entry, index) => [entry.id, index]))

  // Evidence first: priorities point at edited quotations.
  const evidence = diffEvidence(base, head)
  const edited = new Set(evidence.filter((item) => item.quotationEdited).map((item) => item.id))
  const priorities = diffPriorities(base, head, rank, edited)
  const prose = diffProse(base, head)
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
  return item.source.file.path.split(path.sep).join('/')
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

function diffPriorities(base: ScoredReport, head: ScoredReport, rank: Map<string, number>, edited: Set<string>): PriorityDiff[] {
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
            quote: before.stated && after.stated ? textChange(before.stated.quote, after.stated.quote, {context: 8, clip: Infinity}) : null,
          }
        : null,
      evidence: {added: sorted([...afterCites].filter((id) => !beforeCites.has(id))), removed: sorted([...beforeCites].filter((id) => !afterCites.has(id)))},
      assessment: textChange(markdownOf(before), markdownOf(after), {context: 8, clip: 40}),
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
      entry.editedQuotations.length === 0
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
    }
  }
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

function diffEvidence(base: ScoredReport, head: ScoredReport): EvidenceDiff[] {
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
    const change = textChange(textBefore, textAfter, {context: 12, clip: Infinity})
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

function diffProse(base: ScoredReport, head: ScoredReport): ProseDiff[] {
  const byFile = (report: ScoredReport) => new Map(report.prose.map((item) => [fileOf(item), item]))
  const before = byFile(base)
  const after = byFile(head)
  const out: ProseDiff[] = []
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort(compare)) {
    const a = before.get(file)
    const b = after.get(file)
    if (a && b) {
      const titleChange = changed(a.title, b.title)
      const text = textChange(markdownOf(a), markdownOf(b), {context: 8, clip: 40})
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

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length

/**
 * A word-level change from `before` to `after` (whitespace collapsed), or
 * null when the words are the same. Unchanged stretches keep `context` words
 * on each side of a change; inserted and deleted runs longer than `clip`
 * words are shortened.
 */
export function textChange(before: string, after: string, options: {context: number; clip: number}): TextChange | null {
  const a = collapse(before)
  const b = collapse(after)
  if (a === b) return null
  const parts = diffWords(a, b)
  const segments: Segment[] = []
  let wordsAdded = 0
  let wordsRemoved = 0
  let hunks = 0
  let truncated = false
  const maxHunks = Number.isFinite(options.clip) ? 12 : Infinity
  parts.forEach((part, index) => {
    if (part.added || part.removed) {
      const words = wordCount(part.value)
      if (part.added) wordsAdded += words
      else wordsRemoved += words
      if (hunks >= maxHunks) {
        truncated = true
        return
      }
      hunks++
      segments.push({op: part.added ? 'insert' : 'delete', text: clipWords(part.value, options.clip)})
      return
    }
    if (hunks >= maxHunks) return
    segments.push({op: 'equal', text: context(part.value, index === 0, index === parts.length - 1, options.context)})
  })
  if (truncated) segments.push({op: 'equal', text: ' …'})
  return {segments: segments.filter((segment) => segment.text.length > 0), wordsAdded, wordsRemoved, truncated}
}

/** Keep `n` words of context: the end of the first stretch, the start of the last, both ends of others. */
function context(text: string, first: boolean, last: boolean, n: number): string {
  const tokens = text.split(/(\s+)/)
  const words = tokens.filter((token, index) => index % 2 === 0 && token.length > 0).length
  if (first && last) return text
  const take = (count: number, fromEnd: boolean): string => {
    const list = fromEnd ? [...tokens].reverse() : tokens
    const kept: string[] = []
    let seen = 0
    for (const token of list) {
      if (token.trim().length > 0) {
        if (seen === count) break
        seen++
      }
      kept.push(token)
    }
    return (fromEnd ? kept.reverse() : kept).join('')
  }
  if (first) return words > n ? `…${take(n, true).replace(/^(?=\S)/, ' ')}` : text
  if (last) return words > n ? `${take(n, false).replace(/(?<=\S)$/, ' ')}…` : text
  return words > 2 * n ? `${take(n, false).replace(/(?<=\S)$/, ' ')}… ${take(n, true).replace(/^\s+/, '')}` : text
}

function clipWords(text: string, limit: number): string {
  if (!Number.isFinite(limit)) return text
  const words = text.trim().split(/\s+/)
  if (words.length <= limit) return text
  const half = Math.floor(limit / 2)
  return `${words.slice(0, half).join(' ')} … ${words.slice(-half).join(' ')}`
}

// ---------------------------------------------------------------------------
// Gates

/** What `--fail-on` can trip on. */
export type DiffGate = 'downgrade' | 'edited-quotation' | 'removed' | 'any-change'

/** The gates of `gates` that `diff` trips, in the order given. */
export function trippedGates(diff: AssessmentDiff, gates: readonly DiffGate[]): DiffGate[] {
  return gates.filter((gate) => {
    switch (gate) {
      case 'downgrade':
        return diff.summary.priorities.downgrades > 0
      case 'edited-quotation':
        return diff.summary.evidence.editedQuotations > 0
      case 'removed':
        return diff.summary.priorities.removed > 0
      case 'any-change':
        return diff.summary.changed
    }
  })
}

// ---------------------------------------------------------------------------
// Renderers

/** `diff --format json`: the diff as JSON (schema: docs/diff-schema.json), with a final newline. */
export function diffToJson(diff: AssessmentDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`
}

/** How a side is named in headings: `origin/main (1a2b3c4)`. */
export function sideName(side: DiffSide): string {
  return side.commit ? `${side.label} (${side.commit.slice(0, 7)})` : side.label
}

/** The one-line summary: `1 upgrade, 1 downgrade, 1 added, …`. Empty parts are left out. */
export function summaryText(diff: AssessmentDiff, options: {symbols?: boolean} = {}): string {
  const {priorities: p, evidence: e} = diff.summary
  if (!diff.summary.changed) return 'No changes.'
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`
  const sym = (symbol: string): string => (options.symbols ? `${symbol} ` : '')
  const parts = [
    p.upgrades && `${sym('▲')}${n(p.upgrades, 'upgrade')}`,
    p.downgrades && `${sym('▼')}${n(p.downgrades, 'downgrade')}`,
    p.unranked && n(p.unranked, 'status change off the scale', 'status changes off the scale'),
    p.added && `${n(p.added, 'priority', 'priorities')} added`,
    p.removed && `${n(p.removed, 'priority', 'priorities')} removed`,
    p.renamed && `${n(p.renamed, 'priority', 'priorities')} renamed`,
  ].filter((part): part is string => Boolean(part))
  const other = diff.priorities.filter((item) => item.change === 'modified' && item.status.direction === 'unchanged' && item.previousId === null).length
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
function statusLabel(diff: AssessmentDiff, id: string | null): string {
  if (id === null) return '—'
  const entry = diff.scale.entries.find((item) => item.id === id) ?? diff.scale.before?.find((item) => item.id === id)
  return entry ? `${entry.symbol} ${entry.label}` : id
}

function moveText(move: StatusMove): string {
  const steps = `${move.steps} step${move.steps === 1 ? '' : 's'}`
  switch (move.direction) {
    case 'upgrade':
      return `upgrade, ${steps}`
    case 'downgrade':
      return `downgrade, ${steps}`
    case 'unranked':
      return 'changed (not on the scale)'
    default:
      return ''
  }
}

const arrow = (move: StatusMove): string => (move.direction === 'upgrade' ? '▲' : move.direction === 'downgrade' ? '▼' : move.direction === 'unranked' ? '◇' : ' ')

/** Priorities whose status table row is worth showing: moved, added or removed. */
function statusRows(diff: AssessmentDiff): PriorityDiff[] {
  const weight = (item: PriorityDiff): number =>
    item.status.direction === 'downgrade' ? 0 : item.status.direction === 'upgrade' ? 1 : item.status.direction === 'unranked' ? 2 : item.change === 'added' ? 3 : 4
  return diff.priorities
    .filter((item) => item.change !== 'modified' || (item.status.direction !== 'unchanged' && item.status.direction !== null))
    .sort((a, b) => weight(a) - weight(b) || compare(a.id, b.id))
}

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
  lines.push(summaryText(diff))

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
        lines.push(item.status.direction === 'upgrade' ? c.green(text) : item.status.direction === 'downgrade' ? c.red(text) : text)
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

interface Detail {
  label: string
  text?: string
  change?: TextChange
}

/** The changes of a priority, as label/value pairs shared by text and Markdown. */
function priorityDetails(diff: AssessmentDiff, item: PriorityDiff): Detail[] {
  const details: Detail[] = []
  if (item.change === 'added') details.push({label: 'status', text: statusLabel(diff, item.status.after)})
  else if (item.change === 'removed') details.push({label: 'status', text: `was ${statusLabel(diff, item.status.before)}`})
  else if (item.status.direction !== 'unchanged')
    details.push({label: 'status', text: `${statusLabel(diff, item.status.before)} → ${statusLabel(diff, item.status.after)} (${moveText(item.status)})`})
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

function evidenceDetails(item: EvidenceDiff): string[] {
  const details: string[] = []
  if (item.previousId) details.push(`renamed: ${item.previousId} → ${item.id} (same file)`)
  if (item.fileChange) details.push(`file: ${item.fileChange.before} → ${item.fileChange.after}`)
  for (const field of item.metadata) details.push(`${field.field}: ${field.before ?? '—'} → ${field.after ?? '—'}`)
  if (item.quotationEdited) details.push('quotation edited (see above)')
  if (item.citedBy.length > 0) details.push(`${item.change === 'removed' ? 'was cited by' : 'cited by'}: ${item.citedBy.join(', ')}`)
  return details
}

/** Escape text for GitHub-flavoured Markdown (inline), including table pipes. */
function md(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1')
    .replace(/\n/g, ' ')
}

/** Inline code that survives any backticks in `text`. */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``
}

function mdWords(change: TextChange): string {
  return change.segments
    .map((segment) => {
      const text = md(segment.text)
      if (segment.op === 'equal') return text
      // Spaces stay outside the tags so they do not get struck through.
      const [, lead, inner, trail] = /^(\s*)(.*?)(\s*)$/s.exec(text)!
      return inner ? `${lead}<${segment.op === 'insert' ? 'ins' : 'del'}>${inner}</${segment.op === 'insert' ? 'ins' : 'del'}>${trail}` : text
    })
    .join('')
}

/**
 * `diff --format markdown`: a pull-request comment. A summary line, a table
 * of status moves, edited quotations as a caution alert, then details.
 */
export function formatDiffMarkdown(diff: AssessmentDiff): string {
  const out: string[] = []
  out.push(`### Scorecard: ${md(diff.title)}`)
  out.push('')
  out.push(`Changes from ${code(sideName(diff.base))} to ${code(sideName(diff.head))}: **${md(summaryText(diff, {symbols: true}))}**`)

  const edited = diff.evidence.filter((item) => item.quotationEdited)
  if (edited.length > 0) {
    out.push('')
    out.push('> [!CAUTION]')
    out.push(`> **EDITED QUOTATION${edited.length === 1 ? '' : 'S'}.** Evidence excerpts are verbatim quotations and should not change. Check ${edited.length === 1 ? 'this edit' : 'these edits'} against the source.`)
    for (const item of edited) {
      out.push('>')
      out.push(`> **${code(item.id)}** (${code(item.file)})${item.citedBy.length > 0 ? `, cited by ${item.citedBy.map(code).join(', ')}` : ''}:`)
      out.push(`> ${mdWords(item.quotation!.change)}`)
    }
  }

  const rows = statusRows(diff)
  if (rows.length > 0) {
    out.push('', '#### Status changes', '')
    out.push('| | Priority | Before | After | Change |')
    out.push('| :-: | --- | --- | --- | --- |')
    for (const item of rows) {
      const mark = item.change === 'added' ? '＋' : item.change === 'removed' ? '−' : arrow(item.status)
      const change = item.change === 'modified' ? moveText(item.status) : item.change
      out.push(
        `| ${mark} | ${md(item.title)} (${code(item.id)}) | ${md(statusLabel(diff, item.status.before))} | ${md(statusLabel(diff, item.status.after))} | ${change} |`,
      )
    }
  }

  if (diff.priorities.length > 0) {
    out.push('', '#### Priorities', '')
    for (const item of diff.priorities) {
      const badge = item.change === 'added' ? ' — **added**' : item.change === 'removed' ? ' — **removed**' : ''
      out.push(`- **${md(item.title)}** (${code(item.id)}, ${code(item.file)})${badge}`)
      for (const detail of priorityDetails(diff, item))
        out.push(`  - ${md(detail.label)}: ${detail.text !== undefined ? mdList(detail) : mdWords(detail.change!)}`)
    }
  }

  const evidence = diff.evidence
  if (evidence.length > 0) {
    out.push('', '#### Evidence', '')
    for (const item of evidence) {
      const flag = item.quotationEdited ? ' — ⚠️ **EDITED QUOTATION**' : ''
      out.push(`- ${code(item.id)} — ${md(item.title)} (${code(item.file)}) — ${item.change}${flag}`)
      for (const detail of evidenceDetails(item)) out.push(`  - ${md(detail)}`)
    }
  }

  if (diff.prose.length > 0) {
    out.push('', '#### Report chapters', '')
    for (const item of diff.prose) {
      out.push(`- **${md(item.title)}** (${code(item.file)}) — ${item.change}`)
      if (item.titleChange) out.push(`  - title: ${md(item.titleChange.before)} → ${md(item.titleChange.after)}`)
      if (item.text) out.push(`  - text: ${mdWords(item.text)}`)
    }
  }

  if (diff.report.length > 0 || diff.scale.changed) {
    out.push('', '#### Report settings', '')
    for (const field of diff.report) out.push(`- ${code(field.field)}: ${md(field.before ?? '—')} → ${md(field.after ?? '—')}`)
    if (diff.scale.changed) out.push('- The rating scale changed; statuses are ranked on the new scale.')
  }

  if (!diff.summary.changed) out.push('', 'Nothing in the assessment changed.')
  return `${out.join('\n')}\n`
}

function mdList(detail: Detail): string {
  // Evidence ids read best as code.
  if (/^evidence|^cites/.test(detail.label)) return detail.text!.split(', ').map(code).join(', ')
  return md(detail.text!)
}

// ---------------------------------------------------------------------------
// Redline HTML

/** What the redline needs of each side: the scored report and its rendered priority bodies. */
export interface RedlineSide {
  report: ScoredReport
  priorityHtml: Map<string, string>
}

/**
 * The redline page for `--html`: the changed priorities as readers see them,
 * with insertions and deletions marked up as `<ins>` and `<del>`. One
 * self-contained file: inline CSS, no script, and a CSP that forbids loading
 * anything. Screen readers announce the start and end of each change.
 */
export function redlineHtml(diff: AssessmentDiff, sides: {base: RedlineSide; head: RedlineSide}): string {
  const lang = sides.head.report.config.lang
  const baseById = new Map(sides.base.report.priorities.map((item) => [item.id, item]))
  const headById = new Map(sides.head.report.priorities.map((item) => [item.id, item]))
  const body = (side: RedlineSide, item: Priority | undefined): string =>
    item ? citationsAsKeys(side.priorityHtml.get(item.id) ?? '', side.report.bodies.get(item)?.citations ?? []) : ''

  const parts: string[] = []
  const title = `Changes to ${diff.title}`
  parts.push(`<header class="masthead"><h1>${escapeHtml(title)}</h1>`)
  parts.push(`<p>From <strong>${escapeHtml(sideName(diff.base))}</strong> to <strong>${escapeHtml(sideName(diff.head))}</strong>.</p>`)
  parts.push(`<p class="summary">${escapeHtml(summaryText(diff, {symbols: false}))}</p>`)
  parts.push(
    `<p class="legend">How to read this page: <ins>inserted text</ins> is underlined and green; <del>deleted text</del> is struck through and red. Citations are shown by evidence id in brackets.</p></header>`,
  )

  const edited = diff.evidence.filter((item) => item.quotationEdited)
  if (edited.length > 0) {
    parts.push(`<section class="alert" aria-labelledby="edited-quotations"><h2 id="edited-quotations">Edited quotation${edited.length === 1 ? '' : 's'}</h2>`)
    parts.push(`<p><strong>Evidence excerpts are verbatim quotations and should not change.</strong> Check ${edited.length === 1 ? 'this edit' : 'these edits'} against the source.</p>`)
    for (const item of edited)
      parts.push(
        `<figure class="excerpt"><figcaption><code>${escapeHtml(item.id)}</code>, ${escapeHtml(item.title)} (<code>${escapeHtml(item.file)}</code>)${
          item.citedBy.length > 0 ? `; cited by ${item.citedBy.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}` : ''
        }</figcaption><blockquote>${redlineBlocks(textBlocks(item.quotation!.before), textBlocks(item.quotation!.after))}</blockquote></figure>`,
      )
    parts.push('</section>')
  }

  const rows = statusRows(diff)
  if (rows.length > 0) {
    parts.push('<section aria-labelledby="status-changes"><h2 id="status-changes">Status changes</h2><table><thead><tr><th scope="col">Priority</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th></tr></thead><tbody>')
    for (const item of rows)
      parts.push(
        `<tr><th scope="row"><a href="#${anchor(item)}">${escapeHtml(item.title)}</a></th><td>${badge(diff, item.status.before)}</td><td>${badge(diff, item.status.after)}</td><td>${escapeHtml(item.change === 'modified' ? moveText(item.status) : item.change)}</td></tr>`,
      )
    parts.push('</tbody></table></section>')
  }

  const shown = diff.priorities
  if (shown.length > 0) {
    parts.push('<section aria-labelledby="priorities"><h2 id="priorities">Priorities</h2>')
    for (const item of shown) {
      const before = baseById.get(item.previousId ?? item.id)
      const after = item.change === 'removed' ? undefined : headById.get(item.id)
      const kind = item.change === 'added' ? 'ins' : item.change === 'removed' ? 'del' : undefined
      parts.push(`<article class="priority priority--${item.change}" id="${anchor(item)}" aria-labelledby="${anchor(item)}-title">`)
      const heading = item.titleChange ? redlineText(item.titleChange.before, item.titleChange.after) : escapeHtml(item.title)
      parts.push(`<header><h3 id="${anchor(item)}-title">${kind ? `<${kind}>${heading}</${kind}>` : heading}</h3>`)
      parts.push(`<p class="meta"><code>${escapeHtml(item.id)}</code>${item.previousId ? ` (was <code>${escapeHtml(item.previousId)}</code>)` : ''} · <code>${escapeHtml(item.file)}</code>${
        item.change === 'modified' ? '' : ` · <strong>${item.change}</strong>`
      }</p>`)
      parts.push(`<p class="status-line">Status: ${statusHtml(diff, item)}</p></header>`)
      const statedBefore = before?.stated?.quote
      const statedAfter = after?.stated?.quote
      if (statedBefore !== undefined || statedAfter !== undefined) {
        const quote =
          statedBefore !== undefined && statedAfter !== undefined
            ? redlineText(statedBefore, statedAfter)
            : statedAfter !== undefined
              ? `<ins>${escapeHtml(statedAfter)}</ins>`
              : `<del>${escapeHtml(statedBefore!)}</del>`
        parts.push(`<figure class="stated"><blockquote><p>${quote}</p></blockquote><figcaption>Stated commitment</figcaption></figure>`)
      }
      const html = kind === 'ins' ? wrapBlocks(body(sides.head, after), 'ins') : kind === 'del' ? wrapBlocks(body(sides.base, before), 'del') : redlineBlocks(body(sides.base, before), body(sides.head, after))
      parts.push(`<div class="assessment">${html}</div>`)
      const cites: string[] = []
      if (item.change === 'modified' && item.evidence.added.length > 0) cites.push(`Evidence added: ${item.evidence.added.map((id) => `<ins><code>${escapeHtml(id)}</code></ins>`).join(', ')}`)
      if (item.change === 'modified' && item.evidence.removed.length > 0)
        cites.push(`Evidence removed: ${item.evidence.removed.map((id) => `<del><code>${escapeHtml(id)}</code></del>`).join(', ')}`)
      if (item.editedQuotations.length > 0) cites.push(`<strong>Cites an edited quotation:</strong> ${item.editedQuotations.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}`)
      if (cites.length > 0) parts.push(`<ul class="cites">${cites.map((line) => `<li>${line}</li>`).join('')}</ul>`)
      parts.push('</article>')
    }
    parts.push('</section>')
  }

  const otherEvidence = diff.evidence.filter((item) => !item.quotationEdited)
  if (otherEvidence.length > 0) {
    const baseEvidence = new Map(sides.base.report.evidence.map((item) => [item.id, item]))
    const headEvidence = new Map(sides.head.report.evidence.map((item) => [item.id, item]))
    parts.push('<section aria-labelledby="evidence"><h2 id="evidence">Other evidence changes</h2>')
    for (const item of otherEvidence) {
      const source = item.change === 'removed' ? baseEvidence.get(item.id) : headEvidence.get(item.id)
      const report = item.change === 'removed' ? sides.base.report : sides.head.report
      const text = source ? textBlocks(excerptText(report.bodies.get(source)!)) : ''
      const kind = item.change === 'added' ? 'ins' : item.change === 'removed' ? 'del' : undefined
      parts.push(`<figure class="excerpt"><figcaption><code>${escapeHtml(item.id)}</code>, ${escapeHtml(item.title)} (<code>${escapeHtml(item.file)}</code>) · <strong>${item.change}</strong></figcaption>`)
      if (kind) parts.push(`<blockquote>${wrapBlocks(text, kind)}</blockquote>`)
      const details = evidenceDetails(item).filter((line) => !line.startsWith('quotation edited'))
      if (details.length > 0) parts.push(`<ul>${details.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`)
      parts.push('</figure>')
    }
    parts.push('</section>')
  }

  if (diff.prose.length > 0) {
    parts.push('<section aria-labelledby="chapters"><h2 id="chapters">Report chapters</h2><ul>')
    for (const item of diff.prose)
      parts.push(`<li><strong>${escapeHtml(item.title)}</strong> (<code>${escapeHtml(item.file)}</code>) · ${item.change}${item.text ? `<p>${segmentsHtml(item.text)}</p>` : ''}</li>`)
    parts.push('</ul></section>')
  }
  if (diff.report.length > 0 || diff.scale.changed) {
    parts.push('<section aria-labelledby="settings"><h2 id="settings">Report settings</h2><ul>')
    for (const field of diff.report)
      parts.push(`<li><code>${escapeHtml(field.field)}</code>: ${field.before === null ? '—' : `<del>${escapeHtml(field.before)}</del>`} → ${field.after === null ? '—' : `<ins>${escapeHtml(field.after)}</ins>`}</li>`)
    if (diff.scale.changed) parts.push('<li>The rating scale changed; statuses are ranked on the new scale.</li>')
    parts.push('</ul></section>')
  }
  if (!diff.summary.changed) parts.push('<p>Nothing in the assessment changed.</p>')

  const scale = [...diff.scale.entries, ...(diff.scale.before ?? []).filter((entry) => !diff.scale.entries.some((other) => other.id === entry.id))]
  // Colours are validated as #rrggbb and ids as slugs, so both are safe in CSS.
  const statusCss = scale.map((entry) => `.status--${entry.id}{--status-color:${entry.color}}`).join('\n')
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Scorecard">
<title>${escapeHtml(title)}</title>
<style>
${redlineCss}
${statusCss}
</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`
}

const redlineCss = `:root{--ink:#1a1a1a;--muted:#4a4a4a;--rule:#8c8c8c;--ins:#e6f4ea;--ins-ink:#0b5a26;--del:#fbe9e9;--del-ink:#8b1a1a;--accent:#1c3f6e}
html{color:var(--ink);background:#fff;font-family:Georgia,'Times New Roman',serif;line-height:1.5}
body{margin:0 auto;max-width:46rem;padding:1rem 1.25rem 3rem}
h1,h2,h3{font-family:'Helvetica Neue',Arial,sans-serif;line-height:1.2}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2.5rem}h3{font-size:1.2rem;margin:0}
a{color:var(--accent)}
code{font-size:.9em}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:underline;text-decoration-thickness:2px}
del{background:var(--del);color:var(--del-ink);text-decoration:line-through;text-decoration-thickness:2px}
ins.block,del.block{display:block;padding:0 .5rem;border-left:4px solid currentColor}
del.block{text-decoration:none}
del.block *{text-decoration:line-through}
/* Screen readers do not announce <ins> and <del>; say where each change starts and ends. */
ins::before,ins::after,del::before,del::after{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}
ins::before{content:" [insertion start] "}ins::after{content:" [insertion end] "}
del::before{content:" [deletion start] "}del::after{content:" [deletion end] "}
.legend,.meta,.summary{font-family:'Helvetica Neue',Arial,sans-serif;color:var(--muted)}
.summary{font-size:1.1rem;color:var(--ink)}
.alert{border:3px solid var(--del-ink);padding:0 1rem 1rem;margin:1.5rem 0}
.alert h2{color:var(--del-ink);margin-top:1rem;text-transform:uppercase;letter-spacing:.05em}
table{border-collapse:collapse;width:100%;font-family:'Helvetica Neue',Arial,sans-serif;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top}
.priority{margin:2rem 0;border-top:1px solid var(--rule);padding-top:.75rem}
.priority p.meta{margin:.25rem 0}
.status{display:inline-flex;gap:.35em;font-family:'Helvetica Neue',Arial,sans-serif;font-weight:600;font-size:.9em;white-space:nowrap;padding:.05em .5em .1em;border:1.5px solid var(--status-color,var(--ink));border-radius:3px}
.status__symbol{color:var(--status-color,var(--ink))}
blockquote{margin:1em 0;padding-left:1em;border-left:3px solid var(--rule)}
.stated figcaption{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.85rem;color:var(--muted)}
.cite{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.75em;color:var(--muted)}
.cites{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}`

function anchor(item: PriorityDiff): string {
  return `priority-${item.change === 'removed' ? 'removed-' : ''}${item.id}`
}

function badge(diff: AssessmentDiff, id: string | null): string {
  if (id === null) return '—'
  const entry = diff.scale.entries.find((item) => item.id === id) ?? diff.scale.before?.find((item) => item.id === id)
  if (!entry) return escapeHtml(id)
  return `<span class="status status--${entry.id}"><span class="status__symbol" aria-hidden="true">${escapeHtml(entry.symbol)}</span> <span class="status__label">${escapeHtml(entry.label)}</span></span>`
}

function statusHtml(diff: AssessmentDiff, item: PriorityDiff): string {
  if (item.change === 'added') return `<ins>${badge(diff, item.status.after)}</ins>`
  if (item.change === 'removed') return `<del>${badge(diff, item.status.before)}</del>`
  if (item.status.direction === 'unchanged') return `${badge(diff, item.status.after)} (unchanged)`
  return `<del>${badge(diff, item.status.before)}</del> → <ins>${badge(diff, item.status.after)}</ins> <strong>(${escapeHtml(moveText(item.status))})</strong>`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Word-level redline of two plain texts, as HTML. */
function redlineText(before: string, after: string): string {
  return diffWords(before, after)
    .map((part) => {
      const text = escapeHtml(part.value)
      if (!part.added && !part.removed) return text
      const tag = part.added ? 'ins' : 'del'
      const [, lead, inner, trail] = /^(\s*)(.*?)(\s*)$/s.exec(text)!
      return inner ? `${lead}<${tag}>${inner}</${tag}>${trail}` : text
    })
    .join('')
}

function segmentsHtml(change: TextChange): string {
  return change.segments.map((segment) => (segment.op === 'equal' ? escapeHtml(segment.text) : `<${segment.op === 'insert' ? 'ins' : 'del'}>${escapeHtml(segment.text)}</${segment.op === 'insert' ? 'ins' : 'del'}>`)).join('')
}

/** Plain text with blank-line paragraphs as `<p>` blocks, escaped. */
function textBlocks(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part)}</p>`)
    .join('\n')
}

/**
 * Replace endnote references (whose numbers depend on the whole chapter) by
 * the evidence ids they cite, so the redline shows which evidence changed.
 */
function citationsAsKeys(html: string, citations: readonly {items: {id: string; locator?: string; prefix?: string}[]}[]): string {
  let index = 0
  return html.replace(/<sup class="noteref"><a [^>]*>(\d+)<\/a><\/sup>/g, (_, number: string) => {
    const citation = citations[index++]
    const text = citation
      ? citation.items.map((item) => `${item.prefix ? `${item.prefix} ` : ''}${item.id}${item.locator ? `, ${item.locator}` : ''}`).join('; ')
      : number
    return `<sup class="cite">[${escapeHtml(text)}]</sup>`
  })
}

// HTML token: a tag (quoted attribute values may hold ">"), a run of whitespace, or a word.
const tokenPattern = /<(?:[^>"']|"[^"]*"|'[^']*')*>|\s+|[^\s<]+/g
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** Top-level blocks of a rendered fragment (`<p>…</p>`, `<ul>…</ul>`, …). */
function blocks(html: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  for (const [token] of html.matchAll(tokenPattern)) {
    current += token
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(token)
    if (tag && !voidElements.has(tag[2]!.toLowerCase()) && !token.endsWith('/>')) depth += tag[1] ? -1 : 1
    if (depth <= 0 && (tag || token.trim().length > 0)) {
      if (current.trim().length > 0) out.push(current.trim())
      current = ''
      depth = 0
    }
  }
  if (current.trim().length > 0) out.push(current.trim())
  return out
}

const blockText = (block: string): string => collapse(block.replace(/<[^>]*>/g, ' '))

/** Wrap every top-level block in a block-level `<ins>` or `<del>`. */
function wrapBlocks(html: string, tag: 'ins' | 'del'): string {
  return blocks(html)
    .map((block) => `<${tag} class="block">${block}</${tag}>`)
    .join('\n')
}

/**
 * Redline two rendered fragments: blocks are matched first, so added and
 * removed paragraphs show whole; paired blocks get a word-level redline.
 */
function redlineBlocks(before: string, after: string): string {
  const out: string[] = []
  const changes = diffArrays(blocks(before), blocks(after), {comparator: (a, b) => a === b})
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]!
    if (!change.added && !change.removed) {
      out.push(...change.value)
      continue
    }
    const next = changes[index + 1]
    if (change.removed && next?.added) {
      index++
      const removed = change.value
      const added = next.value
      const paired = Math.min(removed.length, added.length)
      for (let i = 0; i < paired; i++) {
        const a = removed[i]!
        const b = added[i]!
        if (tagName(a) === tagName(b) && similarity(a, b) > 0.3) out.push(redlineHtmlTokens(a, b))
        else out.push(`<del class="block">${a}</del>`, `<ins class="block">${b}</ins>`)
      }
      for (const block of removed.slice(paired)) out.push(`<del class="block">${block}</del>`)
      for (const block of added.slice(paired)) out.push(`<ins class="block">${block}</ins>`)
      continue
    }
    for (const block of change.value) out.push(`<${change.added ? 'ins' : 'del'} class="block">${block}</${change.added ? 'ins' : 'del'}>`)
  }
  return out.join('\n')
}

function tagName(block: string): string {
  return /^<([a-zA-Z][\w-]*)/.exec(block)?.[1] ?? ''
}

/** Share of words two blocks have in common (0 to 1). */
function similarity(a: string, b: string): number {
  let same = 0
  let added = 0
  let removed = 0
  for (const part of diffWords(blockText(a), blockText(b))) {
    const count = wordCount(part.value)
    if (part.added) added += count
    else if (part.removed) removed += count
    else same += count
  }
  const longest = Math.max(same + added, same + removed)
  return longest === 0 ? 1 : same / longest
}

/**
 * Word-level redline of two HTML blocks. The output is the new block with
 * deleted words added back inside `<del>`: inserted tags are kept (they are
 * the new structure) and deleted tags dropped, so the result stays well formed.
 * Changes separated only by spaces are shown as one deletion and one insertion.
 */
function redlineHtmlTokens(before: string, after: string): string {
  const a = [...before.matchAll(tokenPattern)].map((m) => m[0])
  const b = [...after.matchAll(tokenPattern)].map((m) => m[0])
  const changes = diffArrays(a, b)
  const out: string[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = (): void => {
    emit(removed, 'del')
    emit(added, 'ins')
    removed = []
    added = []
  }
  changes.forEach((change, index) => {
    if (change.removed) removed.push(...change.value)
    else if (change.added) added.push(...change.value)
    else if (
      index > 0 &&
      index < changes.length - 1 &&
      change.value.every((token) => token.trim().length === 0) &&
      (removed.length > 0 || added.length > 0)
    ) {
      removed.push(...change.value)
      added.push(...change.value)
    } else {
      flush()
      out.push(...change.value)
    }
  })
  flush()
  return out.join('')

  function emit(tokens: string[], tag: 'ins' | 'del'): void {
    let run: string[] = []
    const text = (): void => {
      const joined = run.join('')
      if (joined.trim().length > 0) {
        const [, lead, inner, trail] = /^(\s*)(.*?)(\s*)$/s.exec(joined)!
        out.push(`${lead}<${tag}>${inner}</${tag}>${tag === 'ins' ? trail : ''}`)
      } else if (joined.length > 0 && tag === 'ins') out.push(joined)
      run = []
    }
    for (const token of tokens) {
      if (token.startsWith('<')) {
        text()
        if (tag === 'ins') out.push(token)
      } else run.push(token)
    }
    text()
  }
}
