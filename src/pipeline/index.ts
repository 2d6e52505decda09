/**
 * The pipeline as commands run it: `check` (load → validate → link → score)
 * and `build` (check, then render, print and write). The CLI imports this
 * module rather than the whole library API (`index.ts`), and `build` loads
 * the render and print stages only when it gets to them, so that `check`
 * starts without loading what it never runs.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {countMessages} from '../core/diagnostics.js'
import {loadProject, projectFiles, type LoadOptions} from '../load/index.js'
import {checkLogo} from '../link/logo.js'
import {themeManifestProblems} from '../link/theme.js'
import {linkProject, type ParseCache} from '../link/index.js'
import type {ScoredReport} from '../core/model.js'
import type {ReportView} from '../core/view.js'
import type {PdfMetadata} from '../print/index.js'
import type {LayoutFinding} from '../print/audit.js'
import {scoreProject, type ScoreOptions} from '../score/index.js'
import {validateProject} from '../validate/index.js'
import {checkEditions} from '../score/check-editions.js'
import {loadSnapshots, type PublishedEdition} from '../load/snapshots.js'
import type {LinkedProject} from '../core/model.js'
import type {VerifyOptions} from '../verify/index.js'
import {writeOutputs, type OutputFile} from './write.js'
import {pdfNote, pdfNoteName, readPdfNote} from './pdf-note.js'
import {readProjectFile} from '../core/safe-file.js'
import {hasTemplates, resolveTheme, templateProblems, templatesFolder, templatesTrusted} from '../load/templates.js'

/** Options for `check`. */
export interface CheckOptions extends LoadOptions, ScoreOptions, Omit<VerifyOptions, 'config'> {
  /** Treat warnings as errors. */
  strict?: boolean
  /** Parsed bodies kept between runs on the same project (see `createParseCache`). */
  cache?: ParseCache
  /** Score what could be read even when there are errors (as long as scorecard.yml is valid): `diff` compares what it can. */
  scoreWithErrors?: boolean
}

/** The outcome of `check`. */
export interface CheckResult {
  /** Every file read, each with its messages. */
  files: VFile[]
  errors: number
  warnings: number
  /** Whether the project passes (no errors; no warnings either with `strict`). */
  ok: boolean
  /** The scored model, when the content is valid enough to build (or, with `scoreWithErrors`, to compare). */
  report: ScoredReport | undefined
}

/** Run load → validate → link → score and collect every diagnostic. */
export async function check(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const {linked, published, ...result} = await checkLinked(dir, options)
  const report =
    linked && (result.errors === 0 || options.scoreWithErrors)
      ? scoreProject(linked, {...(options.asOf ? {asOf: options.asOf} : {}), ...(options.edition ? {edition: options.edition} : {}), published})
      : undefined
  return {...result, report}
}

/** `check` up to linking, with the published editions: what `check` scores and `publish` freezes. */
export async function checkLinked(
  dir: string,
  options: CheckOptions & {ignoreEdition?: string} = {},
): Promise<Omit<CheckResult, 'report'> & {linked: LinkedProject | undefined; published: Map<string, PublishedEdition>}> {
  const loaded = await loadProject(dir, options)
  const snapshots = await loadSnapshots(loaded.root, options.cwd ?? process.cwd())
  const published = new Map([...snapshots.editions].filter(([id]) => id !== options.ignoreEdition))
  const validated = validateProject(loaded)
  const linked = linkProject(validated, options.cache ? {cache: options.cache} : {})
  if (validated.config) checkLogo(loaded.config, validated.config, loaded.root)
  if (linked && linked.evidence.some((item) => item.sourceFile !== undefined)) {
    const {verifyProject} = await import('../verify/index.js')
    linked.verification = await verifyProject(linked, {...options, config: loaded.config})
  }
  if (linked) checkEditions(linked, published)
  // The snapshot being replaced (publish --force) is not checked: it may be unreadable or of an older format.
  const snapshotFiles = snapshots.files.filter((file) => options.ignoreEdition === undefined || file.basename !== `${options.ignoreEdition}.json`)
  const themeFiles = validated.config ? themeManifestProblems(loaded.root, validated.config.theme, options.cwd ?? process.cwd()) : []
  const files = [...projectFiles(loaded), ...snapshotFiles, ...templateProblems(loaded.root, options.cwd ?? process.cwd()), ...themeFiles]
  const {errors, warnings} = countMessages(files)
  const ok = errors === 0 && !(options.strict && warnings > 0)
  return {files, errors, warnings, ok, linked, published}
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
  /** Start the CSV files with a UTF-8 byte order mark, so that Excel reads them as UTF-8. */
  csvBom?: boolean
  /**
   * Use the project's templates/ overrides. Default: yes, except in CI (`CI`
   * set) unless `SCORECARD_TRUST_TEMPLATES=1`; see `templatesTrusted`.
   */
  trustTemplates?: boolean
  /** Read the printed PDF back and audit its layout (see print/audit.ts). Default true. */
  audit?: boolean
}

