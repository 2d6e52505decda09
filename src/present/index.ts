/**
 * Stage 5, present: the scored report as the one `ReportView` every output
 * reads (src/core/view.ts). Bodies are rendered to hast here, with render's
 * Markdown passes (src/render/body.ts); endnotes are numbered as they are
 * met, chapter by chapter. Render (HTML), export (JSON, CSV), print (PDF
 * metadata), the preview session and diff read the view and derive nothing.
 *
 * Imports go one way: present → render/body → core. Render's layout and
 * export read only the view's types, which live in core.
 */
import path from 'node:path'
import {evidenceAnchor, priorityAnchor} from '../core/dom-contract.js'
import {languageKey, localeFor, primaryLanguage, sourceTypeKey, type Locale} from '../core/locales/index.js'
import type {Citation, Evidence, ParsedBody, Priority, ScoredReport} from '../core/model.js'
import {sourceKey} from '../core/source-key.js'
import {toPosixPath} from '../core/paths.js'
import {version} from '../core/version.js'
import type {BodyPlace, BodyView, ChapterView, EvidenceView, MovedGroupView, PriorityView, ReportView, SourceGroupView} from '../core/view.js'
import {excerptText} from '../link/index.js'
import {renderBody} from '../render/body.js'
import {typesetText} from '../render/rehype-typographer.js'
import type {BodyContext, Note} from '../render/body-context.js'
import {addNote} from '../render/rehype-endnotes.js'
import {frontMatterView} from '../render/front-matter.js'
import {appendixSpeaker, statedSummarisedBy, verificationSentence} from '../render/attribution.js'
import {movementOrder, movementSymbols, movementTitlesIn, movementView, sourceTypeLabel, statusLabeller} from './labels.js'
import {localLocator, noteViews, quoted} from './notes.js'

export {localLocator, quoted} from './notes.js'
export {movementCount, movementOrder, movementPhrase, movementSymbols, movementTitles, movementTitlesIn, unratedStatus, unratedStatusIn} from './labels.js'

/** Options of {@link presentReport}. */
export interface PresentOptions {
  /** PDF page size; overrides scorecard.yml. */
  pageSize?: 'A4' | 'Letter'
}

