/**
 * Stage 4, score: the report as of one date. Statuses come from history,
 * evidence published later is left out, changes are measured against the
 * previous edition, and the report is ordered into chapters and counted.
 */
import {localeFor} from '../core/locales/index.js'
import {compare} from '../core/diagnostics.js'
import type {Chapter, Edition, Evidence, LinkedProject, Movement, Priority, ScoredReport, Summary} from '../core/model.js'
import {dateBounds, isFullDate, statusAt} from '../core/dates.js'
import {sourceKey} from '../core/source-key.js'
import {ScorecardError} from '../core/errors.js'
import {editionView, statusInEdition, type Published} from './editions.js'

/** Chapter id of the executive summary; also its HTML anchor. */
export const summaryChapterId = 'executive-summary'

/** Chapter id of "What changed since …". */
export const changesChapterId = 'what-changed'

/** Which date, or which edition, to score. */
export interface ScoreOptions {
  /** Score as of this day (YYYY-MM-DD), at most scorecard.yml's `asOf`. */
  asOf?: string
  /** Score this edition (an id from scorecard.yml's `editions`). */
  edition?: string
  /** Published editions by id (`editions/<id>.json`): what they showed is read, not recomputed. */
  published?: ReadonlyMap<string, Published>
}

/**
 * Resolve the as-of date and edition. Without options: scorecard.yml's `asOf`,
 * and the edition of that date if there is one.
 *
 * @throws {ScorecardError} `INVALID_OPTION` for an unknown edition or a date after `asOf`.
 */
export function resolveAsOf(project: LinkedProject, options: ScoreOptions = {}): {asOf: string; edition: Edition | undefined; previousEdition: Edition | undefined} {
  const editions = project.config.editions ?? []
  let asOf = project.config.asOf
  if (options.edition !== undefined) {
    const edition = editions.find((entry) => entry.id === options.edition)
    if (!edition)
      throw new ScorecardError('INVALID_OPTION', `Unknown edition "${options.edition}"`, {
        hint: editions.length > 0 ? `Editions in scorecard.yml: ${editions.map((entry) => entry.id).join(', ')}.` : 'scorecard.yml lists no editions.',
      })
    if (options.asOf !== undefined && options.asOf !== edition.asOf)
      throw new ScorecardError('INVALID_OPTION', `--as-of ${options.asOf} disagrees with edition "${edition.id}", which is as of ${edition.asOf}`, {
        hint: 'Give --edition alone (it sets the date), or --as-of alone.',
      })
    asOf = edition.asOf
  } else if (options.asOf !== undefined) {
    if (!isFullDate(options.asOf))
      throw new ScorecardError('INVALID_OPTION', `--as-of must be a full date (YYYY-MM-DD), not "${options.asOf}"`)
    if (options.asOf > project.config.asOf)
      throw new ScorecardError('INVALID_OPTION', `--as-of ${options.asOf} is after the report's as-of date ${project.config.asOf}`, {
        hint: 'The content is checked up to scorecard.yml\'s "asOf"; move it forward first.',
      })
    asOf = options.asOf
  }
  const index = editions.findIndex((entry) => entry.asOf === asOf)
  return {asOf, edition: editions[index], previousEdition: index > 0 ? editions[index - 1] : undefined}
}

