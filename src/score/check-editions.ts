/**
 * Editions never rewrite the past. These checks compare today's files with
 * what each published edition said (`editions/<id>.json`), and make sure
 * every rating rests on evidence that existed on its date.
 */
import {report} from '../core/diagnostics.js'
import type {Edition, LinkedProject, Priority} from '../core/model.js'
import {dateBounds, formatDate, statusAt} from '../core/dates.js'
import {excerptHash} from '../core/snapshot.js'
import {excerptText} from '../link/index.js'
import {yamlPlace} from '../load/frontmatter.js'
import {placeOf, type PublishedEdition} from '../load/snapshots.js'

/** Run every edition check; problems are reported on the priority and snapshot files. */
export function checkEditions(project: LinkedProject, published: ReadonlyMap<string, PublishedEdition>): void {
  const editions = project.config.editions ?? []
  checkSnapshots(project, editions, published)
  const changed = new Set<string>()
  // Latest edition first, so an undated change is reported against the edition it contradicts most recently.
  for (const edition of [...editions].reverse()) {
    const entry = published.get(edition.id)
    if (entry && entry.snapshot.edition.asOf === edition.asOf) checkAgainstEdition(project, edition, entry, changed)
  }
  checkRatingsHaveEvidence(project, editions)
}

function checkSnapshots(project: LinkedProject, editions: readonly Edition[], published: ReadonlyMap<string, PublishedEdition>): void {
  const evidenceById = new Map(project.evidence.map((item) => [item.id, item]))
  for (const [id, {snapshot, file}] of published) {
    const edition = editions.find((entry) => entry.id === id)
    if (!edition || edition.asOf !== snapshot.edition.asOf) {
      report(file, {
        reason: edition
          ? `Edition "${id}" is as of ${edition.asOf} in scorecard.yml, but its snapshot is as of ${snapshot.edition.asOf}`
          : `Snapshot of edition "${id}", which scorecard.yml does not list`,
        ruleId: 'invalid-snapshot',
        place: placeOf(file, '"asOf"') ?? {line: 1, column: 1},
        hint: 'A published edition keeps its date. List it under "editions" in scorecard.yml with the snapshot\'s id and as-of date.',
      })
    }
    for (const priority of snapshot.priorities) {
      for (const cited of priority.evidence) {
        const at = placeOf(file, `"id": ${JSON.stringify(cited.id)}`, `"id": ${JSON.stringify(priority.id)}`)
        const item = evidenceById.get(cited.id)
        if (!item) {
          if (project.invalidEvidenceIds.has(cited.id)) continue
          report(file, {
            reason: `The published ${snapshot.edition.title} cites evidence "${cited.id}", which no longer exists`,
            ruleId: 'missing-evidence',
            place: at,
            hint: 'A published edition must stay buildable: restore the evidence file (evidence/' + cited.id + '.md).',
            actual: cited.id,
          })
          continue
        }
        const body = project.bodies.get(item)
        if (body && excerptHash(excerptText(body)) !== cited.sha256) {
          report(file, {
            reason: `Evidence "${cited.id}" has changed since the ${snapshot.edition.title} was published`,
            ruleId: 'edition-evidence-changed',
            severity: 'warning',
            place: at,
            hint: `The rebuilt edition shows the excerpt as it is now. If the change corrects a transcription error, say so in the changelog and re-publish with "scorecard publish --edition ${id} --force".`,
          })
        }
      }
    }
  }
}

