/**
 * Ids: unique within their kind, reported on every file that shares one; and
 * the same as the file name, which is what readers and tools look for.
 */
import path from 'node:path'
import {report} from '../core/diagnostics.js'
import type {Evidence, Priority} from '../core/model.js'
import type {SourceFile} from '../core/source.js'
import {yamlPlace} from '../load/frontmatter.js'
import {isRecord} from '../load/index.js'

/** Report duplicate ids on each file that uses them, and ids that differ from their file's name. */
export function checkIds(items: readonly (Priority | Evidence)[], kind: 'priority' | 'evidence'): void {
  const byId = new Map<string, (Priority | Evidence)[]>()
  for (const item of items) byId.set(item.id, [...(byId.get(item.id) ?? []), item])
  for (const [id, group] of byId) {
    if (group.length < 2) continue
    for (const item of group) {
      const others = group.filter((other) => other !== item).map((other) => other.source.file.path)
      report(item.source.file, {
        reason: `Duplicate ${kind} id "${id}", also used in ${others.join(', ')}`,
        ruleId: 'duplicate-id',
        place: place(item.source, ['id']),
        hint: `Every ${kind} needs its own id; rename one (the file name is a good id).`,
      })
    }
  }
  for (const item of items) {
    const name = path.basename(item.source.file.path, path.extname(item.source.file.path))
    if (name === item.id) continue
    report(item.source.file, {
      reason: `The ${kind} id "${item.id}" differs from its file name "${path.basename(item.source.file.path)}"`,
      ruleId: 'id-file-mismatch',
      severity: 'warning',
      place: place(item.source, ['id']),
      hint: `Citations use the id, not the file name. Rename the file to ${item.id}.md, or set "id: ${name}".`,
    })
  }
}

/**
 * Evidence ids an invalid priority refers to (front matter and `@id`s in its
 * body): they are not reported as uncited because of an error elsewhere.
 */
export function referencedIds(source: SourceFile): string[] {
  const data = source.yaml?.data
  const ids: unknown[] = []
  if (isRecord(data)) {
    if (isRecord(data.stated)) ids.push(data.stated.cite)
    if (Array.isArray(data.evidence)) ids.push(...data.evidence)
    if (Array.isArray(data.history)) for (const entry of data.history) if (isRecord(entry) && Array.isArray(entry.evidence)) ids.push(...entry.evidence)
  }
  for (const match of source.body.matchAll(/@([A-Za-z0-9_][\w-]*)/g)) ids.push(match[1])
  return ids.filter((id): id is string => typeof id === 'string')
}

function place(source: SourceFile, at: readonly PropertyKey[]) {
  return source.yaml ? yamlPlace(source.file, source.yaml, at) : undefined
}
