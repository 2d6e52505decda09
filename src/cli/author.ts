/**
 * Authoring commands: `init`, `new priority`, `new evidence`, `preview`,
 * `doctor` and `schema`. Like `cli.ts`, this only parses, prints and sets
 * exit codes; the work is in `init.ts`, `new.ts`, `preview.ts`, `doctor.ts`
 * and `editor-schemas.ts`.
 *
 * Human output goes to stderr. stdout carries only what a script may want:
 * the path `new` created, and `doctor --json`.
 */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {InvalidArgumentError, type Command} from 'commander'
import {check} from '../pipeline/index.js'
import {formatDiagnostics} from '../core/diagnostics.js'
import {defaultSchemaDir, writeSchemas} from '../author/editor-schemas.js'
import type {CreatedFile} from '../author/new.js'
import type {PreviewState, RebuildOutcome} from '../preview/index.js'
import {defaultEditorUrl, editorUrlVariable} from '../preview/editor-url.js'
import {exitCodesHelp, projectDir, useColor} from './options.js'

const dirArgument = 'project folder (default: the nearest folder with scorecard.yml, this one or one above it)'

// Each command loads its module when it runs: `scorecard check` should not
// pay for the preview server's file watcher or the doctor's browser probe.

/** Add the authoring commands to `program`. */
export function registerAuthorCommands(program: Command): void {
  program
    .command('init')
    .description('Create a new project: scorecard.yml, an example priority and evidence, report prose, editor schemas and settings.')
    .argument('[dir]', 'folder to create the project in (created if needed)', '.')
    .option('--title <title>', 'report title (default: "OSCE Chairmanship")')
    .option('--author <name>', 'author shown on the cover (default: "Your Name")')
    .option('--publisher <name>', 'publisher shown on the cover (default: the author)')
    .option('--as-of <date>', 'the date the assessment speaks for, YYYY-MM-DD (default: today)')
    .option('--scorecard <spec>', 'scorecard dependency in package.json, e.g. a version range, a git URL or file:../scorecard')
    .option('-f, --force', 'replace scaffold files that already exist (other files are left alone)')
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'the project was created'],
        [2, 'an invalid option value, such as --as-of'],
        [3, 'scaffold files exist already (without --force), or a file could not be written'],
      ]),
    )
    .action(async (dir: string, options: {title?: string; author?: string; publisher?: string; asOf?: string; scorecard?: string; force?: boolean}) => {
      const {initProject} = await import('../author/init.js')
      const result = await initProject(dir, {
        ...(options.title === undefined ? {} : {title: options.title}),
        ...(options.author === undefined ? {} : {author: options.author}),
        ...(options.publisher === undefined ? {} : {publisher: options.publisher}),
        ...(options.asOf === undefined ? {} : {asOf: options.asOf}),
        ...(options.scorecard === undefined ? {} : {scorecard: options.scorecard}),
        force: options.force ?? false,
      })
      const shown = relative(result.root) || '.'
      for (const file of result.written)
        process.stderr.write(`${result.overwritten.includes(file) ? 'Replaced' : 'Created'} ${relative(file)}\n`)
      const cd = shown === '.' ? '' : `cd ${quoteArg(shown)} && `
      process.stderr.write(
        `\nNext:\n  ${cd}npm install             # installs Scorecard from ${result.scorecard}\n` +
          `  npm run preview     # live preview while you edit\n` +
          `  npm run build       # out/report.html and out/scorecard.json\n` +
          'Edit scorecard.yml first (title, authors, asOf), then replace the example priority and evidence.\n',
      )
      process.exitCode = 0
    })

  const create = program.command('new').description('Create a priority or evidence file with its front matter filled in.')

  create
    .command('priority')
    .description('Create priorities/<id>.md. The id comes from the title; a taken id gets -2, -3…')
    .argument('<title>', 'the priority as a short heading')
    .option('--dimension <id>', 'dimension id from scorecard.yml (required)')
    .option('--status <id>', 'status (a scale id from scorecard.yml; required)')
    .option('--cite <id>', 'evidence id the priority cites (repeatable, or comma-separated)', collect, [] as string[])
    .option('--quote <text>', 'the commitment as stated, verbatim; it is quoted from the first --cite')
    .option('--id <id>', 'use this id instead of one derived from the title')
    .option('--order <n>', 'sort key within the dimension', parseInteger)
    .addHelpText('after', newExitCodes)
    .action(
      async (title: string, options: {dimension?: string; status?: string; cite: string[]; quote?: string; id?: string; order?: number}) => {
        const {newPriority} = await import('../author/new.js')
        const dir = projectDir(undefined)
        const created = await newPriority(dir, {
          title,
          dimension: options.dimension,
          status: options.status,
          cite: options.cite,
          quote: options.quote,
          id: options.id,
          order: options.order,
        })
        await reportCreated(dir, created)
      },
    )

  create
    .command('evidence')
    .description('Create evidence/<id>.md. The id is the title slug and the date; a taken id gets -2, -3… Nothing is fetched.')
    .option('--from-url <url>', 'URL of the source (recorded, not fetched); the title is derived from it when --title is missing')
    .option('--title <title>', 'title of the source document')
    .option('--publisher <name>', 'who published it (required)')
    .option('--date <date>', 'publication date: YYYY-MM-DD, YYYY-MM or YYYY (required)')
    .option('--type <type>', 'kind of source: news, analysis, official-statement…', 'document')
    .option('--author <name>', 'author of the source')
    .option('--locator <text>', 'page or section, e.g. "p. 7"')
    .option('--excerpt <text>', 'the excerpt, verbatim; "-" reads it from standard input')
    .option('--id <id>', 'use this id instead of one derived from the title and date')
    .addHelpText('after', newExitCodes)
    .action(
      async (options: {
        fromUrl?: string
        title?: string
        publisher?: string
        date?: string
        type: string
        author?: string
        locator?: string
        excerpt?: string
        id?: string
      }) => {
        const excerpt = options.excerpt === '-' ? await readStdin() : options.excerpt
        const {newEvidence} = await import('../author/new.js')
        const dir = projectDir(undefined)
        const created = await newEvidence(dir, {
          url: options.fromUrl,
          title: options.title,
          publisher: options.publisher ?? '',
          date: options.date ?? '',
          type: options.type,
          author: options.author,
          locator: options.locator,
          excerpt,
          id: options.id,
        })
        await reportCreated(dir, created)
      },
    )

  program
    .command('preview')
    .description('Serve the HTML report on 127.0.0.1 and update the page whenever a source changes. Ctrl-C stops it.')
    .argument('[dir]', dirArgument)
    .option('-p, --port <n>', 'port (0: any free port; default 4400 or the next free one)', parsePort)
    .option('--host <address>', 'interface to listen on; anything but loopback exposes the report to your network', '127.0.0.1')
    .option('--open', 'open the preview in the default browser')
    .option('-q, --quiet', 'print errors only')
    .option(
      '--editor-url <template>',
      `link behind each problem's file:line:col in the page, with {file} {line} {column}; "none" for no links (default: $${editorUrlVariable}, else ${defaultEditorUrl})`,
    )
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'stopped with Ctrl-C'],
        [2, 'the port is taken or the address cannot be listened on, or --editor-url is refused (e.g. a javascript: or data: URL)'],
        [3, 'no project: no scorecard.yml here or in a folder above'],
      ]),
    )
    .action(async (dirArg: string | undefined, options: {port?: number; host: string; open?: boolean; quiet?: boolean; editorUrl?: string}) => {
      const dir = projectDir(dirArg)
      const quiet = options.quiet ?? false
      let started = false
      const print = rebuildPrinter(quiet)
      const {startPreview} = await import('../preview/index.js')
      const fromEnv = options.editorUrl === undefined && process.env[editorUrlVariable] !== undefined
      const preview = await startPreview(dir, {
        host: options.host,
        editorUrl: options.editorUrl ?? process.env[editorUrlVariable],
        editorUrlFrom: fromEnv ? editorUrlVariable : '--editor-url',
        ...(options.port === undefined ? {} : {port: options.port}),
        onRebuild: (outcome) => print(outcome, !started),
      })
      started = true
      process.stderr.write(`Preview of ${relative(preview.root) || '.'} at ${preview.url} (Ctrl-C to stop)\n`)
      if (!['127.0.0.1', 'localhost', '::1'].includes(preview.host))
        process.stderr.write(`warning: listening on ${preview.host}: other machines that can reach it can read the report.\n`)
      if (options.open) openInBrowser(preview.url)
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve()
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      await preview.close()
      if (!quiet) process.stderr.write('Preview stopped.\n')
      process.exitCode = 0
    })

  program
    .command('doctor')
    .description('Check that this machine can build the report, PDF included: Node.js, browser, sandbox, fonts, and the project if there is one.')
    .argument('[dir]', 'project folder to check, if any (default: the nearest folder with scorecard.yml, this one or one above it)')
    .option('--browser-path <path>', 'Chrome or Chromium executable, as for build')
    .option('--no-launch', 'do not start the browser for a test print')
    .option('--json', 'print the report as JSON on stdout')
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'this machine can build the report, PDF included'],
        [1, 'Node.js or fonts fail, or the project has content errors'],
        [4, 'no browser was found'],
        [5, 'the browser was found but a test print failed'],
      ]),
    )
    .action(async (dirArg: string | undefined, options: {browserPath?: string; launch: boolean; json?: boolean}) => {
      const {runDoctor, formatDoctorReport} = await import('../author/doctor.js')
      const report = await runDoctor({dir: projectDir(dirArg), browserPath: options.browserPath, launch: options.launch})
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      else process.stderr.write(`${formatDoctorReport(report, {color: useColor(process.stderr)})}\n`)
      process.exitCode = report.exitCode
    })

  program
    .command('schema')
    .description('Write JSON Schemas (draft-07) for scorecard.yml, priority, evidence and prose front matter, for editors and other tools.')
    .option('-o, --out <dir>', 'folder to write them to', defaultSchemaDir)
    .addHelpText('after', exitCodesHelp([[0, 'the schemas were written'], [3, 'a schema could not be written']]))
    .action(async (options: {out: string}) => {
      const written = await writeSchemas(path.resolve(options.out))
      for (const file of written) process.stderr.write(`Wrote ${relative(file)}\n`)
      process.exitCode = 0
    })
}

