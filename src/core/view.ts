/**
 * The `ReportView`: the report as every output reads it, made by the present
 * stage (src/present/) from the scored report. Titles, labels, movement,
 * anchors, endnote numbers, source keys and the as-of filter are decided
 * there once; render (HTML), export (JSON, CSV), print (PDF metadata), the
 * preview session and diff only read them. Bodies are hast, serialised by
 * render's `bodyHtml`. The types live in core so that render and export
 * depend on them without depending on present, which uses render's
 * Markdown-to-hast passes.
 */
import type {Root as HastRoot} from 'hast'
import type {Citation, Edition, Movement, SourceRecord, Summary, Voice} from './model.js'
import type {Config} from './schema.js'
import type {Strings} from './locales/index.js'

/** A status as shown: its scale entry, or "Not yet rated" (id `unrated`). */
export interface StatusView {
  id: string
  label: string
  symbol: string
  description: string | undefined
}

/** Movement since the previous edition, as shown beside a status. */
export interface MovementView {
  kind: Movement
  symbol: string
  /** `Up 2 steps from Partial`. */
  text: string
  /** `▲ from Partial`. */
  short: string
  /** Title of the edition it is measured from. */
  since: string
}

/** Where a body sits in the report: what its rendering depended on besides its text. */
export interface BodyPlace {
  /** The element id the body sits under (`priority-…`, `evidence-…`). */
  anchor: string
  chapterId: string
  containerLevel: number
  idPrefix: string
  /** Notes the chapter had before this body's (its note numbers follow them); undefined for excerpts, which have none. */
  notesBefore: number | undefined
  /** Citations dropped because all they cite is left out of this edition. */
  omitted: number
}

/** A Markdown body, rendered. */
export interface BodyView {
  /** The body as hast. Shared with other views and runs: read it, or clone it (`structuredClone`) before changing it. */
  hast: HastRoot
  /** The citation behind each note reference in `hast` (`sup.noteref`), in document order, with only the evidence this edition shows. */
  referenced: Citation[]
  place: BodyPlace
}

/** A reference to an endnote from outside a body (stated commitment, rating history). */
export interface NoteRefView {
  id: string
  refId: string
  number: number
}

/** An endnote as listed at the end of its chapter (Chicago style: full on a source's first note in the chapter, short after). */
export interface NoteView {
  number: number
  id: string
  refId: string
  items: {
    full: boolean
    /** The same source as the item before it in this note: only its locator (and speaker) is given, not the source again. */
    again: boolean
    prefix: string | undefined
    /** Direct speech: "Speaker, quoted in Author". */
    direct: boolean
    /** Reported speech: "Author, reporting Speaker". */
    reported: boolean
    speaker: string | undefined
    reporter: string
    showAuthor: boolean
    showPublisher: boolean
    author: string | undefined
    /** The author's surname for the short form; undefined for an unsigned source (short title alone). */
    shortName: string | undefined
    title: string
    shortTitle: string | undefined
    publisher: string
    date: string
    locator: string | undefined
    anchor: string
    label: string
  }[]
}

/** A dated rating of a priority, on or before the as-of date. */
export interface HistoryView {
  date: string
  dateDisplay: string
  status: StatusView
  statusId: string
  note: string
  /** Evidence cited, without what this edition leaves out. */
  evidence: string[]
  ref: NoteRefView | undefined
}

/** A priority as every output reads it. */
export interface PriorityView {
  id: string
  /** The title as shown: typeset (curly quotes and apostrophes, dashes) in the report's language. */
  title: string
  /** The title as the authors wrote it (what JSON and CSV export). */
  titleAsWritten: string
  anchor: string
  dimension: string
  /** The dimension's title as shown (typeset). */
  dimensionTitle: string
  /** The dimension's title as written in scorecard.yml (what CSV exports). */
  dimensionTitleAsWritten: string
  /** The status as of the as-of date; `unrated` (id) when not yet rated. */
  status: StatusView
  /** The status id, undefined when not yet rated. */
  statusId: string | undefined
  /** The status id as of the previous edition (only with one; undefined when unrated then). */
  previousStatusId: string | undefined
  previousStatus: StatusView | undefined
  /** Movement since the previous edition, as data. */
  change: {movement: Movement; steps: number} | undefined
  movement: MovementView | undefined
  /** `words`: the office-holder's own words or a third party's summary; `summarisedBy` names that third party. */
  stated: {quote: string; cite: string; words: 'own' | 'summary'; translation: string | undefined; quoted: string; note: NoteRefView | undefined; summarisedBy: string | undefined} | undefined
  body: BodyView
  /** Evidence ids cited (stated, prose, extra), in reading order, without what this edition leaves out. */
  evidence: string[]
  history: HistoryView[]
  /** Citations left out of this edition, for the reader. */
  omitted: {count: number; plural: boolean} | undefined
  /** The source file, relative to the project, with `/`. */
  file: string
  /** `order:` as written in the file (report order within the dimension); undefined when not given. */
  order: number | undefined
  /**
   * The assessment Markdown as written in the file (front matter left out,
   * trimmed). `body` is what this edition shows, which for an earlier or
   * published edition may be other text.
   */
  markdown: string
}

