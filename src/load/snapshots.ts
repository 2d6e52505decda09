/**
 * Read the published editions, `editions/*.json` (see `core/snapshot.ts`).
 * A snapshot that cannot be read is a content problem on its file, like any
 * other; the edition is then treated as unpublished.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {parseDocument} from 'yaml'
import {location} from 'vfile-location'
import {compare, report} from '../core/diagnostics.js'
import {editionsFolder, snapshotSchema, snapshotVersion, type EditionSnapshot} from '../core/snapshot.js'

/** A published edition and the file it was read from. */
export interface PublishedEdition {
  snapshot: EditionSnapshot
  file: VFile
}

/** The published editions of a project, by edition id, and every snapshot file read. */
export interface Snapshots {
  files: VFile[]
  editions: Map<string, PublishedEdition>
}

/** Read `editions/*.json` under `root`. A project without the folder has no published editions. */
export async function loadSnapshots(root: string, cwd: string): Promise<Snapshots> {
  const dir = path.join(root, editionsFolder)
  const names = await readdir(dir).then(
    (all) => all.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort(compare),
    () => [] as string[],
  )
  const files: VFile[] = []
  const editions = new Map<string, PublishedEdition>()
  for (const name of names) {
    const absolute = path.join(dir, name)
    const value = (await readFile(absolute, 'utf8')).replace(/\r\n?/g, '\n')
    const file = new VFile({path: path.relative(cwd, absolute) || absolute, cwd, value})
    files.push(file)
    const snapshot = parseSnapshot(file)
    if (!snapshot) continue
    const expected = path.basename(name, '.json')
    if (snapshot.edition.id !== expected) {
      report(file, {
        reason: `Snapshot of edition "${snapshot.edition.id}" is saved as ${name}`,
        ruleId: 'invalid-snapshot',
        place: placeOf(file, `"id": ${JSON.stringify(snapshot.edition.id)}`),
        hint: `Name the file editions/${snapshot.edition.id}.json; "scorecard publish" does.`,
      })
      continue
    }
    editions.set(snapshot.edition.id, {snapshot, file})
  }
  return {files, editions}
}

function parseSnapshot(file: VFile): EditionSnapshot | undefined {
  let data: unknown
  try {
    data = JSON.parse(String(file.value))
  } catch (error) {
    // Node 20's JSON.parse does not always say where; the YAML parser (JSON is YAML) usually can.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')
    const offset = position ? Number(position[1]) : parseDocument(String(file.value), {schema: 'json'}).errors[0]?.pos[0]
    const point = offset === undefined ? undefined : location(file).toPoint(offset)
    report(file, {
      reason: `The snapshot is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      ruleId: 'invalid-snapshot',
      place: point ? {line: point.line, column: point.column} : {line: 1, column: 1},
      hint: 'Snapshots are written by "scorecard publish"; restore the file from version control rather than editing it.',
    })
    return undefined
  }
  const version = typeof data === 'object' && data !== null && 'schemaVersion' in data ? data.schemaVersion : undefined
  if (typeof version === 'number' && version < snapshotVersion) {
    // Version 1 recorded no chapter prose: reading it would show today's summary in a past edition.
    report(file, {
      reason: `The snapshot is in format ${version}, which does not record the edition's executive summary and closing chapters; this Scorecard reads format ${snapshotVersion}`,
      ruleId: 'invalid-snapshot',
      place: placeOf(file, '"schemaVersion"') ?? {line: 1, column: 1},
      hint: 'Publish the edition again (scorecard publish --edition ID --force) with report/*.md as they read on the edition\'s date, check that the ratings and texts it writes match the old file, and say why in the changelog.',
    })
    return undefined
  }
  const result = snapshotSchema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const field = issue.path.map(String).join('.')
  const key = issue.path.findLast((segment) => typeof segment === 'string')
  report(file, {
    reason: `The snapshot is malformed: "${field || '(top level)'}" ${issue.message}`,
    ruleId: 'invalid-snapshot',
    place: (key !== undefined ? placeOf(file, `"${String(key)}"`) : undefined) ?? {line: 1, column: 1},
    hint: 'Snapshots are written by "scorecard publish"; restore the file from version control rather than editing it.',
  })
  return undefined
}

/** Where `needle` first occurs in a snapshot file (after `after`, when given). */
export function placeOf(file: VFile, needle: string, after?: string): {line: number; column: number} | undefined {
  const text = String(file.value)
  const from = after === undefined ? 0 : Math.max(0, text.indexOf(after))
  const offset = text.indexOf(needle, from)
  if (offset < 0) return undefined
  const point = location(file).toPoint(offset)
  return point ? {line: point.line, column: point.column} : undefined
}
