/**
 * What an edition showed: each priority's rating and the assessment text as
 * of the edition's date. A published edition is read from its snapshot; an
 * unpublished one is worked out from the history, so that prose written
 * later never appears in an earlier edition.
 */
import {VFile} from 'vfile'
import {compare} from '../core/diagnostics.js'
import type {Edition, HistoryEntry, LinkedProject, ParsedBody, Priority, Prose} from '../core/model.js'
import {dateBounds, statusAt} from '../core/dates.js'
import {excerptHash, snapshotVersion, type EditionSnapshot, type SnapshotChapter, type SnapshotPriority} from '../core/snapshot.js'
import {excerptText, parseBody} from '../link/index.js'

/** A published edition as score needs it. */
export interface Published {
  snapshot: EditionSnapshot
}

/**
 * What a priority shows as of `date`: its status (undefined: not yet rated),
 * and its assessment in Markdown, or undefined when the assessment as written
 * (the file's body) stands.
 */
export interface Shown {
  status: string | undefined
  text: string | undefined
}

/**
 * The rating and text of a priority as of `date`, from today's files.
 *
 * The body is the assessment as of the report's own date. For an earlier
 * date, a history entry's note stands for it when a later entry exists or the
 * body cites evidence published after the date: that prose was written later.
 */
export function shownAsOf(project: LinkedProject, priority: Priority, date: string): Shown {
  if (priority.history.length === 0) return {status: priority.status, text: undefined}
  const entries = priority.history.filter((entry) => dateBounds(entry.date).start <= date)
  const latest = entries.at(-1)
  if (!latest) return {status: undefined, text: ''}
  if (date >= project.config.asOf) return {status: latest.status, text: undefined}
  const laterEntry = entries.length < priority.history.length
  if (!laterEntry && !bodyCitesAfter(project, priority, date)) return {status: latest.status, text: undefined}
  return {status: latest.status, text: noteMarkdown(latest)}
}

/** A history entry's note as an assessment, citing the entry's evidence. */
export function noteMarkdown(entry: HistoryEntry): string {
  const cite = entry.evidence.length > 0 ? ` [${entry.evidence.map((id) => `@${id}`).join('; ')}]` : ''
  return `${entry.note.trim()}${cite}\n`
}

function bodyCitesAfter(project: LinkedProject, priority: Priority, date: string): boolean {
  const dates = new Map(project.evidence.map((item) => [item.id, item.date]))
  const body = project.bodies.get(priority)
  return (body?.citations ?? []).some((citation) =>
    citation.items.some((item) => {
      const published = dates.get(item.id)
      return published !== undefined && dateBounds(published).start > date
    }),
  )
}

/** The Markdown as written (an assessment, a chapter): the body without the blanked-out front matter. */
export function bodyMarkdown(priority: Priority | Prose): string {
  const text = priority.source.body.replace(/^(?:[ \t]*\n)+/, '').trimEnd()
  return text.length > 0 ? `${text}\n` : ''
}

/** Work out what `edition` shows from today's files: the snapshot `scorecard publish` writes. */
export function editionSnapshot(project: LinkedProject, edition: Edition): EditionSnapshot {
  const evidenceById = new Map(project.evidence.map((item) => [item.id, item]))
  const priorities = [...project.priorities]
    .sort((a, b) => compare(a.id, b.id))
    .map((priority): SnapshotPriority => {
      const shown = shownAsOf(project, priority, edition.asOf)
      const assessment = shown.status === undefined ? '' : (shown.text ?? bodyMarkdown(priority))
      const body = shown.text === undefined ? project.bodies.get(priority) : parseText(priority, assessment)
      const ids = shown.status === undefined ? [] : citedIds(priority, body, edition.asOf)
      const evidence = ids.flatMap((id) => {
        const item = evidenceById.get(id)
        const parsed = item && project.bodies.get(item)
        if (!item || !parsed || dateBounds(item.date).start > edition.asOf) return []
        return [{id, date: item.date, sha256: excerptHash(excerptText(parsed))}]
      })
      return {id: priority.id, title: priority.title, dimension: priority.dimension, status: shown.status ?? null, assessment, evidence}
    })
  // The summary and closing chapters as the files read when the edition is published.
  const chapters = project.prose
    .filter((prose) => prose.role === 'summary')
    .concat(project.prose.filter((prose) => prose.role === 'closing'))
    .map((prose): SnapshotChapter => ({id: prose.id, role: prose.role, title: prose.title, text: bodyMarkdown(prose)}))
  return {schemaVersion: snapshotVersion, edition: {id: edition.id, title: edition.title, asOf: edition.asOf}, priorities, chapters}
}