/** An evidence excerpt as every output reads it (only those this edition shows). */
export interface EvidenceView {
  id: string
  anchor: string
  number: number
  /** `E7`. */
  label: string
  title: string
  publisher: string
  author: string | undefined
  date: string
  dateDisplay: string
  url: string | undefined
  type: string
  locator: string | undefined
  /** The locator as the report shows it, in its locale (`p. 7`, `с. 7`). */
  locatorDisplay: string | undefined
  /** Who speaks and how (see `Voice`). */
  voice: Voice
  speaker: string | undefined
  /** The appendix label: "Quoting …" or "Reporting …". */
  appendixSpeaker: string | undefined
  /** File name of the source document, when named. */
  sourceFile: string | undefined
  /** The excerpt in the report's language, when quoted in another: its paragraphs and who translated it, as shown. */
  translation: {paragraphs: string[]; by: 'authors' | 'published'; credit: string; source: string | undefined} | undefined
  /** The excerpt's language as its evidence file gives it (`lang:`), undefined when it is the report's by default. */
  lang: string | undefined
  /** The original's language, when it differs from the report's: its tag and its name in the report's locale. */
  original: {lang: string; language: string} | undefined
  /** Checked word for word against a copy of its source. */
  verified: boolean
  spokenOn: string | undefined
  spokenOnDisplay: string | undefined
  /** The authors' note on the excerpt, as written (JSON, CSV). */
  note: string | undefined
  /** The note shown with the excerpt, typeset: undefined when its source group shows it once for all. */
  ownNote: string | undefined
  body: BodyView
  /** The excerpt as plain text. */
  excerpt: string
  citedBy: {id: string; anchor: string; title: string}[]
  file: string
}

/** The excerpts of one source document, as the appendix groups them. */
export interface SourceGroupView {
  /** See `sourceKey`. */
  key: string
  title: string
  publisher: string
  author: string | undefined
  /** Display date. */
  date: string
  url: string | undefined
  type: string
  /** The type as words, in the report's locale: `official-statement` → "Official statement". */
  typeLabel: string
  /** A note every excerpt of the source shares, said once (typeset, as shown). */
  note: string | undefined
  items: EvidenceView[]
}

/** A prose file of the report (summary, closing chapter) as written: its path (relative to the project, with `/`) and Markdown (front matter left out, trimmed). */
export interface ProseSourceView {
  file: string
  markdown: string
}

/** A chapter in reading order. */
export type ChapterView =
  | {
      kind: 'summary' | 'closing'
      id: string
      title: string
      body: BodyView | undefined
      notes: NoteView[] | undefined
      verified: string | undefined
      /** The prose file behind the chapter; undefined for a summary without one. */
      source: ProseSourceView | undefined
    }
  | {kind: 'changes'; id: string; title: string; notes: undefined}
  | {kind: 'dimension'; id: string; title: string; description: string | undefined; dimension: string; priorities: PriorityView[]; notes: NoteView[] | undefined}

/** A group of "What changed": priorities that moved one way. */
export interface MovedGroupView {
  kind: 'up' | 'down' | 'new'
  title: string
  items: {anchor: string; title: string; status: StatusView; before: StatusView; movement: MovementView | undefined}[]
}

/** A contents entry. */
export interface TocEntry {
  id: string
  title: string
  children: {id: string; title: string}[]
}