/** The scored report as every output reads it. */
export function presentReport(report: ScoredReport, options: PresentOptions = {}): ReportView {
  const {config} = report
  const lookups = lookupsOf(report)
  const locale = reportLocale(report)
  const formatDate = locale.date
  const status = statusLabeller(config.scale, locale)
  // Titles and names the authors wrote (report title and subtitle, edition,
  // chapter, dimension and priority titles) are shown typeset like their prose
  // (curly quotes and apostrophes, dashes, in the locale's marks): every output
  // that shows the view (HTML, PDF title and bookmarks, running heads) reads
  // the typeset form. Data outputs (JSON, CSV, diff's settings) read the
  // `…AsWritten` values, the authors' exact strings. Source titles, excerpts
  // and stated quotations are other people's words and stay as written.
  const typeset = (text: string): string => typesetText(text, config.lang, config.strings)
  const dimensionTitle = new Map(config.dimensions.map((entry) => [entry.id, entry.title]))
  const excluded = report.excludedEvidence
  const shown = (ids: readonly string[]): string[] => ids.filter((id) => !excluded.has(id))
  const context = (chapterId: string, notes: Note[] | undefined, citations: Citation[], containerLevel: number, idPrefix: string): BodyContext => ({
    citations,
    notes,
    chapterId,
    containerLevel,
    idPrefix,
    // Excerpts (no notes) are the sources' words; everything else is the authors'.
    ownWords: notes !== undefined,
    lang: config.lang,
    strings: config.strings,
    ...lookups,
    excluded,
    omitted: 0,
    noteLabel: locale.strings.noteLabel,
  })
  const body = (item: Priority | Evidence | NonNullable<ChapterBody>, place: Omit<BodyPlace, 'omitted'>, notes: Note[] | undefined): BodyView => {
    const parsed = bodyOf(report, item)
    const rendered = renderBody(parsed, context(place.chapterId, notes, parsed.citations, place.containerLevel, place.idPrefix))
    return {hast: rendered.hast, referenced: rendered.referenced, place: {...place, omitted: rendered.omitted}}
  }
  /** A note for a citation written in front matter (stated commitment, history entry). */
  const frontMatterNote = (chapterId: string, notes: Note[], ids: string[]) => {
    const noteContext = context(chapterId, notes, [], 0, '')
    const note = addNote(noteContext, {items: ids.map((id) => ({id}))})
    return {note: note && {id: note.id, refId: note.refId, number: note.number}, omitted: noteContext.omitted}
  }

  const since = typeset(report.previousEdition?.title ?? '')
  const presentPriority = (priority: Priority, chapterId: string, notes: Note[]): PriorityView => {
    let omitted = 0
    const stated = priority.stated && frontMatterNote(chapterId, notes, [priority.stated.cite])
    omitted += stated?.omitted ?? 0
    const anchor = priorityAnchor(priority.id)
    const prose = body(priority, {anchor, chapterId, containerLevel: 3, idPrefix: `${priority.id}-`, notesBefore: notes.length}, notes)
    omitted += prose.place.omitted
    const history = (report.historyOf.get(priority.id) ?? []).map((entry) => {
      const note = entry.evidence.length > 0 ? frontMatterNote(chapterId, notes, entry.evidence) : undefined
      omitted += note?.omitted ?? 0
      return {date: entry.date, dateDisplay: formatDate(entry.date), status: status(entry.status), statusId: entry.status, note: typesetText(entry.note, config.lang, config.strings), evidence: shown(entry.evidence), ref: note?.note}
    })
    const statusId = report.statusOf.get(priority.id)
    const previousStatusId = report.previousEdition ? report.previousStatusOf.get(priority.id) : undefined
    const change = report.movementOf.get(priority.id)
    return {
      id: priority.id,
      title: typeset(priority.title),
      titleAsWritten: priority.title,
      anchor,
      dimension: priority.dimension,
      dimensionTitle: typeset(dimensionTitle.get(priority.dimension) ?? priority.dimension),
      dimensionTitleAsWritten: dimensionTitle.get(priority.dimension) ?? priority.dimension,
      status: status(statusId),
      statusId,
      previousStatusId,
      previousStatus: report.previousEdition ? status(previousStatusId) : undefined,
      change,
      movement: change && report.previousEdition ? movementView(change, status(previousStatusId), since, locale) : undefined,
      stated: priority.stated && {quote: priority.stated.quote, cite: priority.stated.cite, words: priority.stated.words, translation: priority.stated.translation, quoted: quoted(priority.stated.translation ?? priority.stated.quote, locale), note: stated?.note, summarisedBy: statedSummarisedBy(priority, lookupsOf(report).evidenceById, locale)},
      body: prose,
      evidence: shown(report.evidenceOf.get(priority.id) ?? []),
      history,
      omitted: omitted > 0 ? {count: omitted, plural: omitted !== 1} : undefined,
      file: projectPath(report, priority.source.file),
      order: priority.order,
      markdown: priority.source.body.trim(),
    }
  }

  const priorities: PriorityView[] = []
  const chapters = report.chapters.map((chapter): ChapterView => {
    const notes: Note[] = []
    const listed = () => (notes.length > 0 ? noteViews(notes, locale) : undefined)
    switch (chapter.kind) {
      case 'summary':
      case 'closing': {
        const prose = chapter.prose && body(chapter.prose, {anchor: chapter.id, chapterId: chapter.id, containerLevel: 2, idPrefix: `${chapter.id}-`, notesBefore: 0}, notes)
        // "About this assessment" says how many excerpts were checked against their sources.
        const verified = chapter.prose?.id === 'about-this-assessment' ? verificationSentence(report, locale) : undefined
        const source = chapter.prose && {file: projectPath(report, chapter.prose.source.file), markdown: chapter.prose.source.body.trim()}
        return {kind: chapter.kind, id: chapter.id, title: typeset(chapter.title), body: prose, notes: listed(), verified, source}
      }
      case 'changes':
        return {kind: 'changes', id: chapter.id, title: typeset(chapter.title), notes: undefined}
      case 'dimension': {
        const views = chapter.priorities.map((priority) => presentPriority(priority, chapter.id, notes))
        priorities.push(...views)
        return {kind: 'dimension', id: chapter.id, title: typeset(chapter.title), description: chapter.description && typeset(chapter.description), dimension: chapter.dimension, priorities: views, notes: listed()}
      }
    }
  })
  const priorityTitle = new Map(priorities.map((item) => [item.id, item.title]))

  const evidence: EvidenceView[] = []
  const groups: SourceGroupView[] = []
  for (const {evidence: item, number} of report.appendix) {
    const key = sourceKey(item)
    if (groups.at(-1)?.key !== key) groups.push({key, title: item.title, publisher: item.publisher, author: item.author, date: formatDate(item.date), url: item.url, type: item.type, typeLabel: localSourceType(locale, item.type), note: undefined, items: []})
    const view: EvidenceView = {
      id: item.id,
      anchor: evidenceAnchor(item.id),
      number,
      label: locale.t('evidenceLabel', {number}),
      title: item.title,
      publisher: item.publisher,
      author: item.author,
      date: item.date,
      dateDisplay: formatDate(item.date),
      url: item.url,
      type: item.type,
      locator: item.locator,
      locatorDisplay: localLocator(item.locator, locale),
      voice: item.voice,
      speaker: item.speaker,
      appendixSpeaker: appendixSpeaker(item, locale),
      sourceFile: item.sourceFile,
      translation: item.translation && {
        paragraphs: item.translation.text.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()).filter(Boolean),
        by: item.translation.by,
        credit: item.translation.by === 'authors' ? locale.t('translationByAuthors') : locale.t('translationPublished', {source: item.translation.source ?? ''}),
        source: item.translation.source,
      },
      lang: item.lang,
      original: item.lang !== undefined && primaryLanguage(item.lang) !== primaryLanguage(config.lang) ? {lang: item.lang, language: languageName(locale, item.lang)} : undefined,
      verified: report.verification?.verified.get(item.id) ?? false,
      spokenOn: item.spokenOn,
      spokenOnDisplay: item.spokenOn && formatDate(item.spokenOn),
      note: item.note,
      // `note` stays as written (JSON, CSV); what the appendix shows is typeset.
      ownNote: item.note && typeset(item.note),
      body: body(item, {anchor: evidenceAnchor(item.id), chapterId: 'evidence', containerLevel: 3, idPrefix: `${item.id}-`, notesBefore: undefined}, undefined),
      excerpt: excerptText(bodyOf(report, item)),
      citedBy: (report.citedBy.get(item.id) ?? []).map((id) => ({id, anchor: priorityAnchor(id), title: priorityTitle.get(id) ?? id})),
      file: projectPath(report, item.source.file),
    }
    groups.at(-1)!.items.push(view)
    evidence.push(view)
  }
  for (const group of groups) {
    // A note every excerpt of a source shares (e.g. a funding disclosure) is said once, for the source.
    const first = group.items[0]!.note
    if (first !== undefined && group.items.every((item) => item.note === first)) group.note = typeset(first)
    if (group.items.every((item) => item.note === first)) for (const item of group.items) item.ownNote = undefined
  }

  const moved = (kind: MovedGroupView['kind']): MovedGroupView => ({
    kind,
    title: movementTitlesIn(locale)[kind],
    items: priorities
      .filter((item) => item.change?.movement === kind)
      .map((item) => ({anchor: item.anchor, title: item.title, status: item.status, before: item.previousStatus!, movement: item.movement})),
  })
  const counts = report.summary.changes
  const subtitleAsWritten = report.edition?.title ?? config.subtitle
  const subtitle = subtitleAsWritten && typeset(subtitleAsWritten)
  const title = typeset(config.title)
  const frontMatter = frontMatterView(config, report.root, locale)
  const authorNames = config.authors.map((author) => author.name).join(', ')
  const appendix = {id: 'evidence', title: locale.t('appendixTitle'), groups}
  return {
    generator: `Scorecard ${version}`,
    lang: config.lang,
    strings: locale.strings,
    locale: {table: locale.table, quotes: locale.quotes, hyphenate: locale.hyphenate},
    title,
    subtitle,
    fullTitle: subtitle ? `${title}: ${subtitle}` : title,
    shortTitle: typeset(config.shortTitle ?? config.title),
    asWritten: {title: config.title, subtitle: subtitleAsWritten, shortTitle: config.shortTitle ?? config.title},
    authors: config.authors,
    authorNames,
    publisher: config.publisher,
    asOf: report.asOf,
    asOfDisplay: formatDate(report.asOf),
    edition: report.edition,
    previousEdition: report.previousEdition && {...report.previousEdition, asOfDisplay: formatDate(report.previousEdition.asOf)},
    editions: config.editions ?? [],
    period: config.period && {
      start: String(config.period.start),
      end: String(config.period.end),
      startDisplay: formatDate(String(config.period.start)),
      endDisplay: formatDate(String(config.period.end)),
    },
    keywords: config.keywords ?? [],
    pageSize: options.pageSize ?? config.pageSize ?? 'A4',
    scale: config.scale.map((entry, index) => ({...entry, rank: index + 1, count: report.summary.byStatus[entry.id] ?? 0})),
    dimensions: config.dimensions.map((dimension) => ({
      id: dimension.id,
      title: typeset(dimension.title),
      titleAsWritten: dimension.title,
      description: dimension.description && typeset(dimension.description),
      priorities: priorities.filter((item) => item.dimension === dimension.id).map((item) => item.id),
      total: report.summary.byDimension[dimension.id]?.total ?? 0,
      counts: config.scale.map((entry) => report.summary.byDimension[dimension.id]?.byStatus[entry.id] ?? 0),
    })),
    priorities,
    chapters,
    appendix,
    evidence,
    changes: counts && {
      counts,
      kinds: movementOrder.map((kind) => ({kind, symbol: movementSymbols[kind], title: movementTitlesIn(locale)[kind], count: counts[kind]})),
      total: counts.up + counts.same + counts.down + counts.new,
      title: locale.t('changesChartTitle', {edition: report.previousEdition ? since : locale.t('previousEdition')}),
      groups: report.previousEdition ? (['up', 'down', 'new'] as const).map(moved).filter((group) => group.items.length > 0) : [],
    },
    summary: report.summary,
    excludedEvidence: [...excluded].sort(),
    omitted: report.summary.omittedCitations > 0 ? {count: report.summary.omittedCitations, excerpts: excluded.size} : undefined,
    toc: [
      ...chapters.map((chapter) => ({
        id: chapter.id,
        title: chapter.title,
        children: chapter.kind === 'dimension' ? chapter.priorities.map((item) => ({id: item.anchor, title: item.title})) : [],
      })),
      {id: appendix.id, title: appendix.title, children: []},
      ...frontMatter.backMatter.map((entry) => ({...entry, children: []})),
    ],
    frontMatter,
    sources: report.verification?.sources ?? [],
    settings: {subtitle: config.subtitle, shortTitle: config.shortTitle, asOf: config.asOf, pageSize: config.pageSize},
    verified: verificationSentence(report, locale),
    pdf: {
      title: subtitle ? `${title}: ${subtitle}` : title,
      author: authorNames,
      subject: locale.t('pdfSubject', {subtitle: subtitle ?? locale.t('assessment'), count: report.priorities.length, date: formatDate(report.asOf)}),
      keywords: config.keywords ?? config.dimensions.map((dimension) => dimension.title),
      creator: `Scorecard ${version}`,
      lang: config.lang,
    },
  }
}

