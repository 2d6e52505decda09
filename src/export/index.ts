/**
 * Data exports of the scored report: `scorecard.json` and two CSV files.
 * Same model as the HTML; deterministic bytes.
 */
import path from 'node:path'
import {excerptText} from '../link/index.js'
import type {ScoredReport} from '../core/model.js'
import {toPosixPath} from '../core/paths.js'
import {version} from '../core/version.js'
import {scorecardJsonSchemaId} from '../core/schema-ids.js'

/** Version of the JSON output's shape; bump on breaking changes. Schema: docs/scorecard.schema.json. */
export const schemaVersion = 1

/** `scorecard.json`: the report as data. */
export function renderJson(report: ScoredReport, priorityHtml: Map<string, string>): string {
  const {config} = report
  const data = {
    $schema: scorecardJsonSchemaId,
    schemaVersion,
    generator: `Scorecard ${version}`,
    report: {
      title: config.title,
      subtitle: report.edition?.title ?? config.subtitle ?? null,
      shortTitle: config.shortTitle ?? config.title,
      authors: config.authors.map((author) => ({name: author.name, affiliation: author.affiliation ?? null})),
      publisher: config.publisher,
      asOf: report.asOf,
      edition: report.edition ? {...report.edition} : null,
      previousEdition: report.previousEdition ? {...report.previousEdition} : null,
      editions: (config.editions ?? []).map((edition) => ({...edition})),
      period: config.period ? {start: String(config.period.start), end: String(config.period.end)} : null,
      lang: config.lang,
      keywords: config.keywords ?? [],
    },
    dimensions: config.dimensions.map((dimension) => ({
      id: dimension.id,
      title: dimension.title,
      priorities: report.ordered.filter((p) => p.dimension === dimension.id).map((p) => p.id),
    })),
    scale: config.scale.map((entry, index) => ({
      id: entry.id,
      rank: index + 1,
      label: entry.label,
      symbol: entry.symbol,
      color: entry.color,
      description: entry.description ?? null,
    })),
    priorities: report.ordered.map((priority) => ({
      id: priority.id,
      title: priority.title,
      dimension: priority.dimension,
      status: report.statusOf.get(priority.id) ?? null,
      previousStatus: report.previousEdition ? (report.previousStatusOf.get(priority.id) ?? null) : null,
      movement: report.movementOf.get(priority.id) ?? null,
      stated: priority.stated ? {quote: priority.stated.quote, cite: priority.stated.cite, words: priority.stated.words} : null,
      evidence: (report.evidenceOf.get(priority.id) ?? []).filter((id) => !report.excludedEvidence.has(id)),
      history: (report.historyOf.get(priority.id) ?? []).map((entry) => ({
        date: entry.date,
        status: entry.status,
        note: entry.note,
        evidence: entry.evidence.filter((id) => !report.excludedEvidence.has(id)),
      })),
      html: priorityHtml.get(priority.id) ?? '',
      file: projectPath(report, priority.source.file),
    })),
    evidence: report.appendix.map(({evidence, number}) => ({
      id: evidence.id,
      number,
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
      verified: report.verification?.verified.get(evidence.id) ?? false,
      excerpt: excerptText(report.bodies.get(evidence)!),
      citedBy: report.citedBy.get(evidence.id) ?? [],
      file: projectPath(report, evidence.source.file),
    })),
    sources: (report.verification?.sources ?? []).map(({file, sha256, available}) => ({file, sha256: sha256 ?? null, available})),
    summary: {...report.summary, changes: report.summary.changes ?? null, excludedEvidence: [...report.excludedEvidence].sort()},
  }
  return `${JSON.stringify(data, null, 2)}\n`
}

/** `priorities.csv` and `evidence.csv`: RFC 4180, UTF-8, CRLF, with a header row. */
export function renderCsv(report: ScoredReport): {priorities: string; evidence: string} {
  const label = new Map(report.config.scale.map((entry) => [entry.id, entry.label]))
  const dimension = new Map(report.config.dimensions.map((entry) => [entry.id, entry.title]))
  const priorities = toCsv(
    ['id', 'title', 'dimension', 'dimension_title', 'status', 'status_label', 'previous_status', 'movement', 'stated_quote', 'stated_cite', 'evidence', 'file'],
    report.ordered.map((priority) => {
      const status = report.statusOf.get(priority.id)
      const previous = report.previousEdition ? report.previousStatusOf.get(priority.id) : undefined
      return [
        priority.id,
        priority.title,
        priority.dimension,
        dimension.get(priority.dimension) ?? '',
        status ?? '',
        status === undefined ? '' : (label.get(status) ?? ''),
        previous ?? '',
        report.movementOf.get(priority.id)?.movement ?? '',
        priority.stated?.quote ?? '',
        priority.stated?.cite ?? '',
        (report.evidenceOf.get(priority.id) ?? []).filter((id) => !report.excludedEvidence.has(id)).join(' '),
        projectPath(report, priority.source.file),
      ]
    }),
  )
  const evidence = toCsv(
    ['id', 'number', 'title', 'publisher', 'author', 'date', 'url', 'type', 'locator', 'speaker', 'spoken_on', 'note', 'excerpt', 'cited_by', 'file'],
    report.appendix.map(({evidence: item, number}) => [
      item.id,
      `E${number}`,
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
      excerptText(report.bodies.get(item)!),
      (report.citedBy.get(item.id) ?? []).join(' '),
      projectPath(report, item.source.file),
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

/** A content file's path relative to the project, with `/`: the same wherever the build runs. */
function projectPath(report: ScoredReport, file: {path: string; cwd: string}): string {
  return toPosixPath(path.relative(report.root, path.resolve(file.cwd, file.path)))
}
