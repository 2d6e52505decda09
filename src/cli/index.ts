/**
 * The `scorecard` command. It parses arguments, prints, and sets exit codes;
 * all work is done by the library (`index.ts`).
 *
 * Exit codes: 0 ok; 1 content errors (or warnings with --strict); 2 bad
 * usage; 3 project, template or write failure; 4 no browser found; 5 PDF
 * printing failed or timed out; 70 internal error (a bug: please report it).
 */
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import {defaultLimits, type Limits} from '../load/index.js'
import {formatDiagnostics, summaryLine, type DiagnosticFormat} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {build, check, defaultFormats, outputNames, type BuildResult, type CheckResult, type OutputFormat} from '../pipeline/index.js'
import {version} from '../core/version.js'
import path from 'node:path'
import {registerReviewCommands} from './review.js'
import {registerAuthorCommands} from './author.js'
import {registerPublishCommand} from './publish.js'
import {createProgress} from './progress.js'
import {addSharedOptions, choice, exitCodesHelp, projectDir, useColor} from './options.js'

const dirArgument = 'project folder (default: the nearest folder with scorecard.yml, this one or one above it)'

const exitInternal = 70

function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)
  for (const format of formats)
    if (!(format in outputNames)) throw new InvalidArgumentError(`Unknown format "${format}"; use html, json, csv, pdf or a comma-separated list.`)
  return formats as OutputFormat[]
}

function parsePositive(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('Expected a positive whole number.')
  return number
}

/** Input limits as options, shared by check and build (see README "Security"). */
function addLimitOptions(command: Command): Command {
  return command
    .option('--max-file-bytes <n>', `largest content file read (default ${defaultLimits.maxFileBytes})`, parsePositive)
    .option('--max-line-length <n>', `longest line (default ${defaultLimits.maxLineLength})`, parsePositive)
    .option('--max-nesting <n>', `deepest nesting of quotes and lists (default ${defaultLimits.maxNesting})`, parsePositive)
    .option('--sources <dir>', 'folder of source documents to verify excerpts against (overrides SCORECARD_SOURCES and scorecard.yml)')
}

interface LimitFlags {
  sources?: string
  maxFileBytes?: number
  maxLineLength?: number
  maxNesting?: number
}

function limitsFrom(options: LimitFlags): Partial<Limits> {
  return Object.fromEntries(
    (['maxFileBytes', 'maxLineLength', 'maxNesting'] as const).filter((key) => options[key] !== undefined).map((key) => [key, options[key]]),
  )
}

function printDiagnostics(result: CheckResult, format: DiagnosticFormat, quiet: boolean): void {
  const files = quiet
    ? result.files.map((file) => {
        file.messages = file.messages.filter((message) => message.fatal === true)
        return file
      })
    : result.files
  const text = formatDiagnostics(files, format, {color: format === 'stylish' && useColor(process.stderr)})
  // Machine formats go to stdout so they can be piped; human ones to stderr.
  if (format === 'json') process.stdout.write(`${text}\n`)
  else if (format === 'github') {
    if (text) process.stdout.write(`${text}\n`)
  } else if (text) process.stderr.write(`${text}\n`)
}

