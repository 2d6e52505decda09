/**
 * The review commands, `diff` and `fmt`: what a pull request changed in the
 * assessment, and canonical front matter so that diffs stay meaningful.
 *
 * Exit codes:
 * - `diff`: 0 compared (whatever changed); 1 a `--fail-on` gate tripped;
 *   2 bad usage, an unknown revision or not a git repository; 3 the head has
 *   no project, a side's scorecard.yml is invalid, or `--html` could not be
 *   written; 6 compared, but a side does not pass `check` (its errors are
 *   listed at the top of the output).
 * - `fmt`: 0 all files formatted (or, with `--check`, already formatted);
 *   1 with `--check`, files would change, or some file could not be parsed
 *   and was left alone; 3 no project, or a file could not be written.
 */
import path from 'node:path'
import {InvalidArgumentError, Option, type Command} from 'commander'
import type {AssessmentDiff, ForgeLinks} from '../diff/index.js'
import {diffGates, type DiffGate} from '../diff/gates.js'
import {ScorecardError} from '../core/errors.js'
import type {ProjectSource} from '../diff/git.js'
import {writeOutputs} from '../pipeline/write.js'
import {choice, exitCodesHelp, projectDir, useColor} from './options.js'

const gates: readonly DiffGate[] = diffGates

function parseGates(value: string): DiffGate[] {
  const list = value.split(',').map((part) => part.trim()).filter(Boolean)
  if (list.length === 1 && list[0] === 'none') return []
  for (const gate of list)
    if (!gates.includes(gate as DiffGate))
      throw new InvalidArgumentError(`Unknown gate "${gate}"; use none, or one or more of ${gates.join(', ')} (comma-separated).`)
  return list as DiffGate[]
}

type DiffFormat = 'text' | 'markdown' | 'json'

interface DiffCommandOptions {
  format: DiffFormat
  failOn: DiffGate[]
  html?: string
  asOf?: string[]
  ignoreTypography?: boolean
  baseLabel?: string
  headLabel?: string
  repositoryUrl?: string
  commit?: string
  links: boolean
}

