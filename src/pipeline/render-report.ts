/**
 * Every output of one scored report: present it once as a `ReportView`,
 * then lay it out (render), export it (JSON, CSV). Each output is made on
 * first read: an HTML-only build never pays for JSON and CSV, nor a
 * JSON-only build (or diff) for the templates.
 */
import type {ScoredReport} from '../core/model.js'
import type {ReportView} from '../core/view.js'
import {renderCsv, renderJson} from '../export/index.js'
import {presentReport} from '../present/index.js'
import {htmlLayout} from '../render/index.js'

/** Everything `renderReport` produces. */
export interface Rendered {
  /** The report as every output reads it. */
  view: ReportView
  /** `report.html`; made on first read (a template error rejects it). */
  readonly html: Promise<string>
  /** `scorecard.json`; made on first read. */
  readonly json: string
  /** `priorities.csv` and `evidence.csv`; made on first read. */
  readonly csv: {priorities: string; evidence: string}
}

/** Options for rendering. */
export interface RenderOptions {
  /** The project's own templates folder; files there override the defaults by name. */
  templatesDir?: string
  /** The theme's folder (see `resolveTheme`); the project's templates still win. */
  themeDir?: string
  /** The project's folder, where a theme's font packages may be installed. */
  projectRoot?: string
  /** PDF page size for the print stylesheet; overrides scorecard.yml. */
  pageSize?: 'A4' | 'Letter'
}

/** Present the report, and render it to HTML, JSON and CSV. */
export async function renderReport(report: ScoredReport, options: RenderOptions = {}): Promise<Rendered> {
  const view = presentReport(report, options.pageSize ? {pageSize: options.pageSize} : {})
  const layout = await htmlLayout({
    ...(options.templatesDir === undefined ? {} : {templatesDir: options.templatesDir}),
    ...(options.themeDir === undefined ? {} : {themeDir: options.themeDir}),
    ...(options.projectRoot === undefined ? {} : {projectRoot: options.projectRoot}),
  })
  let html: Promise<string> | undefined
  let json: string | undefined
  let csv: Rendered['csv'] | undefined
  return {
    view,
    get html() {
      return (html ??= layout(view))
    },
    get json() {
      return (json ??= renderJson(view))
    },
    get csv() {
      return (csv ??= renderCsv(view))
    },
  }
}
