/**
 * Stage 4, score: order the report into chapters, number the evidence
 * appendix, and count statuses.
 */
import {compare} from './diagnostics.js'
import type {Chapter, Evidence, LinkedProject, Priority, ScoredReport, Summary} from './model.js'

/** Chapter id of the executive summary; also its HTML anchor. */
export const summaryChapterId = 'executive-summary'

/** Order and count a linked project. */
export function scoreProject(project: LinkedProject): ScoredReport {
  const {config} = project
  const chapters: Chapter[] = []
  const summaryProse = project.prose.find((prose) => prose.role === 'summary')
  chapters.push({kind: 'summary', id: summaryChapterId, title: summaryProse?.title ?? 'Executive Summary', prose: summaryProse})

  const ordered: Priority[] = []
  for (const dimension of config.dimensions) {
    const priorities = project.priorities
      .filter((priority) => priority.dimension === dimension.id)
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || compare(a.id, b.id))
    ordered.push(...priorities)
    chapters.push({
      kind: 'dimension',
      id: `dimension-${dimension.id}`,
      title: dimension.title,
      description: dimension.description,
      dimension: dimension.id,
      priorities,
    })
  }
  for (const prose of project.prose.filter((item) => item.role === 'closing'))
    chapters.push({kind: 'closing', id: `chapter-${prose.id}`, title: prose.title, prose})

  // Report order for "cited by", so backlinks read top to bottom.
  const rank = new Map(ordered.map((priority, index) => [priority.id, index]))
  for (const ids of project.citedBy.values()) ids.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))

  const appendix = orderAppendix(project.evidence).map((evidence, index) => ({evidence, number: index + 1}))
  return {...project, chapters, ordered, appendix, summary: summarise(project, ordered)}
}

/** Group excerpts by source document (oldest first), then by page. */
function orderAppendix(evidence: readonly Evidence[]): Evidence[] {
  const documentKey = (item: Evidence): string => `${item.date}\u0000${item.title}\u0000${item.publisher}`
  return [...evidence].sort(
    (a, b) =>
      compare(documentKey(a), documentKey(b)) ||
      locatorNumber(a.locator) - locatorNumber(b.locator) ||
      compare(a.locator ?? '', b.locator ?? '') ||
      compare(a.id, b.id),
  )
}

function locatorNumber(locator: string | undefined): number {
  const match = locator === undefined ? null : /\d+/.exec(locator)
  return match ? Number(match[0]) : Number.MAX_SAFE_INTEGER
}

function summarise(project: LinkedProject, ordered: readonly Priority[]): Summary {
  const zero = (): Record<string, number> => Object.fromEntries(project.config.scale.map((entry) => [entry.id, 0]))
  const byStatus = zero()
  const byDimension: Summary['byDimension'] = Object.fromEntries(
    project.config.dimensions.map((dimension) => [dimension.id, {total: 0, byStatus: zero()}]),
  )
  for (const priority of ordered) {
    byStatus[priority.status] = (byStatus[priority.status] ?? 0) + 1
    const dimension = byDimension[priority.dimension]
    if (dimension) {
      dimension.total++
      dimension.byStatus[priority.status] = (dimension.byStatus[priority.status] ?? 0) + 1
    }
  }
  return {total: ordered.length, byStatus, byDimension}
}
