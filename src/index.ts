/**
 * Scorecard's library API. Stages live one per module:
 * load → validate → link → score → render → print.
 *
 * Content problems are returned as vfile messages; operational failures throw
 * `ScorecardError` with a stable code.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {countMessages} from './diagnostics.js'
import {loadProject, projectFiles, type LoadOptions} from './load.js'
import {linkProject, type ParseCache} from './link.js'
import type {ScoredReport} from './model.js'
import {formatDate, renderReport} from './render.js'
import type {PdfMetadata} from './print.js'
import {version} from './version.js'
import {scoreProject, type ScoreOptions} from './score.js'
import {validateProject} from './validate.js'
import {writeOutputs, type OutputFile} from './write.js'

export {ScorecardError, exitCodes, type ErrorCode} from './errors.js'
export {formatDiagnostics, countMessages, summaryLine, type DiagnosticFormat} from './diagnostics.js'
export {loadProject, defaultLimits, type Limits, type LoadedProject, type SourceFile} from './load.js'
export {validateProject} from './validate.js'
export {linkProject, createParseCache, type ParseCache} from './link.js'
export {scoreProject} from './score.js'
export {renderReport, formatDate, type Rendered} from './render.js'
export {renderJson, renderCsv, schemaVersion} from './export.js'
export {stackedBarChart, changeChart} from './charts.js'
export {resolveAsOf, type ScoreOptions} from './score.js'
export {parseCitation, remarkCitations} from './remark-citations.js'
export {writeOutputs} from './write.js'
export {
  diffProjects,
  diffReports,
  redlineProjects,
  redlineHtml,
  formatDiffText,
  formatDiffMarkdown,
  diffToJson,
  trippedGates,
  summaryText,
  textChange,
  diffSchemaVersion,
  type AssessmentDiff,
  type PriorityDiff,
  type EvidenceDiff,
  type ProseDiff,
  type StatusMove,
  type TextChange,
  type Segment,
  type DiffGate,
  type DiffOptions,
  type DiffSide,
} from './diff.js'
export {resolveSource, openSource, materialiseRevision, type ProjectSource, type OpenedSource} from './git.js'
export {formatFile, fmtProject, keyOrder, type FormatResult, type FmtResult, type FmtOptions} from './fmt.js'
export {initProject, scaffoldFiles} from './init.js'
export {newPriority, newEvidence} from './new.js'
export {startPreview} from './preview.js'
export {runDoctor} from './doctor.js'
export {editorSchemas, writeSchemas} from './editor-schemas.js'
export {slugify, priorityId, evidenceId} from './slug.js'
export {
  configSchema,
  priorityFrontMatterSchema,
  evidenceFrontMatterSchema,
  proseFrontMatterSchema,
  jsonSchemas,
  isIsoDate,
  dateBounds,
  type Config,
} from './schema.js'
export type * from './model.js'
export {version}
export type {PdfMetadata, PrintResult} from './print.js'
export {findBrowser, type BrowserLocation} from './browser.js'

/** Options for `check`. */
export interface CheckOptions extends LoadOptions, ScoreOptions {
  /** Treat warnings as errors. */
  strict?: boolean
  /** Parsed bodies kept between runs on the same project (see `createParseCache`). */
  cache?: ParseCache
}

/** The outcome of `check`. */
export interface CheckResult {
  /** Every file read, each with its messages. */
  files: VFile[]
  errors: number
  warnings: number
  /** Whether the project passes (no errors; no warnings either with `strict`). */
  ok: boolean
  /** The scored model, when the content is valid enough to build. */
  report: ScoredReport | undefined
}

/** Run load → validate → link → score and collect every diagnostic. */
export async function check(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const loaded = await loadProject(dir, options)
  const validated = validateProject(loaded)
  const linked = linkProject(validated, options.cache ? {cache: options.cache} : {})
  const files = projectFiles(loaded)
  const {errors, warnings} = countMessages(files)
  const ok = errors === 0 && !(options.strict && warnings > 0)
  const report = linked && errors === 0 ? scoreProject(linked, {...(options.asOf ? {asOf: options.asOf} : {}), ...(options.edition ? {edition: options.edition} : {})}) : undefined
  return {files, errors, warnings, ok, report}
}

/** Output formats of `build`. */
export type OutputFormat = 'html' | 'json' | 'csv' | 'pdf'

/** The file names each output format is written to. */
export const outputNames: Readonly<Record<OutputFormat, readonly string[]>> = {
  html: ['report.html'],
  json: ['scorecard.json'],
  csv: ['priorities.csv', 'evidence.csv'],
  pdf: ['report.pdf'],
}

/** What `build` writes when no format is given. */
export const defaultFormats: readonly OutputFormat[] = ['html', 'json', 'csv']

/** Options for `build`. */
export interface BuildOptions extends CheckOptions {
  /** Output folder. Default: `out/` in the project. */
  out?: string
  /** What to write. Default: html, json and csv. */
  formats?: readonly OutputFormat[]
  /** Path of a Chrome/Chromium executable for PDF output. */
  browserPath?: string
  /** PDF page size; overrides scorecard.yml. */
  pageSize?: 'A4' | 'Letter'
  /** Progress and detail messages. */
  log?: (message: string) => void
}

