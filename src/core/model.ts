/**
 * The typed in-memory model. Every output (HTML, PDF, JSON) is produced from
 * these types and nothing else.
 */
import type {Root as MdastRoot} from 'mdast'
import type {VFile} from 'vfile'
import type {Citation} from './citation.js'
import type {Locator} from './locator.js'
import type {Config} from './schema.js'
import type {SourceFile} from './source.js'

export type {Citation, CitationItem} from './citation.js'

/** A dated rating of a priority. */
export interface HistoryEntry {
  /** ISO date, possibly of reduced precision. */
  date: string
  status: string
  note: string
  evidence: string[]
}

/** One stated priority, validated. */
export interface Priority {
  id: string
  title: string
  dimension: string
  status: string
  /** The commitment as stated; `words` says whether it is the office-holder's own words or a third party's summary; `translation`, the quote in the report's language. */
  stated: {quote: string; cite: string; words: 'own' | 'summary'; translation?: string | undefined} | undefined
  /** Extra evidence ids listed in front matter. */
  extraEvidence: string[]
  order: number | undefined
  /** Dated ratings, oldest first (may be empty). */
  history: HistoryEntry[]
  source: SourceFile
}

/**
 * Who speaks in an excerpt: `direct`, the speaker's own words in quotation
 * marks; `reported`, the author's account of what the speaker said;
 * `narrative`, the author's own words.
 */
export type Voice = 'direct' | 'reported' | 'narrative'

/** One evidence excerpt, validated. */
export interface Evidence {
  id: string
  title: string
  publisher: string
  author: string | undefined
  /** ISO date, possibly of reduced precision (`2010-07`). */
  date: string
  url: string | undefined
  type: string
  /** The locator as shown (`p. 7`, `section “Kyrgyzstan”`). */
  locator: string | undefined
  /** The locator's parts, for verifying it against the source. */
  locatorParts: Locator | undefined
  /** Who speaks in the excerpt and how (see `Voice`). */
  voice: Voice
  speaker: string | undefined
  spokenOn: string | undefined
  /** File name of the source document in the sources folder. */
  sourceFile: string | undefined
  note: string | undefined
  /** Language of the excerpt as quoted (BCP 47), when given; the report's otherwise. */
  lang?: string | undefined
  /** The excerpt in the report's language; the body stays the original, which is what is verified. */
  translation?: Translation | undefined
  source: SourceFile
}

/** A translation of an excerpt: by the report's authors, or a published one, named. */
export interface Translation {
  text: string
  by: 'authors' | 'published'
  /** The published translation, as it is to be credited. */
  source: string | undefined
}

/** A report prose file (executive summary, closing chapter). */
export interface Prose {
  id: string
  title: string
  role: 'summary' | 'closing'
  source: SourceFile
}

/** Output of `validate`: only the files whose front matter is valid. */
export interface ValidatedProject {
  root: string
  config: Config | undefined
  priorities: Priority[]
  evidence: Evidence[]
  prose: Prose[]
  files: VFile[]
  /** Ids of evidence files that exist but are invalid: references to them are not reported twice. */
  invalidEvidenceIds: Set<string>
  /** Evidence ids that priorities with invalid front matter refer to: not reported as uncited. */
  citedByInvalid?: Set<string>
}

/** A Markdown body parsed to mdast, with its citations in order. */
export interface ParsedBody {
  tree: MdastRoot
  citations: Citation[]
  file: VFile
}

/** Output of `link`: bodies parsed and every reference resolved. */
export interface LinkedProject extends ValidatedProject {
  config: Config
  bodies: Map<Priority | Evidence | Prose, ParsedBody>
  /** Evidence ids each priority cites, in reading order: stated, prose, extra. */
  evidenceOf: Map<string, string[]>
  /** Priority ids citing each evidence id, in report order. */
  citedBy: Map<string, string[]>
  /** Excerpts checked against copies of their sources (set by `check`; absent when not run). */
  verification?: Verification
}

/** A source document named by evidence (`sourceFile`). */
export interface SourceRecord {
  file: string
  /** SHA-256 of the file as read; undefined when it was not available. */
  sha256: string | undefined
  available: boolean
}

/** The outcome of verifying excerpts against their sources. */
export interface Verification {
  /** The sources folder used, when there is one. */
  dir: string | undefined
  sources: SourceRecord[]
  /** Whether each excerpt (by evidence id) was found verbatim in its source. */
  verified: Map<string, boolean>
}

/** Counts for the executive summary and JSON. */
export interface Summary {
  total: number
  byStatus: Record<string, number>
  byDimension: Record<string, {total: number; byStatus: Record<string, number>}>
  /** Priorities not yet rated as of the date. */
  unrated: number
  /** Movement since the previous edition, when there is one. */
  changes: Record<Movement, number> | undefined
  /** Citations left out because their evidence is dated after the as-of date. */
  omittedCitations: number
}

/** A chapter of the report, in reading order. */
export type Chapter =
  | {kind: 'summary'; id: string; title: string; prose: Prose | undefined}
  | {kind: 'changes'; id: string; title: string}
  | {kind: 'dimension'; id: string; title: string; description: string | undefined; dimension: string; priorities: Priority[]}
  | {kind: 'closing'; id: string; title: string; prose: Prose}

/** An edition of the report, from scorecard.yml. */
export interface Edition {
  id: string
  title: string
  asOf: string
}

/** How a priority's status moved since the previous edition. */
export type Movement = 'up' | 'down' | 'same' | 'new'

/** Output of `score`: the whole report as of one date, ordered and counted, ready to render. */
export interface ScoredReport extends LinkedProject {
  /** The date the report speaks for (scorecard.yml's `asOf`, an edition's, or `--as-of`). */
  asOf: string
  /** The edition being built, when the as-of date is an edition's. */
  edition: Edition | undefined
  /** The edition before it, which changes are measured against. */
  previousEdition: Edition | undefined
  chapters: Chapter[]
  /** Priorities in report order. */
  ordered: Priority[]
  /** Each priority's status as of `asOf`; undefined when it had not been rated yet. */
  statusOf: Map<string, string | undefined>
  /** Each priority's status as of the previous edition, when there is one. */
  previousStatusOf: Map<string, string | undefined>
  /** Movement since the previous edition, per priority (only with a previous edition). */
  movementOf: Map<string, {movement: Movement; steps: number}>
  /** History entries on or before `asOf`, per priority. */
  historyOf: Map<string, HistoryEntry[]>
  /** Evidence dated after `asOf`: left out, with the citations to it. */
  excludedEvidence: Set<string>
  /** Evidence in appendix order, with its appendix number (E1, E2…). */
  appendix: {evidence: Evidence; number: number}[]
  summary: Summary
}
