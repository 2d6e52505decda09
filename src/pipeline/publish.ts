/**
 * `scorecard publish --edition ID`: freeze what an edition says into
 * `editions/<id>.json`, to be committed. From then on the edition is rebuilt
 * from that file, later editions measure change against it, and `check`
 * reports any edit that would rewrite it.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {ScorecardError} from '../core/errors.js'
import {editionsFolder, serializeSnapshot, type EditionSnapshot} from '../core/snapshot.js'
import {editionSnapshot} from '../score/editions.js'
import {checkLinked, type CheckOptions, type CheckResult} from './index.js'
import {writeOutputs} from './write.js'

/** Options for `publish`. */
export interface PublishOptions extends Omit<CheckOptions, 'asOf' | 'edition'> {
  /** The edition to publish: an id from scorecard.yml's `editions`. */
  edition: string
  /** Replace a snapshot that already exists (a deliberate correction). */
  force?: boolean
}

/** The outcome of `publish`. */
export interface PublishResult extends Omit<CheckResult, 'report'> {
  /** The snapshot written; undefined when the check failed. */
  snapshot: EditionSnapshot | undefined
  /** Absolute path of the file written. */
  written: string | undefined
}

/**
 * Check the project, then write `editions/<id>.json`. Nothing is written when
 * the check fails.
 *
 * @throws {ScorecardError} `INVALID_OPTION` for an unknown edition, or one
 * already published (unless `force`).
 */
export async function publish(dir: string, options: PublishOptions): Promise<PublishResult> {
  const {force, edition: id, ...rest} = options
  const {linked, published: _published, ...checked} = await checkLinked(dir, force ? {...rest, ignoreEdition: id} : rest)
  if (!checked.ok || !linked || checked.errors > 0) return {...checked, snapshot: undefined, written: undefined}
  const editions = linked.config.editions ?? []
  const edition = editions.find((entry) => entry.id === id)
  if (!edition)
    throw new ScorecardError('INVALID_OPTION', `Unknown edition "${id}"`, {
      hint: editions.length > 0 ? `Editions in scorecard.yml: ${editions.map((entry) => entry.id).join(', ')}.` : 'List the edition under "editions" in scorecard.yml first.',
    })
  const dirOut = path.join(linked.root, editionsFolder)
  const name = `${edition.id}.json`
  if (!force && existsSync(path.join(dirOut, name)))
    throw new ScorecardError('INVALID_OPTION', `Edition "${edition.id}" is already published (${editionsFolder}/${name})`, {
      hint: 'A published edition is never rewritten. To correct an error in it deliberately, pass --force and say why in the changelog.',
    })
  const snapshot = editionSnapshot(linked, edition)
  const [written] = await writeOutputs(dirOut, [{name, data: serializeSnapshot(snapshot)}])
  return {...checked, snapshot, written}
}