/** The outcome of `build`. */
export interface BuildResult extends CheckResult {
  /** Absolute paths written; empty when the check failed. */
  written: string[]
  /** Non-fatal problems found while rendering and printing (templates not used, blocked requests, unstable contents numbers). */
  printWarnings: string[]
  /** What the layout audit found in the printed PDF (empty without a PDF, or with `audit: false`). */
  layout: LayoutFinding[]
}

/**
 * Check, then render and write the outputs. Nothing is written when the check
 * fails, and outputs replace the previous ones only once all are ready.
 */
export async function build(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const formats = options.formats ?? defaultFormats
  const log = options.log ?? (() => {})
  // Chromium starts while the content is checked and rendered: launching
  // costs about as much as those do on a real report. The print module (and
  // puppeteer-core with it) is loaded only when a PDF is wanted. The check
  // waits until Chromium's process is started: run side by side with
  // puppeteer's loading instead, its work held the launch back by about as
  // long as it took (a PDF build of the example 0.25-0.4 s slower).
  let launching: (() => void) | undefined
  const launched = new Promise<void>((resolve) => (launching = resolve))
  const printer = formats.includes('pdf')
    ? import('../print/index.js').then(({launchPrinter}) => launchPrinter({browserPath: options.browserPath, log, onLaunching: launching}))
    : undefined
  // A launch failure is reported when the PDF is printed, after any content errors.
  printer?.catch(() => {})
  try {
    if (printer) await Promise.race([launched, printer.then(() => {}, () => {})])
    const checked = await check(dir, options)
    if (!checked.ok || !checked.report) return {...checked, written: [], printWarnings: [], layout: []}
    const report = checked.report
    const outDir = path.resolve(report.root, options.out ?? 'out')

    log(`Checked ${checked.files.length} files`)
    const pageSize = options.pageSize ?? report.config.pageSize ?? 'A4'
    // The contents numbers of the PDF this build replaces are usually still
    // right: confirmed by the first pass, they spare the second. They come
    // from a small note written beside the PDF, never from the PDF itself
    // (out/ may hold anything; see pdf-note.ts).
    const expectedPages = printer ? readPdfNote(outDir) : undefined
    expectedPages?.catch(() => {})
    log(`Rendering ${count(report.priorities.length, 'priority', 'priorities')} and ${count(report.evidence.length, 'excerpt', 'excerpts')}`)
    const {renderReport} = await import('./render-report.js')
    const trusted = templatesTrusted(options.trustTemplates)
    const ignoredTemplates = !trusted && hasTemplates(report.root)
    if (ignoredTemplates) log('templates/ ignored: not trusted in CI')
    const theme = resolveTheme(report.root, report.config.theme)
    // A theme in the project or from npm is the project's own code, trusted as templates/ is; a shipped one always.
    const themeDir = theme.dir !== undefined && (theme.shipped || trusted) ? theme.dir : undefined
    if (theme.dir !== undefined && themeDir === undefined) log('theme ignored: not trusted in CI')
    const rendered = await renderReport(report, {templatesDir: trusted ? path.join(report.root, templatesFolder) : undefined, themeDir, projectRoot: report.root, pageSize})
    const outputs: OutputFile[] = []
    // Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
    const bom = options.csvBom ? '\uFEFF' : ''
    if (formats.includes('html')) outputs.push({name: 'report.html', data: await rendered.html})
    if (formats.includes('json')) outputs.push({name: 'scorecard.json', data: rendered.json})
    if (formats.includes('csv'))
      outputs.push({name: 'priorities.csv', data: bom + rendered.csv.priorities}, {name: 'evidence.csv', data: bom + rendered.csv.evidence})

    let printWarnings: string[] = []
    let layout: LayoutFinding[] = []
    if (printer) {
      log('Printing PDF…')
      // The HTML is laid out while the browser may still be starting.
      const html = rendered.html
      const printed = await (await printer).print(await html, {
        pageSize,
        log,
        metadata: pdfMetadata(rendered.view),
        expectedPages: await expectedPages,
      })
      log(`Printed PDF: ${printed.pageCount} pages in ${printed.passes} ${printed.passes === 1 ? 'pass' : 'passes'}`)
      outputs.push({name: 'report.pdf', data: printed.pdf}, pdfNote(printed.tocPages))
      const sources = [...checked.files, ...(trusted ? templateFiles(report.root, options.cwd ?? process.cwd()) : [])]
      printWarnings = printed.warnings.map((warning) => withSourceFiles(warning, sources))
      // The browser is done: it shuts down while the audit reads the PDF back.
      const closing = printer.then((open) => open.close(), () => {})
      if (options.audit !== false) {
        const [{auditPages}, {pdfFontNames}, {readThemeManifest}] = await Promise.all([import('../print/audit.js'), import('../render/fonts.js'), import('../render/theme-manifest.js')])
        const themeFonts = themeDir === undefined ? [] : readThemeManifest(themeDir, report.root).fonts
        layout = auditPages(await printed.readLayout((reason) => log(`Layout audit: the PDF is read with pdfjs (${reason})`)), {fonts: pdfFontNames(themeFonts)})
        log(`Layout audit: ${layout.length === 0 ? 'no findings' : `${layout.length} finding${layout.length === 1 ? '' : 's'}`}`)
      }
      await closing
    }

    if (ignoredTemplates) printWarnings.unshift(untrustedTemplatesWarning)
    const written = await writeOutputs(outDir, outputs, {root: report.root})
    return {...checked, written: written.filter((file) => path.basename(file) !== pdfNoteName), printWarnings, layout}
  } finally {
    // However the build ends (an interrupted print included), the browser closes.
    await printer?.then((open) => open.close(), () => {})
  }
}

