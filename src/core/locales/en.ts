/**
 * The English locale: every string a reader of the report sees, as the
 * default templates and the present stage use them. `{name}` is a value
 * filled in; a string with `|` gives plural forms, chosen by `{count}`
 * (English: one|other). Output of the English table is the reference: the
 * bundled example's HTML must not change by a byte when a string moves here.
 */
export const en = {
  // Dates: month names, as in a full date (genitive) and alone, and the three precisions.
  month1: 'January', month2: 'February', month3: 'March', month4: 'April', month5: 'May', month6: 'June',
  month7: 'July', month8: 'August', month9: 'September', month10: 'October', month11: 'November', month12: 'December',
  monthOf1: 'January', monthOf2: 'February', monthOf3: 'March', monthOf4: 'April', monthOf5: 'May', monthOf6: 'June',
  monthOf7: 'July', monthOf8: 'August', monthOf9: 'September', monthOf10: 'October', monthOf11: 'November', monthOf12: 'December',
  dateDay: '{day} {monthOf} {year}',
  dateMonth: '{month} {year}',
  dateYear: '{year}',
  // Quotation marks: outer and inner.
  quoteOpen: '“', quoteClose: '”', quoteInnerOpen: '‘', quoteInnerClose: '’',
  // Locators.
  locatorPage: 'p. {page}',
  locatorSection: 'section {section}',
  locatorParagraph: 'para. {paragraph}',
  // Page furniture.
  metaDescription: '{title}, as of {date}',
  skipLink: 'Skip to the report',
  colophon: "Built with {generator} from the assessment’s Markdown sources. Statuses are shown as a symbol and a text label; colour is never the only cue.",
  contents: 'Contents',
  coverAsOf: 'As of {date}',
  coverPeriod: 'Period assessed: {start} – {end}',
  tableScroll: 'Table, scrolls sideways on narrow screens',
  // Chapters the tool writes.
  executiveSummary: 'Executive Summary',
  whatChangedSince: 'What Changed Since the {edition}',
  appendixTitle: 'Appendix: Evidence',
  acknowledgements: 'Acknowledgements',
  aboutTheAuthors: 'About the Author|About the Authors',
  // Executive summary.
  asOfNotice: 'As of {date}.',
  omittedNotice: 'This edition shows the record as it stood on that day: {count} citations to {excerpts} excerpts published later are left out, and ratings are those recorded by then.',
  scorecardHeading: 'The scorecard',
  scorecardCaption: 'Status of each stated priority, as of {date} ({total} rated{unrated})',
  scorecardCaptionUnrated: ', {count} not yet rated',
  columnPriority: 'Priority',
  columnDimension: 'Dimension',
  columnStatus: 'Status',
  columnSince: 'Since the {edition}',
  columnTotal: 'Total',
  statusByDimension: 'Status by dimension',
  distributionChartTitle: 'Status of the {total} rated priorities by dimension, as of {date}',
  distributionCaption: 'Each bar counts a dimension’s priorities by status; the table below gives the same numbers.',
  countsCaption: 'Number of priorities by dimension and status',
  allDimensions: 'All dimensions',
  ratingScale: 'Rating scale',
  notYetRated: 'Not yet rated',
  // What changed.
  changesIntro: 'This section compares each priority’s status as of {asOf} with its status in the {edition} (as of {editionAsOf}). Of {total} priorities, {up} moved up, {down} moved down, {same} are unchanged and {new} are newly rated.',
  changesChartTitle: 'Movement of ratings since the {edition}',
  previousEdition: 'previous edition',
  changesCaption: 'Movement of ratings since the {edition}; the table below gives the same numbers.',
  changesTableCaption: 'Movement since the {edition}',
  movedUp: 'Moved up',
  movedDown: 'Moved down',
  unchanged: 'Unchanged',
  newlyRated: 'Newly rated',
  steps: '{count} step|{count} steps',
  movementUp: 'Up {steps} from {status}',
  movementDown: 'Down {steps} from {status}',
  movementFrom: '{symbol} from {status}',
  movementUnchanged: '{symbol} unchanged',
  movementNew: '{symbol} new',
  // A priority.
  statusPrefix: 'Status: ',
  sinceEdition: 'since the {edition}',
  statedCommitment: 'Stated commitment',
  summarisedBy: ', as summarised by {who}',
  aThirdParty: 'a third party',
  noteLabel: 'Note {number}',
  ratingHistory: 'Rating history',
  omittedCitations: '{count} citation to evidence published after {date} is left out of this edition.|{count} citations to evidence published after {date} are left out of this edition.',
  // Notes.
  notes: 'Notes',
  quotedIn: '{speaker}, quoted in ',
  reporting: '{reporter}, reporting {speaker}, ',
  excerptRef: 'excerpt {label}',
  againQuoting: 'quoting {speaker}',
  againReporting: 'reporting {speaker}',
  backToReference: 'Back to reference {number}',
  // The appendix.
  evidenceLabel: 'E{number}',
  appendixIntro: 'Every excerpt below is a verbatim quotation from its source, numbered as cited in the notes. Links after each excerpt lead back to the priorities that cite it.',
  noteOnSource: 'Note on this source:',
  excerptNote: 'Note:',
  citedBy: 'Cited by:',
  quoting: 'Quoting {speaker}',
  reportingSpeaker: 'Reporting {speaker}',
  originalText: 'Original ({language}):',
  translationByAuthors: 'Translation by the authors.',
  translationPublished: 'Translation: {source}.',
  verifiedNone: 'None of the {total} was verified against a copy of its source when this report was built.',
  verifiedAll: 'All {total} in this report {verb} verified word for word against copies of {sources} when it was built, locators included.',
  verifiedSome: '{verified} of the {total} in this report {verb} verified word for word against copies of {sources} when it was built, locators included.',
  excerpts: '{count} excerpt|{count} excerpts',
  wasWere: 'was|were',
  theirSources: 'its source|their {count} sources',
  // The imprint and back matter.
  imprint: 'Imprint',
  funding: 'Funding',
  disclaimer: 'Disclaimer',
  citeAs: 'Cite as',
  published: 'Published {date}.',
  publishedIn: 'Published in {place}, {date}.',
  publishedPlace: 'Published in {place}.',
  // PDF document information.
  // Languages of excerpts (original text), by BCP 47 primary subtag; the OSCE's six and Kazakh.
  languageEn: 'English', languageFr: 'French', languageDe: 'German', languageIt: 'Italian', languageRu: 'Russian', languageEs: 'Spanish', languageKk: 'Kazakh',
  // Kinds of source (evidence `type`), as the appendix shows them; a type without an entry is shown as words (`fact-sheet` → Fact sheet).
  sourceTypeAnalysis: 'Analysis', sourceTypeNews: 'News', sourceTypeOfficialStatement: 'Official statement',
  pdfSubject: '{subtitle} of {count} stated priority, as of {date}|{subtitle} of {count} stated priorities, as of {date}',
  assessment: 'Assessment',
} as const

/** The keys of a locale table. */
export type StringKey = keyof typeof en

/** A locale table: a string for every key. */
export type Strings = Record<StringKey, string>
