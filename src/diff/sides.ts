/**
 * The two sides of a comparison: each a folder or a git revision (git.ts),
 * opened, checked and scored, then handed to `compare` (and, for `--html`,
 * rendered for the redline). Temporary copies of revisions are removed
 * however the comparison ends.
 */
import {formatDiagnostics} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import type {ScoredReport} from '../core/model.js'
import {check} from '../pipeline/index.js'
import {diffReports} from './compare.js'
import {openSource, type OpenedSource, type ProjectSource} from './git.js'
import {redlineHtml} from './redline/page.js'
import {redlineSide} from './redline/side.js'
import type {AssessmentDiff, DiffOptions, DiffSide} from './types.js'


/**
 * Compare two versions of a project. Each side is a folder or a git revision
 * of the repository around `cwd`. Both must pass `check` (warnings are fine);
 * otherwise throws `ScorecardError('INVALID_PROJECT')` listing the errors.
 */
export async function diffProjects(base: ProjectSource, head: ProjectSource, options: DiffOptions = {}): Promise<AssessmentDiff> {
  return withSides(base, head, options, async (sides) => diffReports(sides.base.report, sides.head.report, {base: sides.base.side, head: sides.head.side}))
}

/**
 * Compare two versions of a project and render the redline page (`--html`)
 * with the real renderer and each side's templates.
 */
export async function redlineProjects(
  base: ProjectSource,
  head: ProjectSource,
  options: DiffOptions = {},
): Promise<{diff: AssessmentDiff; html: string}> {
  return withSides(base, head, options, async (sides) => {
    const diff = diffReports(sides.base.report, sides.head.report, {base: sides.base.side, head: sides.head.side})
    const html = redlineHtml(diff, {base: await redlineSide(sides.base.report, sides.base.dir), head: await redlineSide(sides.head.report, sides.head.dir)})
    return {diff, html}
  })
}

interface LoadedSide {
  report: ScoredReport
  side: DiffSide
  dir: string
}

async function withSides<T>(
  base: ProjectSource,
  head: ProjectSource,
  options: DiffOptions,
  fn: (sides: {base: LoadedSide; head: LoadedSide}) => Promise<T>,
): Promise<T> {
  const cwd = options.cwd ?? process.cwd()
  const opened: OpenedSource[] = []
  try {
    const load = async (source: ProjectSource, asOf: string | undefined): Promise<LoadedSide> => {
      const side = await openSource(source, cwd)
      opened.push(side)
      // Paths in the model are project-relative on both sides, so files can be matched.
      const result = await check(side.dir, {cwd: side.dir, ...(asOf === undefined ? {} : {asOf})})
      if (!result.report) {
        const listing = formatDiagnostics(result.files.map((file) => filterErrors(file)), 'text')
          .split('\n')
          .filter((line) => !line.startsWith('  hint:'))
        const shown = listing.slice(0, 10).map((line) => `  ${side.label}: ${line}`)
        if (listing.length > 10) shown.push(`  … and ${listing.length - 10} more lines`)
        throw new ScorecardError(
          'INVALID_PROJECT',
          `Cannot compare: ${side.label} does not pass check (${result.errors} error${result.errors === 1 ? '' : 's'})\n${shown.join('\n')}`,
          {hint: `Fix the errors (run "scorecard check" on ${side.label}); diff compares projects that pass check. Warnings are fine.`},
        )
      }
      const label = asOf === undefined ? side.label : `${side.label} as of ${asOf}`
      return {report: result.report, dir: side.dir, side: {label, type: source.type, commit: side.commit ?? null}}
    }
    const loadedBase = await load(base, options.asOf?.base)
    const loadedHead = await load(head, options.asOf?.head)
    return await fn({base: loadedBase, head: loadedHead})
  } finally {
    await Promise.all(opened.map((side) => side.dispose()))
  }
}

function filterErrors<T extends {messages: {fatal?: boolean | null | undefined}[]}>(file: T): T {
  file.messages = file.messages.filter((message) => message.fatal === true) as T['messages']
  return file
}
