/**
 * The two sides of a comparison: each a folder or a git revision (git.ts),
 * opened, checked, scored and presented as a `ReportView`, which `compare`
 * (and, for `--html`, the redline) reads. Temporary copies of revisions are
 * removed however the comparison ends.
 */
import {VFile} from 'vfile'
import {formatDiagnostics} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import type {ReportView} from '../core/view.js'
import {configFileName} from '../load/index.js'
import {check} from '../pipeline/index.js'
import {presentReport} from '../present/index.js'
import {diffViews} from './compare.js'
import {addLineRanges} from './lines.js'
import {openSource, type OpenedSource, type ProjectSource} from './git.js'
import {redlineHtml} from './redline/page.js'
import {redlineSide} from './redline/side.js'
import type {AssessmentDiff, DiffOptions, DiffSide} from './types.js'


/**
 * Compare two versions of a project. Each side is a folder or a git revision
 * of the repository around `cwd`. A side that does not pass `check` is
 * compared as far as it could be read, and its errors are listed in its
 * `DiffSide.errors`; a base without scorecard.yml is compared as an empty
 * project. Throws `ScorecardError('INVALID_PROJECT')` only when a side's
 * scorecard.yml itself is invalid (nothing can be compared), and
 * `NOT_FOUND_PROJECT` when the head has no scorecard.yml.
 */
export async function diffProjects(base: ProjectSource, head: ProjectSource, options: DiffOptions = {}): Promise<AssessmentDiff> {
  return withSides(base, head, options, async (sides) => compareSides(sides, options))
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
    const diff = await compareSides(sides, options)
    const side = async (loaded: LoadedSide) =>
      loaded.side.empty ? {lang: loaded.view.lang, priorities: new Map(), excerpts: new Map()} : redlineSide(loaded.view)
    const html = redlineHtml(diff, {base: await side(sides.base), head: await side(sides.head)})
    return {diff, html}
  })
}

async function compareSides(sides: {base: LoadedSide; head: LoadedSide}, options: DiffOptions): Promise<AssessmentDiff> {
  const diff = diffViews(sides.base.view, sides.head.view, {base: sides.base.side, head: sides.head.side}, {ignoreTypography: options.ignoreTypography ?? false})
  await addLineRanges(diff, {base: sides.base.side.empty ? undefined : sides.base.dir, head: sides.head.dir})
  return diff
}

interface LoadedSide {
  /** The side as its report shows it. */
  view: ReportView
  side: DiffSide
  dir: string
}

/** At most this many errors of a side are listed. */
const maxListed = 10

async function withSides<T>(
  base: ProjectSource,
  head: ProjectSource,
  options: DiffOptions,
  fn: (sides: {base: LoadedSide; head: LoadedSide}) => Promise<T>,
): Promise<T> {
  const cwd = options.cwd ?? process.cwd()
  const opened: OpenedSource[] = []
  try {
    const load = async (source: ProjectSource, asOf: string | undefined, name: string | undefined): Promise<LoadedSide> => {
      const side = await openSource(source, cwd)
      opened.push(side)
      // Paths in the model are project-relative on both sides, so files can be matched.
      const result = await check(side.dir, {cwd: side.dir, scoreWithErrors: true, ...(asOf === undefined ? {} : {asOf})})
      const errors = result.errors > 0 ? errorLines(result.files) : []
      if (!result.report) {
        const shown = errors.slice(0, maxListed).map((line) => `  ${side.label}: ${line}`)
        if (errors.length > maxListed) shown.push(`  … and ${errors.length - maxListed} more`)
        throw new ScorecardError(
          'INVALID_PROJECT',
          `Cannot compare: ${side.label} has an invalid ${configFileName} (${result.errors} error${result.errors === 1 ? '' : 's'})\n${shown.join('\n')}`,
          {hint: `Fix ${configFileName} (run "scorecard check" on ${side.label}); without it nothing of that side can be read.`},
        )
      }
      const label = asOf === undefined ? (name ?? side.label) : `${name ?? side.label} as of ${asOf}`
      return {view: presentReport(result.report), dir: side.dir, side: {label, type: source.type, commit: side.commit ?? null, empty: false, errors}}
    }
    const loadedHead = await load(head, options.asOf?.head, options.labels?.head)
    const loadedBase = await load(base, options.asOf?.base, options.labels?.base).catch((error: unknown) => {
      // The pull request that adds the project: everything in it is new.
      if (error instanceof ScorecardError && error.code === 'NOT_FOUND_PROJECT') return emptySide(base, loadedHead, options.labels?.base)
      throw error
    })
    return await fn({base: loadedBase, head: loadedHead})
  } finally {
    await Promise.all(opened.map((side) => side.dispose()))
  }
}

/** A base with no project: the head's settings (so they show no change) and no content. */
function emptySide(source: ProjectSource, head: LoadedSide, name: string | undefined): LoadedSide {
  const view: ReportView = {...head.view, priorities: [], evidence: [], chapters: [], appendix: {...head.view.appendix, groups: []}}
  const label = name ?? (source.type === 'git' ? source.rev : (source.label ?? source.path))
  return {view, dir: head.dir, side: {label, type: source.type, commit: null, empty: true, errors: []}}
}

/** Each error of `files` as `file:line:col error reason [rule]`, hints left out. */
function errorLines(files: readonly VFile[]): string[] {
  const errorsOnly = files.map((file) => {
    const copy = new VFile({path: file.path})
    copy.messages = file.messages.filter((message) => message.fatal === true)
    return copy
  })
  return formatDiagnostics(errorsOnly, 'text')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('  hint:') && / error /.test(line))
}
