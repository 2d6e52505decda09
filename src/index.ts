/**
 * Scorecard's library API. Stages live one per module:
 * load → validate → link → score → render → print.
 *
 * Content problems are returned as vfile messages; operational failures throw
 * `ScorecardError` with a stable code.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {countMessages} from './diagnostics.js'
import {loadProject, projectFiles, type LoadOptions} from './load.js'
import {linkProject} from './link.js'
import type {ScoredReport} from './model.js'
import {renderReport} from './render.js'
import {scoreProject} from './score.js'
import {validateProject} from './validate.js'
import {writeOutputs, type OutputFile} from './write.js'

export {ScorecardError, exitCodes, type ErrorCode} from './errors.js'
export {formatDiagnostics, countMessages, summaryLine, type DiagnosticFormat} from './diagnostics.js'
export {loadProject, type LoadedProject, type SourceFile} from './load.js'
export {validateProject} from './validate.js'
export {linkProject} from './link.js'
export {scoreProject} from './score.js'
export {renderReport, renderJson, formatDate, schemaVersion, type Rendered} from './render.js'
export {parseCitation, remarkCitations} from './remark-citations.js'
export {writeOutputs} from './write.js'
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
export {version} from './version.js'

/** Options for `check`. */
export interface CheckOptions extends LoadOptions {
  /** Treat warnings as errors. */
  strict?: boolean
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
  const linked = linkProject(validated)
  const files = projectFiles(loaded)
  const {errors, warnings} = countMessages(files)
  const ok = errors === 0 && !(options.strict && warnings > 0)
  const report = linked && errors === 0 ? scoreProject(linked) : undefined
  return {files, errors, warnings, ok, report}
}

/** Output formats of `build`. */
export type OutputFormat = 'html' | 'json' | 'pdf'

/** The file name each output format is written to. */
export const outputNames: Readonly<Record<OutputFormat, string>> = {
  html: 'report.html',
  json: 'scorecard.json',
  pdf: 'report.pdf',
}

/** Options for `build`. */
export interface BuildOptions extends CheckOptions {
  /** Output folder. Default: `out/` in the project. */
  out?: string
  /** What to write. Default: html and json. */
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
  const formats = options.formats ?? ['html', 'json']
  const outDir = path.resolve(report.root, options.out ?? 'out')

  const rendered = await renderReport(report, {templatesDir: path.join(report.root, 'templates')})
  const outputs: OutputFile[] = []
  if (formats.includes('html')) outputs.push({name: outputNames.html, data: rendered.html})
  if (formats.includes('json')) outputs.push({name: outputNames.json, data: rendered.json})

  const written = await writeOutputs(outDir, outputs)
  return {...checked, written, printWarnings: []}
}