/** Add `diff` and `fmt` to the program. */
export function registerReviewCommands(program: Command): void {
  program
    .command('diff')
    .description('Show what changed in the assessment between two versions: status moves, priorities added, removed or renamed, evidence, edited quotations.')
    .argument('[base]', 'project folder or git revision to compare from (e.g. origin/main, HEAD~1); optional with two --as-of dates')
    .argument('[head]', 'project folder or git revision to compare to (default: the project in the current folder)')
    .addOption(new Option('--format <format>', 'output format: text, markdown or json').argParser(choice(['text', 'markdown', 'json'] as const)).default('text'))
    .addOption(
      new Option('--fail-on <gates>', `exit 1 when the diff has: none, or ${gates.join(', ')} (comma-separated)`)
        .argParser(parseGates)
        .default([] as DiffGate[], 'none'),
    )
    .option('--html <file>', 'also write a redline of the changed priorities as a self-contained HTML page')
    .option('--ignore-typography', 'treat curly and straight quotes, dashes and hyphens, "…" and "..." as the same (the output says so)')
    .option('--base-label <text>', 'name the base side this way in the output (e.g. "base branch")')
    .option('--head-label <text>', 'name the head side this way in the output (e.g. "this pull request")')
    .option('--repository-url <url>', 'Markdown: link file names to their changed lines in this repository (default: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY)')
    .option('--commit <sha>', 'Markdown: the commit the working tree is, for those links (default: $GITHUB_SHA; a head revision is its own)')
    .option('--no-links', 'Markdown: name files plainly, without links')
    .option(
      '--as-of <date>',
      'score as of a date (YYYY-MM-DD); give it twice to compare two dates (base, then head) of the same or different versions',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addHelpText(
      'after',
      `
A folder wins over a revision of the same name. Revisions are read with git
(the project being the current folder) without checking anything out. A base
without scorecard.yml is compared as an empty project (the pull request that
adds it). A side that does not pass check is compared as far as it could be
read; its errors are listed at the top of the output.

Gates (--fail-on): downgrade (a status moved down the scale), edited-quotation
(an excerpt's words changed), removed (a priority was removed),
removed-evidence (an excerpt was removed, or a priority no longer cites one),
undated-status-change (a status changed without a new dated history entry
giving it), any-change.
${exitCodesHelp([
  [0, 'compared (whatever changed)'],
  [1, 'a --fail-on gate tripped'],
  [2, 'bad usage, an unknown revision, or not inside a git repository'],
  [3, "the head has no project, a side's scorecard.yml is invalid, or --html could not be written"],
  [6, 'compared, but a side does not pass check (its errors are listed first)'],
])}`,
    )
    .action(async (baseArg: string | undefined, headArg: string | undefined, options: DiffCommandOptions) => {
      // Folders given are relative to where the command runs; the project (and so the
      // folder whose revisions are read) is found from there, as for every command.
      const here = process.cwd()
      const cwd = projectDir(undefined)
      const dates = options.asOf ?? []
      if (dates.length > 2) throw new ScorecardError('INVALID_OPTION', 'Give --as-of at most twice: the base date, then the head date.')
      if (baseArg === undefined && dates.length !== 2)
        throw new ScorecardError('INVALID_OPTION', 'Name the base version (a folder or git revision), or give --as-of twice to compare two dates of the working tree.')
      const asOf = {base: dates[0], head: dates[1] ?? dates[0]}
      // Loaded when the command runs, as the authoring commands are (cli-author.ts).
      const [{resolveSource, repositoryPrefix}, {diffProjects, diffToJson, forgeLinks, formatDiffMarkdown, formatDiffText, redlineProjects, trippedGates}] = await Promise.all([
        import('../diff/git.js'),
        import('../diff/index.js'),
      ])
      const source = async (arg: string | undefined): Promise<ProjectSource> => {
        if (arg === undefined) return {type: 'directory', path: cwd, label: 'working tree'}
        const resolved = await resolveSource(arg, here)
        return resolved.type === 'directory' ? {type: 'directory', path: path.resolve(here, arg), label: arg} : resolved
      }
      const base = await source(baseArg)
      const head = await source(headArg)

      let diff: AssessmentDiff
      const diffOptions = {cwd, asOf, ignoreTypography: options.ignoreTypography ?? false, labels: {base: options.baseLabel, head: options.headLabel}}
      if (options.html) {
        const result = await redlineProjects(base, head, diffOptions)
        diff = result.diff
        const target = path.resolve(here, options.html)
        await writeOutputs(path.dirname(target), [{name: path.basename(target), data: result.html}])
        const shown = path.relative(here, target)
        process.stderr.write(`Wrote ${shown && !shown.startsWith('..') ? shown : target}\n`)
      } else {
        diff = await diffProjects(base, head, diffOptions)
      }

      if (options.format === 'json') process.stdout.write(diffToJson(diff))
      else if (options.format === 'markdown') {
        const env = process.env
        const fromEnv = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` : undefined
        const repositoryUrl = options.links ? (options.repositoryUrl ?? fromEnv) : undefined
        const given = options.repositoryUrl !== undefined || options.commit !== undefined
        let links: ForgeLinks | undefined
        try {
          links =
            repositoryUrl === undefined
              ? undefined
              : forgeLinks(
                  {
                    repositoryUrl,
                    headCommit: head.type === 'git' ? diff.head.commit : (options.commit ?? env.GITHUB_SHA ?? null),
                    baseCommit: base.type === 'git' ? diff.base.commit : null,
                    prefix: await repositoryPrefix(head.type === 'directory' ? head.path : cwd),
                  },
                  options.repositoryUrl === undefined ? 'GITHUB_SERVER_URL/GITHUB_REPOSITORY' : '--repository-url',
                )
        } catch (error) {
          // Options given are checked; what the environment says only decides whether there are links.
          if (given || !(error instanceof ScorecardError)) throw error
          process.stderr.write(`scorecard diff: no links to files: ${error.message}\n`)
        }
        process.stdout.write(formatDiffMarkdown(diff, {links}))
      }
      else process.stdout.write(formatDiffText(diff, {color: useColor(process.stdout)}))

      const tripped = trippedGates(diff, options.failOn)
      if (tripped.length > 0) process.stderr.write(`scorecard diff: failing because of --fail-on ${tripped.join(', ')}\n`)
      const failing = [diff.base, diff.head].filter((side) => side.errors.length > 0)
      for (const side of failing)
        process.stderr.write(`scorecard diff: ${side.label} does not pass check (${side.errors.length} error${side.errors.length === 1 ? '' : 's'}); compared what could be read\n`)
      process.exitCode = failing.length > 0 ? 6 : tripped.length > 0 ? 1 : 0
    })

  program
    .command('fmt')
    .description('Canonicalise front matter (key order, quoting, list style, dates, final newline) so diffs show only real changes. Prose is left as it is.')
    .argument('[files...]', 'files to format (default: every priority, evidence and report file of the project)')
    .option('--check', 'write nothing; list the files that would change and exit 1 if there are any')
    .option('--fix', 'also repair mechanical mistakes: tabs in YAML, curly quotes around values, a missing colon after a known key, a status given by its label or symbol')
    .addHelpText(
      'after',
      exitCodesHelp([
        [0, 'formatted (or, with --check, nothing to change)'],
        [1, 'files would change (--check), or could not be parsed and were left alone'],
        [3, 'no project (no scorecard.yml here or above), or a file could not be written'],
      ]),
    )
    .action(async (files: string[], options: {check?: boolean; fix?: boolean}) => {
      const {fmtProject} = await import('../author/fmt.js')
      const result = await fmtProject(projectDir(undefined), {check: options.check ?? false, fix: options.fix ?? false, ...(files.length > 0 ? {files} : {})})
      for (const {file, fixes} of result.fixed) for (const fix of fixes) process.stderr.write(`${file}: ${options.check ? 'would fix' : 'fixed'} ${fix}\n`)
      // The file list is the output (pipeable); the rest is commentary.
      if (result.changed.length > 0) process.stdout.write(result.changed.map((file) => `${file}\n`).join(''))
      for (const failure of result.failed) {
        const where = failure.line === undefined ? failure.file : `${failure.file}:${failure.line}:${failure.column ?? 1}`
        process.stderr.write(`${where} error ${failure.reason}; left unchanged${failure.ruleId ? ` [${failure.ruleId}]` : ''}\n`)
      }
      const n = result.changed.length
      const files_ = (count: number): string => `${count} file${count === 1 ? '' : 's'}`
      if (options.check) {
        if (n > 0) process.stderr.write(`${files_(n)} would be reformatted. Run "scorecard fmt" to fix.\n`)
        else if (result.failed.length === 0) process.stderr.write(`${files_(result.unchanged.length)} already formatted.\n`)
      } else {
        process.stderr.write(`Formatted ${files_(n)}; ${result.unchanged.length} already formatted.\n`)
      }
      process.exitCode = (options.check && n > 0) || result.failed.length > 0 ? 1 : 0
    })
}