/** Score a linked project as of a date (default: scorecard.yml's `asOf`). */
export function scoreProject(project: LinkedProject, options: ScoreOptions = {}): ScoredReport {
  const {config} = project
  const {asOf, edition, previousEdition} = resolveAsOf(project, options)
  const excludedEvidence = new Set(project.evidence.filter((item) => dateBounds(item.date).start > asOf).map((item) => item.id))

  const rank = new Map(config.scale.map((entry, index) => [entry.id, index]))
  // What the report shows as of the date: a published edition's snapshot, or the text of that time.
  const view = editionView(project, asOf, edition && options.published?.get(edition.id))
  const statusOf = view.statusOf
  const previousStatusOf = new Map<string, string | undefined>()
  const movementOf = new Map<string, {movement: Movement; steps: number}>()
  const historyOf = new Map(view.priorities.map((priority) => [priority.id, priority.history.filter((entry) => dateBounds(entry.date).start <= asOf)]))
  // Change is measured against what the previous edition said: its snapshot when published.
  const previousPublished = previousEdition && options.published?.get(previousEdition.id)
  const previousFrozen = previousPublished && new Map(previousPublished.snapshot.priorities.map((entry) => [entry.id, entry.status ?? undefined]))
  for (const priority of view.priorities) {
    if (!previousEdition) continue
    const status = statusOf.get(priority.id)
    const before = statusInEdition(priority, previousEdition, previousFrozen)
    previousStatusOf.set(priority.id, before)
    if (status === undefined) continue
    if (before === undefined) movementOf.set(priority.id, {movement: 'new', steps: 0})
    else {
      const steps = rank.get(before)! - rank.get(status)!
      movementOf.set(priority.id, {movement: steps > 0 ? 'up' : steps < 0 ? 'down' : 'same', steps: Math.abs(steps)})
    }
  }

  const chapters: Chapter[] = []
  const locale = localeFor(config.lang, config.strings)
  const summaryProse = view.prose.find((prose) => prose.role === 'summary')
  chapters.push({kind: 'summary', id: summaryChapterId, title: summaryProse?.title ?? locale.t('executiveSummary'), prose: summaryProse})
  if (previousEdition) chapters.push({kind: 'changes', id: changesChapterId, title: locale.t('whatChangedSince', {edition: previousEdition.title})})

  const ordered: Priority[] = []
  for (const dimension of config.dimensions) {
    const priorities = view.priorities
      .filter((priority) => priority.dimension === dimension.id)
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || compare(a.id, b.id))
    ordered.push(...priorities)
    // An empty chapter would print as a blank page; check warns about it (empty-dimension).
    if (priorities.length === 0) continue
    chapters.push({
      kind: 'dimension',
      id: `dimension-${dimension.id}`,
      title: dimension.title,
      description: dimension.description,
      dimension: dimension.id,
      priorities,
    })
  }
  for (const prose of view.prose.filter((item) => item.role === 'closing'))
    chapters.push({kind: 'closing', id: `chapter-${prose.id}`, title: prose.title, prose})

  // Report order for "cited by", so backlinks read top to bottom.
  const order = new Map(ordered.map((priority, index) => [priority.id, index]))
  const citedBy = new Map([...view.citedBy].map(([id, ids]) => [id, [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))]))

  const appendix = orderAppendix(project.evidence.filter((item) => !excludedEvidence.has(item.id))).map((evidence, index) => ({evidence, number: index + 1}))
  const movements = previousEdition ? [...movementOf.values()].map((entry) => entry.movement) : undefined
  const summary = summarise(project, ordered, statusOf, movements, countOmitted({...project, priorities: view.priorities, bodies: view.bodies}, excludedEvidence))
  return {
    ...project,
    priorities: view.priorities,
    prose: view.prose,
    bodies: view.bodies,
    evidenceOf: view.evidenceOf,
    citedBy,
    asOf,
    edition,
    previousEdition,
    chapters,
    ordered,
    statusOf,
    previousStatusOf,
    movementOf,
    historyOf,
    excludedEvidence,
    appendix,
    summary,
  }
}

/** Group excerpts by source document (oldest first), then by page. */
function orderAppendix(evidence: readonly Evidence[]): Evidence[] {
  // Sort keys are computed once per excerpt, not once per comparison.
  const keyed = evidence.map((item) => ({
    item,
    document: sourceKey(item),
    page: locatorNumber(item.locator),
    locator: item.locator ?? '',
  }))
  keyed.sort(
    (a, b) =>
      compare(a.document, b.document) ||
      a.page - b.page ||
      compare(a.locator, b.locator) ||
      compare(a.item.id, b.item.id),
  )
  return keyed.map(({item}) => item)
}

function locatorNumber(locator: string | undefined): number {
  const match = locator === undefined ? null : /\d+/.exec(locator)
  return match ? Number(match[0]) : Number.MAX_SAFE_INTEGER
}

function countOmitted(project: LinkedProject, excluded: Set<string>): number {
  if (excluded.size === 0) return 0
  let omitted = 0
  for (const body of project.bodies.values())
    for (const citation of body.citations) for (const item of citation.items) if (excluded.has(item.id)) omitted++
  for (const priority of project.priorities) {
    if (priority.stated && excluded.has(priority.stated.cite)) omitted++
    for (const entry of priority.history) for (const id of entry.evidence) if (excluded.has(id)) omitted++
  }
  return omitted
}

function summarise(
  project: LinkedProject,
  ordered: readonly Priority[],
  statusOf: Map<string, string | undefined>,
  movements: Movement[] | undefined,
  omittedCitations: number,
): Summary {
  const zero = (): Record<string, number> => Object.fromEntries(project.config.scale.map((entry) => [entry.id, 0]))
  const byStatus = zero()
  const byDimension: Summary['byDimension'] = Object.fromEntries(
    project.config.dimensions.map((dimension) => [dimension.id, {total: 0, byStatus: zero()}]),
  )
  let unrated = 0
  for (const priority of ordered) {
    const status = statusOf.get(priority.id)
    if (status === undefined) {
      unrated++
      continue
    }
    byStatus[status] = (byStatus[status] ?? 0) + 1
    const dimension = byDimension[priority.dimension]
    if (dimension) {
      dimension.total++
      dimension.byStatus[status] = (dimension.byStatus[status] ?? 0) + 1
    }
  }
  const changes = movements && {
    up: movements.filter((m) => m === 'up').length,
    same: movements.filter((m) => m === 'same').length,
    down: movements.filter((m) => m === 'down').length,
    new: movements.filter((m) => m === 'new').length,
  }
  return {total: ordered.length - unrated, byStatus, byDimension, unrated, changes, omittedCitations}
}