/** The outcome of `build`. */
export interface BuildResult extends CheckResult {
  /** Absolute paths written; empty when the check failed. */
  written: string[]
  /** Non-fatal problems found while printing (blocked requests, unstable contents numbers). */
  printWarnings: string[]
}

/**
 * Check, then render and write the outputs. Nothing is written when the check
 * fails, and outputs replace the previous ones only once all are ready.
 */
export async function build(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const checked = await check(dir, options)
  if (!checked.ok || !checked.report) return {...checked, written: [], printWarnings: []}
  const report = checked.report
  const formats = options.formats ?? defaultFormats
  const outDir = path.resolve(report.root, options.out ?? 'out')

  const log = options.log ?? (() => {})
  log(`Checked ${checked.files.length} files`)
  const pageSize = options.pageSize ?? report.config.pageSize ?? 'A4'
  log(`Rendering ${report.priorities.length} priorities and ${report.evidence.length} excerpts`)
  const rendered = await renderReport(report, {templatesDir: path.join(report.root, 'templates'), pageSize})
  const outputs: OutputFile[] = []
  if (formats.includes('html')) outputs.push({name: 'report.html', data: rendered.html})
  if (formats.includes('json')) outputs.push({name: 'scorecard.json', data: rendered.json})
  if (formats.includes('csv'))
    outputs.push({name: 'priorities.csv', data: rendered.csv.priorities}, {name: 'evidence.csv', data: rendered.csv.evidence})

  let printWarnings: string[] = []
  if (formats.includes('pdf')) {
    // Loaded only when a PDF is wanted: check and HTML builds never pay for the browser driver.
    const {tocPagesOf, withBrowser} = await import('./print.js')
    // The contents numbers of the PDF this build replaces are usually still
    // right: confirmed by the first pass, they spare the second.
    const previous = await readFile(path.join(outDir, 'report.pdf')).catch(() => undefined)
    const expectedPages = previous && previous.length <= maxPreviousPdfBytes ? await tocPagesOf(previous) : undefined
    const printed = await withBrowser({browserPath: options.browserPath, log}, (printer) =>
      printer.print(rendered.html, {pageSize, log, metadata: pdfMetadata(report), expectedPages}),
    )
    log(`Printed PDF: ${printed.pageCount} pages in ${printed.passes} ${printed.passes === 1 ? 'pass' : 'passes'}`)
    outputs.push({name: 'report.pdf', data: printed.pdf})
    const sources = [...checked.files, ...(await templateFiles(report.root, options.cwd ?? process.cwd()))]
    printWarnings = printed.warnings.map((warning) => withSourceFiles(warning, sources))
  }

  const written = await writeOutputs(outDir, outputs)
  return {...checked, written, printWarnings}
}

/** A previous report.pdf larger than this is not read for its contents numbers. */
const maxPreviousPdfBytes = 64 * 1024 * 1024

/** The project's template overrides, as files, for naming where a blocked URL came from. */
async function templateFiles(root: string, cwd: string): Promise<VFile[]> {
  const dir = path.join(root, 'templates')
  const names = await readdir(dir, {recursive: true}).catch(() => [] as string[])
  const files = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name)
      const value = await readFile(full, 'utf8').catch(() => undefined)
      return value === undefined ? undefined : new VFile({path: path.relative(cwd, full), value})
    }),
  )
  return files.filter((file): file is VFile => file !== undefined)
}

/** Name the content files a blocked URL came from, so the author knows where to look. */
function withSourceFiles(warning: string, files: readonly VFile[]): string {
  const url = /\b(?:https?|file|ftp|wss?):[^\s"'<>)]+/.exec(warning)?.[0]
  if (!url) return warning
  const sources = files.filter((file) => String(file.value).includes(url)).map((file) => file.path)
  return sources.length > 0 ? `${warning} (in ${sources.join(', ')})` : warning
}

/**
 * PDF document information. Dates come from SOURCE_DATE_EPOCH when set (for
 * reproducible builds), otherwise from the report's as-of date; never the clock.
 */
export function pdfMetadata(report: ScoredReport, env: NodeJS.ProcessEnv = process.env): PdfMetadata {
  const {config} = report
  const epoch = env.SOURCE_DATE_EPOCH
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(`${report.asOf}T00:00:00Z`)
  return {
    title: (report.edition?.title ?? config.subtitle) ? `${config.title}: ${report.edition?.title ?? config.subtitle}` : config.title,
    author: config.authors.map((author) => author.name).join(', '),
    subject: `${report.edition?.title ?? config.subtitle ?? 'Assessment'} of ${report.priorities.length} stated priorities, as of ${formatDate(report.asOf)}`,
    keywords: config.keywords ?? config.dimensions.map((dimension) => dimension.title),
    creator: `Scorecard ${version}`,
    lang: config.lang,
    date,
  }
}