function checkAgainstEdition(project: LinkedProject, edition: Edition, {snapshot}: PublishedEdition, changed: Set<string>): void {
  const said = new Map(snapshot.priorities.map((entry) => [entry.id, entry]))
  const when = `the published ${edition.title} (${formatDate(edition.asOf)})`
  for (const priority of project.priorities) {
    const entry = said.get(priority.id)
    const then = entry?.status ?? undefined
    const now = priority.history.length > 0 ? statusAt(priority.history, edition.asOf) : priority.status
    if (now === then) continue
    const upTo = priority.history.filter((item) => dateBounds(item.date).start <= edition.asOf)
    if (then === undefined) {
      report(priority.source.file, {
        reason: `Priority "${priority.id}" was ${entry ? 'not yet rated' : 'not part of'} ${when}, but ${upTo.length > 0 ? `its history rates it "${now}" by then` : 'it has a single rating and no history, so it counts as rated then'}`,
        ruleId: 'backdated-rating',
        place: upTo.length > 0 ? place(priority, ['history', upTo.length - 1, 'date']) : place(priority, ['status']),
        hint: `Record its first rating as a history entry dated after ${edition.asOf}; the next edition then shows it as new.`,
      })
      continue
    }
    const laterEntry = priority.history.some((item) => dateBounds(item.date).start > edition.asOf)
    if (!laterEntry && priority.status !== then) {
      if (changed.has(priority.id)) continue
      changed.add(priority.id)
      report(priority.source.file, {
        reason: `Status "${priority.status}" differs from "${then}" in ${when}, and no history entry dated after it records the change`,
        ruleId: 'status-change-without-history',
        place: place(priority, ['status']),
        hint: `Keep the earlier rating and date the change: history: [{date: ${edition.asOf}, status: ${then}, note: …}, {date: <when it changed>, status: ${priority.status}, note: …}].`,
      })
      continue
    }
    report(priority.source.file, {
      reason: `History gives "${now ?? 'not yet rated'}" as of ${edition.asOf}, but ${when} said "${then}"`,
      ruleId: 'history-contradicts-edition',
      place: upTo.length > 0 ? place(priority, ['history', upTo.length - 1, 'status']) : place(priority, ['history', 0, 'date']),
      hint: `A published edition is not rewritten. Date a new rating after ${edition.asOf}; if the edition was wrong, record the correction as a new dated entry and say so in its note.`,
    })
  }
}

/** A rating at date D must cite evidence dated on or before D. */
function checkRatingsHaveEvidence(project: LinkedProject, editions: readonly Edition[]): void {
  const dates = new Map(project.evidence.map((item) => [item.id, item.date]))
  const supported = (ids: readonly string[], date: string) => ids.some((id) => {
    const published = dates.get(id)
    return published !== undefined && dateBounds(published).start <= dateBounds(date).end
  })
  for (const priority of project.priorities) {
    const all = project.evidenceOf.get(priority.id) ?? []
    // References to invalid evidence are reported where they are; their dates are unknown.
    if ([...all, ...priority.history.flatMap((entry) => entry.evidence)].some((id) => project.invalidEvidenceIds.has(id))) continue
    if (priority.history.length > 0) {
      priority.history.forEach((entry, index) => {
        const ids = entry.evidence.length > 0 ? entry.evidence : all
        if (ids.every((id) => !dates.has(id)) || supported(ids, entry.date)) return
        report(priority.source.file, {
          reason: `Rating "${entry.status}" dated ${entry.date} cites no evidence dated on or before ${entry.date}`,
          ruleId: 'rating-without-evidence',
          place: place(priority, ['history', index, 'date']),
          hint: 'List evidence available by then under the entry\'s "evidence:", or date the entry when the evidence appeared.',
        })
      })
      continue
    }
    const unsupported = editions.find((edition) => all.length > 0 && !supported(all, edition.asOf))
    if (!unsupported) continue
    report(priority.source.file, {
      reason: `Priority "${priority.id}" is rated "${priority.status}" in the ${unsupported.title} (${formatDate(unsupported.asOf)}), but cites no evidence dated on or before then`,
      ruleId: 'rating-without-evidence',
      place: place(priority, ['status']),
      hint: 'Give it a history whose first entry is dated when evidence first supports the rating; before that date it shows as "not yet rated".',
    })
  }
}

function place(priority: Priority, at: readonly PropertyKey[]) {
  const {source} = priority
  return source.yaml ? yamlPlace(source.file, source.yaml, at) : undefined
}
