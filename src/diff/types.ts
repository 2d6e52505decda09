/**
 * The `AssessmentDiff` model: what `compare` produces and every format
 * (text, Markdown, JSON, redline) and gate reads. Plain data, stable for
 * `diff --format json` (docs/diff-schema.json).
 */
import type {Movement} from '../core/model.js'

/** Version of the `diff --format json` shape (docs/diff-schema.json); bump on breaking changes. */
export const diffSchemaVersion = 3

/** One side of the comparison, as shown to people. */
export interface DiffSide {
  /** The folder or revision as given (`origin/main`, `HEAD~1`, `../old`, `working tree`). */
  label: string
  type: 'directory' | 'git'
  /** The commit a revision resolved to; null for a folder (and for a revision without the project). */
  commit: string | null
  /** The base has no scorecard.yml (a pull request that adds the project): compared as an empty project. */
  empty: boolean
  /**
   * The side's `check` errors (`file:line:col error reason [rule]`), when it
   * does not pass: the comparison then covers what could be read, and files
   * that could not be read count as missing.
   */
  errors: string[]
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

/** Where a status moved, on the head's scale (index 0 is best), in the view's vocabulary of movement (`Movement`). */
export interface StatusMove {
  before: string | null
  after: string | null
  /**
   * `up` (towards the best rating), `down`, `same`, `new` (rated where the
   * base had no rating yet: `before` is `unrated`), `unranked` (a status not
   * on the head's scale, or a rating withdrawn), or null when the priority
   * exists on one side only.
   */
  movement: Movement | 'unranked' | null
  /** How many ratings it moved (0 unless up or down). */
  steps: number
}

/**
 * The lines of a file that changed, 1-based and inclusive: on the head's
 * file, or the base's for a removed one (the whole file when added or
 * removed). Null when the file's text is the same (a move) or unknown
 * (`diffViews` and `diffReports` do not read files; `diffProjects` does).
 */
export interface LineRange {
  start: number
  end: number
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
  /** Where the file changed (for links to the changed lines). */
  lines: LineRange | null
  status: StatusMove
  titleChange: FieldChange<string> | null
  dimensionChange: FieldChange<string> | null
  fileChange: FieldChange<string> | null
  orderChange: FieldChange<number | null> | null
  /** The stated commitment, when it changed (null on the side without one). */
  stated: (FieldChange<Stated | null> & {quote: TextChange | null}) | null
  /** Evidence ids cited (stated, prose, extra) that were added or dropped; all of them for an added or removed priority. */
  evidence: {added: string[]; removed: string[]}
  /** A word-level excerpt of how the assessment (Markdown) changed; for an added priority, all of it as one insertion. */
  assessment: TextChange | null
  /** Evidence this priority cites whose quotation was edited. */
  editedQuotations: string[]
  /** `history` entries of the head on dates the base has none for (on or before each side's as-of date); empty unless modified. */
  historyAdded: {date: string; status: string}[]
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
  /** Where the file changed (for links to the changed lines). */
  lines: LineRange | null
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
  /** Where the file changed (for links to the changed lines). */
  lines: LineRange | null
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
    /** Priorities whose status moved up, down, or was newly rated (see `StatusMove`). */
    up: number
    down: number
    new: number
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
  /** Whether changes of typography alone (curly or straight quotes, dashes) were ignored. */
  ignoreTypography: boolean
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
  /** How to name each side to people instead of the folder or revision (`base branch`, `this pull request`). */
  labels?: {base?: string | undefined; head?: string | undefined}
  /** Treat curly and straight quotes, dashes and hyphens, `…` and `...` as the same (`--ignore-typography`). */
  ignoreTypography?: boolean
}