const newExitCodes = exitCodesHelp([
  [0, 'the file was created (check may still report what to finish in it)'],
  [2, 'a required option is missing or invalid'],
  [3, 'no project (no scorecard.yml here or above), the id is taken, or the file could not be written'],
])

/** Print what `new` made, what check now says about it, and what is left to do. */
async function reportCreated(dir: string, created: CreatedFile): Promise<void> {
  const shown = relative(created.path)
  process.stdout.write(`${shown}\n`)
  process.stderr.write(`Created ${shown} (id ${created.id})\n`)
  const result = await check(dir)
  const mine = result.files.filter((file) => path.resolve(file.cwd, file.path) === created.path)
  const text = formatDiagnostics(mine, 'text')
  if (text) process.stderr.write(`${text}\n`)
  process.stderr.write(`Next:\n${created.nextSteps.map((step) => `  - ${step}`).join('\n')}\n`)
  process.exitCode = 0
}

/**
 * What the terminal shows after each preview rebuild: diagnostics when they
 * change (not the same warnings after every save), and one line per update.
 */
function rebuildPrinter(quiet: boolean): (outcome: RebuildOutcome, initial: boolean) => void {
  let shown = ''
  return (outcome, initial) => {
    const {state} = outcome
    let text = state.error ?? ''
    if (!state.error && outcome.files) {
      // The preview keeps these files between rebuilds: filter for printing only.
      const kept = outcome.files.map((file) => file.messages)
      try {
        if (quiet) for (const file of outcome.files) file.messages = file.messages.filter((message) => message.fatal === true)
        text = formatDiagnostics(outcome.files, 'text')
      } finally {
        outcome.files.forEach((file, index) => (file.messages = kept[index]!))
      }
    }
    if (text !== shown) {
      if (text) process.stderr.write(`${text}\n`)
      else if (!initial) process.stderr.write('No problems.\n')
      shown = text
    }
    if (!state.ok) process.stderr.write(shownWithErrors[state.shows])
    else if (outcome.updated && !quiet && !initial) {
      const changed = outcome.changed.length > 0 ? ` (${outcome.changed.slice(0, 3).join(', ')}${outcome.changed.length > 3 ? ', …' : ''})` : ''
      process.stderr.write(`Updated in ${outcome.ms} ms${changed}\n`)
    }
  }
}

const shownWithErrors: Readonly<Record<PreviewState['shows'], string>> = {
  current: '',
  partial: 'Showing what can be rendered; fix the errors above for the rest.\n',
  previous: 'Showing the last render: fix the errors above to update it.\n',
  none: 'Nothing rendered yet: fix the errors above.\n',
}

/** Open `url` in the system browser; failure is reported, never fatal. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  const child = spawn(command as string, args as string[], {detached: true, stdio: 'ignore', windowsHide: true})
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`))
  child.unref()
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste the excerpt, then press Ctrl-D:\n')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)]
}

function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('Expected an integer.')
  return Number(value)
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('Expected a port number from 0 to 65535.')
  return port
}

/** A path as the user best recognises it: relative below the current folder, absolute elsewhere. */
function relative(file: string): string {
  const shown = path.relative(process.cwd(), file)
  return shown.startsWith('..') || path.isAbsolute(shown) ? file : shown
}

function quoteArg(value: string): string {
  return /^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