/** The warning of a build that did not use the project's templates. */
export const untrustedTemplatesWarning =
  'templates/ was not used: in CI (CI is set) templates from the repository are untrusted, since a pull request can change them. The default templates were used. Pass --trust-templates, or set SCORECARD_TRUST_TEMPLATES=1 in the workflow (not in the repository), to use them.'

/** The project's template overrides, as files, for naming where a blocked URL came from (regular files only, 1 MiB each). */
function templateFiles(root: string, cwd: string): VFile[] {
  const dir = path.join(root, templatesFolder)
  let names: string[]
  try {
    names = readdirSync(dir, {recursive: true}) as string[]
  } catch {
    return []
  }
  const files: VFile[] = []
  for (const name of names) {
    const full = path.join(dir, name)
    const read = readProjectFile(full, root, 1024 * 1024)
    if ('bytes' in read) files.push(new VFile({path: path.relative(cwd, full), value: read.bytes.toString('utf8')}))
  }
  return files
}

/** Name the content files a blocked URL came from, so the author knows where to look. */
function withSourceFiles(warning: string, files: readonly VFile[]): string {
  const url = /\b(?:https?|file|ftp|wss?):[^\s"'<>)]+/.exec(warning)?.[0]
  if (!url) return warning
  const sources = files.filter((file) => String(file.value).includes(url)).map((file) => file.path)
  return sources.length > 0 ? `${warning} (in ${sources.join(', ')})` : warning
}

/**
 * PDF document information, as the view gives it. Dates come from
 * SOURCE_DATE_EPOCH when set (for reproducible builds), otherwise from the
 * report's as-of date; never the clock.
 */
export function pdfMetadata(view: ReportView, env: NodeJS.ProcessEnv = process.env): PdfMetadata {
  const epoch = env.SOURCE_DATE_EPOCH
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(`${view.asOf}T00:00:00Z`)
  return {...view.pdf, date}
}

/** `1 priority`, `2 priorities`: a number and the noun that agrees with it. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
