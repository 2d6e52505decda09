/**
 * Data exports of the scored report: `scorecard.json` and two CSV files.
 * Read from the `ReportView`, as the HTML is; deterministic bytes.
 */
import type {ReportView} from '../core/view.js'
import {scorecardJsonSchemaId} from '../core/schema-ids.js'
import {bodyHtml} from '../render/body.js'

/** Version of the JSON output's shape; bump on breaking changes. Schema: docs/scorecard.schema.json. */
export const schemaVersion = 1

/** `scorecard.json`: the report as data. */
export function renderJson(view: ReportView): string {
  const data = {
    $schema: scorecardJsonSchemaId,
    schemaVersion,
    generator: view.generator,
    report: {
      // Data keeps the authors' exact strings: the view's titles are typeset
      // for reading (curly quotes), its `asWritten` values are as written.
      title: view.asWritten.title,
      subtitle: view.asWritten.subtitle ?? null,
      shortTitle: view.asWritten.shortTitle,
      authors: view.authors.map((author) => ({name: author.name, affiliation: author.affiliation ?? null})),
      publisher: view.publisher,
      asOf: view.asOf,
      edition: view.edition ? {...view.edition} : null,
      previousEdition: view.previousEdition ? withoutDisplay(view.previousEdition) : null,
      editions: view.editions.map((edition) => ({...edition})),
      period: view.period ? {start: view.period.start, end: view.period.end} : null,
      lang: view.lang,
      keywords: view.keywords,
    },
    dimensions: view.dimensions.map((dimension) => ({id: dimension.id, title: dimension.titleAsWritten, priorities: dimension.priorities})),
    scale: view.scale.map((entry) => ({
      id: entry.id,
      rank: entry.rank,
      label: entry.label,
      symbol: entry.symbol,
      color: entry.color,
      description: entry.description ?? null,
    })),
    priorities: view.priorities.map((priority) => ({
      id: priority.id,
      title: priority.titleAsWritten,
      dimension: priority.dimension,
      status: priority.statusId ?? null,
      previousStatus: priority.previousStatusId ?? null,
      movement: priority.change ?? null,
      stated: priority.stated ? {quote: priority.stated.quote, cite: priority.stated.cite, words: priority.stated.words} : null,
      evidence: priority.evidence,
      history: priority.history.map((entry) => ({date: entry.date, status: entry.statusId, note: entry.note, evidence: entry.evidence})),
      html: bodyHtml(priority.body.hast),
      file: priority.file,
    })),
    evidence: view.evidence.map((evidence) => ({
      id: evidence.id,
      number: evidence.number,
      title: evidence.title,
      publisher: evidence.publisher,
      author: evidence.author ?? null,
      date: evidence.date,
      url: evidence.url ?? null,
      type: evidence.type,
      locator: evidence.locator ?? null,
      voice: evidence.voice,
      speaker: evidence.speaker ?? null,
      spokenOn: evidence.spokenOn ?? null,
      note: evidence.note ?? null,
      sourceFile: evidence.sourceFile ?? null,
      verified: evidence.verified,
      excerpt: evidence.excerpt,
      // Only when the evidence has them, so that a report without translations keeps its bytes.
      ...(evidence.lang === undefined ? {} : {lang: evidence.lang}),
      ...(evidence.translation === undefined
        ? {}
        : {translation: {text: evidence.translation.paragraphs.join('\n\n'), by: evidence.translation.by, source: evidence.translation.source ?? null}}),
      citedBy: evidence.citedBy.map((entry) => entry.id),
      file: evidence.file,
    })),
    sources: view.sources.map(({file, sha256, available}) => ({file, sha256: sha256 ?? null, available})),
    summary: {...view.summary, changes: view.summary.changes ?? null, excludedEvidence: view.excludedEvidence},
  }
  return `${JSON.stringify(data, null, 2)}\n`
}

/** `priorities.csv` and `evidence.csv`: RFC 4180, UTF-8, CRLF, with a header row. */
export function renderCsv(view: ReportView): {priorities: string; evidence: string} {
  const priorities = toCsv(
    ['id', 'title', 'dimension', 'dimension_title', 'status', 'status_label', 'previous_status', 'movement', 'stated_quote', 'stated_cite', 'evidence', 'file'],
    // As in the JSON, the titles as the authors wrote them, not the typeset display form.
    view.priorities.map((priority) => [
      priority.id,
      priority.titleAsWritten,
      priority.dimension,
      priority.dimensionTitleAsWritten,
      priority.statusId ?? '',
      priority.statusId === undefined ? '' : priority.status.label,
      priority.previousStatusId ?? '',
      priority.change?.movement ?? '',
      priority.stated?.quote ?? '',
      priority.stated?.cite ?? '',
      priority.evidence.join(' '),
      priority.file,
    ]),
  )
  const evidence = toCsv(
    ['id', 'number', 'title', 'publisher', 'author', 'date', 'url', 'type', 'locator', 'speaker', 'spoken_on', 'note', 'excerpt', 'cited_by', 'file'],
    view.evidence.map((item) => [
      item.id,
      item.label,
      item.title,
      item.publisher,
      item.author ?? '',
      item.date,
      item.url ?? '',
      item.type,
      item.locator ?? '',
      item.speaker ?? '',
      item.spokenOn ?? '',
      item.note ?? '',
      item.excerpt,
      item.citedBy.map((entry) => entry.id).join(' '),
      item.file,
    ]),
  )
  return {priorities, evidence}
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled, lines end in CRLF. A field that a spreadsheet would take for a
 * formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is
 * prefixed with `'`, as OWASP recommends against CSV injection: a title such
 * as `=HYPERLINK("http://…")` stays text when the file is opened in Excel,
 * LibreOffice or Google Sheets.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (raw: string): string => {
    const value = formulaLike.test(raw) ? `'${raw}` : raw
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
  }
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('')
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const formulaLike = /^[=+\-@\t\r]/

function withoutDisplay({asOfDisplay: _shown, ...edition}: NonNullable<ReportView['previousEdition']>) {
  return edition
}