/**
 * An edited body rendered where `place` was, for a body whose citations are
 * the same as before: its note numbers are then the same, and nothing else
 * in the report depends on its text. (The caller checks that; see
 * src/preview/session.ts.)
 */
export function presentBody(report: ScoredReport, parsed: ParsedBody, place: BodyPlace): BodyView {
  const rendered = renderBody(parsed, {
    citations: parsed.citations,
    // Only the count of earlier notes shows in a body (its note numbers).
    notes: place.notesBefore === undefined ? undefined : Array.from({length: place.notesBefore}, () => placeholderNote),
    chapterId: place.chapterId,
    containerLevel: place.containerLevel,
    idPrefix: place.idPrefix,
    ownWords: place.notesBefore !== undefined,
    lang: report.config.lang,
    strings: report.config.strings,
    ...lookupsOf(report),
    excluded: report.excludedEvidence,
    omitted: 0,
    noteLabel: reportLocale(report).strings.noteLabel,
  })
  return {hast: rendered.hast, referenced: rendered.referenced, place: {...place, omitted: rendered.omitted}}
}

const placeholderNote: Note = {number: 0, id: '', refId: '', items: []}

type ChapterBody = Extract<ScoredReport['chapters'][number], {kind: 'summary'}>['prose']

function bodyOf(report: ScoredReport, item: Parameters<ScoredReport['bodies']['get']>[0]): ParsedBody {
  const body = report.bodies.get(item)
  if (!body) throw new Error(`Internal: no parsed body for ${item.source.file.path}`)
  return body
}