/** The optional front and back matter of scorecard.yml, as the cover, imprint and back-matter partials show it. */
export interface FrontMatterView {
  /** The logo as a data URL (embedded, never fetched). */
  logo: string | undefined
  imprint:
    | {
        address: string[] | undefined
        copyright: string | undefined
        licence: string | undefined
        funding: string[] | undefined
        disclaimer: string[] | undefined
        published: {iso: string; display: string} | undefined
        place: string | undefined
        citeAs: string | undefined
      }
    | undefined
  acknowledgements: string[] | undefined
  biographies: {name: string; affiliation: string | undefined; bio: string[] | undefined}[] | undefined
  /** Back-matter chapters, as contents entries. */
  backMatter: {id: string; title: string}[]
  backCover: {paragraphs: string[] | undefined} | undefined
}

/** The whole report as outputs read it. */
export interface ReportView {
  /** Imprint, acknowledgements, about the authors, logo, back cover. */
  frontMatter: FrontMatterView
  generator: string
  lang: string
  /** Every string the reader sees, resolved for `lang` with scorecard.yml's `strings:` (src/core/locales/). */
  strings: Strings & Record<string, string>
  /** The locale's table (`en` when `lang` has none), quotation marks and hyphenation language. */
  locale: {table: string; quotes: {open: string; close: string; innerOpen: string; innerClose: string}; hyphenate: string}
  /** The title as shown: typeset (curly quotes and apostrophes, dashes) in the report's language, as are `subtitle`, `fullTitle` and `shortTitle`. */
  title: string
  /** The edition's title, else scorecard.yml's subtitle. */
  subtitle: string | undefined
  /** `Title: Subtitle`, or the title alone. */
  fullTitle: string
  shortTitle: string
  /** Title, subtitle (the edition's title, else scorecard.yml's) and short title as the authors wrote them: what data outputs (JSON) export. */
  asWritten: {title: string; subtitle: string | undefined; shortTitle: string}
  authors: Config['authors']
  /** `A, B`. */
  authorNames: string
  publisher: string
  asOf: string
  asOfDisplay: string
  edition: Edition | undefined
  previousEdition: (Edition & {asOfDisplay: string}) | undefined
  editions: Edition[]
  period: {start: string; end: string; startDisplay: string; endDisplay: string} | undefined
  keywords: string[]
  pageSize: 'A4' | 'Letter'
  scale: (Config['scale'][number] & {rank: number; count: number})[]
  /** `title` as shown (typeset), `titleAsWritten` as in scorecard.yml. */
  dimensions: {id: string; title: string; titleAsWritten: string; description: string | undefined; priorities: string[]; total: number; counts: number[]}[]
  /** Priorities in report order (the same objects as in `chapters`). */
  priorities: PriorityView[]
  chapters: ChapterView[]
  appendix: {id: string; title: string; groups: SourceGroupView[]}
  /**
   * The evidence catalogue: every excerpt this edition shows, cited or not,
   * in appendix order (the same objects as in `appendix`). Excerpts dated
   * after the as-of date are not in it (their ids are in `excludedEvidence`).
   */
  evidence: EvidenceView[]
  /** "What changed", with a previous edition. */
  changes:
    | {
        counts: Record<Movement, number>
        /** Each movement with its symbol, title and count, in the order the report lists them (`movementOrder`). */
        kinds: {kind: Movement; symbol: string; title: string; count: number}[]
        total: number
        title: string
        groups: MovedGroupView[]
      }
    | undefined
  summary: Summary
  /** Evidence left out of this edition, sorted. */
  excludedEvidence: string[]
  /** Citations left out of this edition, for the reader. */
  omitted: {count: number; excerpts: number} | undefined
  toc: TocEntry[]
  /** Source documents named by evidence, with their SHA-256 (empty when none is named). */
  sources: SourceRecord[]
  /** How many excerpts were verified against their sources, as a sentence; undefined when none names a source. */
  verified: string | undefined
  /**
   * scorecard.yml's settings as written, where the view shows a value decided
   * for this report instead: `subtitle` (the edition's title wins),
   * `shortTitle` (defaults to the title), `asOf` (`--as-of` or an edition's
   * date wins), `pageSize` (defaults to A4; an option wins). What `diff`
   * compares as report settings.
   */
  settings: {subtitle: string | undefined; shortTitle: string | undefined; asOf: string; pageSize: 'A4' | 'Letter' | undefined}
  /** PDF document information (dates are the printer's). */
  pdf: {title: string; author: string; subject: string; keywords: string[]; creator: string; lang: string}
}