/** Build the command-line program (exported for tests). */
export function createProgram(): Command {
  const program = new Command()
  program
    .name('scorecard')
    .description('Turn a folder of Markdown priorities and evidence into an interim-assessment report (HTML, PDF, JSON).')
    .version(version)
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'success'],
        [1, 'content errors (or warnings with --strict); nothing was written'],
        [3, 'no project (no scorecard.yml here or above), a template failed, or output could not be written'],
        [4, 'PDF requested but no browser was found'],
        [5, 'printing the PDF failed or timed out'],
      ]) + 'Each command lists its own under --help.\n',
    )

  const checkCommand = program
    .command('check')
    .description('Validate the project and report every problem with file:line:col, rule id and hint. Writes nothing.')
    .argument('[dir]', dirArgument)
    .option('--strict', 'treat warnings as errors')
    .addOption(
      new Option('--format <format>', 'diagnostics format: text, stylish, json or github')
        .argParser(choice(['text', 'stylish', 'json', 'github'] as const))
        .default('text'),
    )
    .option('-q, --quiet', 'report errors only')
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'no errors (warnings allowed without --strict)'],
        [1, 'content errors, or warnings with --strict'],
        [3, 'no project: no scorecard.yml here or in a folder above'],
      ]),
    )
  addLimitOptions(checkCommand).action(async (dir: string | undefined, options: {strict?: boolean; format: DiagnosticFormat; quiet?: boolean} & LimitFlags) => {
      const progress = await createProgress({quiet: options.quiet ?? false})
      progress.start('Checking…')
      let result: CheckResult
      try {
        result = await check(projectDir(dir), {strict: options.strict ?? false, limits: limitsFrom(options), ...(options.sources === undefined ? {} : {sources: options.sources})})
      } finally {
        progress.stop()
      }
      printDiagnostics(result, options.format, options.quiet ?? false)
      if (options.format === 'text' && result.errors + result.warnings === 0 && !options.quiet)
        process.stderr.write(`Checked ${result.files.length} files: no problems.\n`)
      process.exitCode = result.ok ? 0 : 1
    })

  const buildCommand = program
    .command('build')
    .description('Check, then write the report to the output folder. A failed build leaves the previous output untouched.')
    .argument('[dir]', dirArgument)
    .option('-o, --out <dir>', 'output folder, relative to the project', 'out')
    .option('--format <list>', 'outputs to write: html, json, csv, pdf (comma-separated, any letter case)', parseFormats, [...defaultFormats])
    .option('--as-of <date>', "render the report as it stood on this day (YYYY-MM-DD), from the priorities' history")
    .option('--edition <id>', 'render an edition listed in scorecard.yml, with changes since the previous one')
    .option('--strict', 'treat warnings as errors')
    .option('--browser-path <path>', 'Chrome or Chromium executable for PDF output')
    .addOption(new Option('--page-size <size>', 'PDF page size: A4 or Letter').argParser(choice(['A4', 'Letter'] as const)))
    .option('--csv-bom', 'start the CSV files with a UTF-8 byte order mark (for Excel)')
    .option('--trust-templates', 'use the project\'s templates/ even in CI (where they are ignored by default)')
    .option('--no-audit', 'skip the layout audit of the printed PDF')
    .option('-q, --quiet', 'print errors only')
    .option('-v, --verbose', 'print progress details')
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'the outputs were written'],
        [1, 'content errors (or warnings with --strict); nothing was written'],
        [3, 'no project (no scorecard.yml here or above), a template failed, or output could not be written'],
        [4, 'PDF requested but no browser was found'],
        [5, 'printing the PDF failed or timed out'],
      ]),
    )
  addLimitOptions(buildCommand).action(
      async (
        dir: string | undefined,
        options: {
          out: string
          format: OutputFormat[]
          strict?: boolean
          browserPath?: string
          pageSize?: 'A4' | 'Letter'
          asOf?: string
          edition?: string
          csvBom?: boolean
          trustTemplates?: boolean
          quiet?: boolean
          verbose?: boolean
          audit?: boolean
        } & LimitFlags,
      ) => {
        const progress = await createProgress({quiet: options.quiet ?? false, verbose: options.verbose ?? false})
        progress.start('Checking…', {doneText: 'Checked the project'})
        let result: BuildResult
        try {
          result = await build(projectDir(dir), {
            out: options.out,
            formats: options.format,
            strict: options.strict ?? false,
            ...(options.browserPath === undefined ? {} : {browserPath: options.browserPath}),
            ...(options.pageSize === undefined ? {} : {pageSize: options.pageSize}),
            ...(options.asOf === undefined ? {} : {asOf: options.asOf}),
            ...(options.edition === undefined ? {} : {edition: options.edition}),
            limits: limitsFrom(options),
            ...(options.csvBom ? {csvBom: true} : {}),
            ...(options.trustTemplates ? {trustTemplates: true} : {}),
            audit: options.audit !== false,
            ...(options.sources === undefined ? {} : {sources: options.sources}),
            log: (message) => progress.buildLog(message),
          })
        } catch (error) {
          progress.stop()
          throw error
        }
        if (result.ok) progress.done()
        else progress.stop()
        printDiagnostics(result, 'text', options.quiet ?? false)
        if (!result.ok) {
          process.stderr.write('Build stopped: fix the problems above. Nothing was written.\n')
          process.exitCode = 1
          return
        }
        for (const warning of result.printWarnings) process.stderr.write(`warning ${warning}\n`)
        const pdfPath = result.written.find((file) => file.endsWith('.pdf'))
        for (const finding of result.layout)
          process.stderr.write(
            `${path.relative(process.cwd(), pdfPath ?? 'report.pdf')}#page=${finding.page} warning ${finding.reason} [${finding.ruleId}]\n  hint: ${finding.hint}\n`,
          )
        if (!options.quiet)
          for (const file of result.written) process.stderr.write(`Wrote ${path.relative(process.cwd(), file) || file}\n`)
        process.exitCode = 0
      },
    )

  registerPublishCommand(program)
  registerReviewCommands(program)
  registerAuthorCommands(program)
  addSharedOptions(program)
  return program
}

/** Exit code after SIGTERM, as a shell reports a process it ended (128 + 15). */
const exitInterrupted = 143

/** Run the CLI with `argv` (without node and script). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram()
  // SIGTERM (a CI job cancelled) while Chromium prints: puppeteer closes the
  // browser, the print then fails with "Protocol error", and that is not what
  // happened. The signal is remembered and reported as an interruption. With
  // no browser running, nothing else handles the signal: exit at once.
  let interrupted: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal
    if (process.listenerCount(signal) <= 1) process.exit(exitInterrupted)
  }
  process.on('SIGTERM', onSignal)
  try {
    await program.parseAsync([...argv], {from: 'user'})
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (interrupted) {
      process.stderr.write(`scorecard: interrupted by ${interrupted}; the browser was closed and the previous output left as it was\n`)
      return exitInterrupted
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    if (error instanceof ScorecardError) {
      process.stderr.write(`scorecard: ${error.message}\n`)
      if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`)
      return error.exitCode
    }
    process.stderr.write(`scorecard: internal error. This is a bug; please report it with the output below.\n`)
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return exitInternal
  }
}

// `scorecard check --format json | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2))