/** Evidence a priority shows as of `date`: stated, the assessment's citations, extra ones, history up to the date. */
function citedIds(priority: Priority, body: ParsedBody | undefined, date: string): string[] {
  const ids = [
    ...(priority.stated ? [priority.stated.cite] : []),
    ...(body?.citations ?? []).flatMap((citation) => citation.items.map((item) => item.id)),
    ...priority.extraEvidence,
    ...priority.history.filter((entry) => dateBounds(entry.date).start <= date).flatMap((entry) => entry.evidence),
  ]
  return [...new Set(ids)]
}

/** Parse Markdown that is not the file's body (a history note, a snapshot's text). */
function parseText(item: Priority | Prose, text: string): ParsedBody {
  const file = new VFile({path: item.source.file.path, cwd: item.source.file.cwd, value: text})
  return parseBody({kind: item.source.kind, file, yaml: undefined, body: text}, {citations: true})
}

/**
 * The prose chapters a published edition showed, with their text of that
 * time: a chapter written after the edition is not in it, and one since
 * deleted still is.
 */
function frozenProse(project: LinkedProject, chapters: readonly SnapshotChapter[]): Prose[] {
  const today = new Map(project.prose.map((prose) => [`${prose.role}:${prose.id}`, prose]))
  const cwd = project.files[0]?.cwd ?? project.root
  return chapters.map((chapter) => {
    const current = today.get(`${chapter.role}:${chapter.id}`)
    const file = current?.source.file ?? new VFile({path: `report/${chapter.id}.md`, cwd, value: chapter.text})
    return {id: chapter.id, title: chapter.title, role: chapter.role, source: {kind: 'prose', file, yaml: undefined, body: chapter.text}}
  })
}

/** What the report shows per priority as of `asOf`: statuses, and bodies with the text of that time. */
export interface EditionView {
  statusOf: Map<string, string | undefined>
  /** The summary and closing chapters shown: a published edition's own, else today's. */
  prose: Prose[]
  /** The priorities shown: a published edition leaves out those added after it. */
  priorities: Priority[]
  bodies: LinkedProject['bodies']
  evidenceOf: Map<string, string[]>
  citedBy: Map<string, string[]>
}

/**
 * The view of the report as of `asOf`: from the snapshot when the edition is
 * published, otherwise from the history (see `shownAsOf`).
 */
export function editionView(project: LinkedProject, asOf: string, published: Published | undefined): EditionView {
  const statusOf = new Map<string, string | undefined>()
  let bodies = project.bodies
  const replace = (priority: Priority, text: string) => {
    if (bodies === project.bodies) bodies = new Map(project.bodies)
    bodies.set(priority, parseText(priority, text))
  }
  const frozen = published && new Map(published.snapshot.priorities.map((entry) => [entry.id, entry]))
  const prose = published ? frozenProse(project, published.snapshot.chapters) : project.prose
  const priorities = frozen ? project.priorities.filter((priority) => frozen.has(priority.id)) : project.priorities
  if (published) {
    bodies = new Map(project.bodies)
    for (const chapter of project.prose) bodies.delete(chapter)
    for (const chapter of prose) bodies.set(chapter, parseText(chapter, chapter.source.body))
  }
  for (const priority of priorities) {
    if (frozen) {
      const entry = frozen.get(priority.id)
      statusOf.set(priority.id, entry?.status ?? undefined)
      replace(priority, entry?.assessment ?? '')
      continue
    }
    const shown = shownAsOf(project, priority, asOf)
    statusOf.set(priority.id, shown.status)
    if (shown.text !== undefined) replace(priority, shown.text)
  }
  if (bodies === project.bodies) return {statusOf, prose, priorities, bodies, evidenceOf: project.evidenceOf, citedBy: project.citedBy}

  // Citations follow the text shown, so "cited by" lists only what the edition cites.
  const known = new Set(project.evidence.map((item) => item.id))
  const evidenceOf = new Map<string, string[]>()
  const citedBy = new Map<string, string[]>(project.evidence.map((item) => [item.id, []]))
  for (const priority of priorities) {
    const ids = [
      ...(priority.stated ? [priority.stated.cite] : []),
      ...(bodies.get(priority)?.citations ?? []).flatMap((citation) => citation.items.map((item) => item.id)),
      ...priority.extraEvidence,
      ...priority.history.flatMap((entry) => entry.evidence),
    ].filter((id) => known.has(id))
    const unique = [...new Set(ids)]
    evidenceOf.set(priority.id, unique)
    for (const id of unique) citedBy.get(id)?.push(priority.id)
  }
  return {statusOf, prose, priorities, bodies, evidenceOf, citedBy}
}

/** A priority's status as of an edition: from its snapshot when published (`frozen`), else from today's files. */
export function statusInEdition(priority: Priority, edition: Edition, frozen: ReadonlyMap<string, string | undefined> | undefined): string | undefined {
  if (frozen) return frozen.get(priority.id)
  return priority.history.length > 0 ? statusAt(priority.history, edition.asOf) : priority.status
}