/** Appendix numbers and excerpts by evidence id, made once per report (presentBody runs on every preview edit). */
const lookups = new WeakMap<ScoredReport, Pick<BodyContext, 'appendixNumber' | 'evidenceById'>>()

function lookupsOf(report: ScoredReport): Pick<BodyContext, 'appendixNumber' | 'evidenceById'> {
  let found = lookups.get(report)
  if (!found) {
    found = {
      appendixNumber: new Map(report.appendix.map(({evidence, number}) => [evidence.id, number])),
      evidenceById: new Map(report.evidence.map((item) => [item.id, item])),
    }
    lookups.set(report, found)
  }
  return found
}

/** A content file's path relative to the project, with `/`: the same wherever the build runs. */
function projectPath(report: ScoredReport, file: {path: string; cwd: string}): string {
  return toPosixPath(path.relative(report.root, path.resolve(file.cwd, file.path)))
}

/** The report's locale: its `lang`'s table with the strings of scorecard.yml applied. */
export function reportLocale(report: Pick<ScoredReport, 'config'>): Locale {
  return localeFor(report.config.lang, report.config.strings)
}

/** A source type as the appendix shows it: its string in the locale, else as words. */
function localSourceType(locale: Locale, type: string): string {
  return locale.strings[sourceTypeKey(type)] ?? sourceTypeLabel(type)
}

/** A language's name in the locale, else its tag. */
export function languageName(locale: Locale, lang: string): string {
  return locale.strings[languageKey(lang)] ?? lang
}
