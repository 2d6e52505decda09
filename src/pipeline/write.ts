/**
 * Writing outputs without ever leaving a half-written file: each output is
 * written to a temporary file in the same directory and renamed into place
 * only after every output has been written.
 */
import {randomBytes} from 'node:crypto'
import {constants} from 'node:fs'
import {chmod, lstat, mkdir, open, rename, rm, utimes, writeFile} from 'node:fs/promises'
import {hostname} from 'node:os'
import {setTimeout as delay} from 'node:timers/promises'
import path from 'node:path'
import {ScorecardError} from '../core/errors.js'

/** One file to write: a name inside the output folder and its bytes. */
export interface OutputFile {
  name: string
  data: string | Uint8Array
  /** Permission bits to give the file (default: the umask's). */
  mode?: number
}

/** Dot files Scorecard itself writes beside the outputs. */
const hiddenOutputs = new Set(['.scorecard-pdf.json'])

/** Prefix of temporary files; ignored by git. */
export const tempPrefix = '.scorecard-tmp-'

/**
 * Write `files` into `outDir` atomically per file, and all-or-nothing as far
 * as the file system allows: nothing is renamed until everything is written.
 * Returns the absolute paths written.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[], options: {root?: string} = {}): Promise<string[]> {
  await refuseLinkedFolder(outDir, options.root)
  try {
    await mkdir(outDir, {recursive: true})
  } catch (error) {
    throw writeFailed(outDir, error)
  }
  await refuseLinkedFolder(outDir, options.root)
  return withLock(outDir, () => writeAll(outDir, files))
}

/**
 * Refuse an output folder that is a symbolic link, or that sits under one
 * inside the project (`root`): a pull request can commit `out` as a link to
 * any folder the build may write, and the build would overwrite its files.
 */
async function refuseLinkedFolder(outDir: string, root: string | undefined): Promise<void> {
  const folders = [outDir]
  if (root) {
    const relative = path.relative(root, outDir)
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
      const parts = relative.split(path.sep)
      for (let i = 1; i < parts.length; i++) folders.push(path.join(root, ...parts.slice(0, i)))
    }
  }
  for (const folder of folders) {
    const stats = await lstat(folder).catch(() => undefined)
    if (!stats) continue
    if (stats.isSymbolicLink())
      throw new ScorecardError('WRITE_FAILED', `Output folder ${folder} is a symbolic link; Scorecard does not write through links`, {
        hint: 'Remove the link (it may have come with a pull request) and build again, or pass --out with a real folder.',
      })
    if (!stats.isDirectory())
      throw new ScorecardError('WRITE_FAILED', `Output folder ${folder} exists and is not a folder`, {hint: 'Remove it, or pass --out with another folder.'})
  }
}

/** Name of the lock file that keeps two builds from writing one folder at once. */
export const lockName = '.scorecard.lock'

/** A live lock's owner touches it this often, so a lock untouched for {@link staleAfterMs} is stale. */
const heartbeatMs = 5_000
const staleAfterMs = 30_000
/** A lock with no readable owner yet may be one another build is writing this instant. */
const unreadableGraceMs = 2_000

/**
 * Hold `outDir`'s lock while `fn` runs. Another live process holding it is
 * waited for (up to `waitMs`). A stale lock is taken over: one whose owner is
 * dead on this host, one nobody has touched for 30 s (another host's, or a
 * reused pid), and an empty, unreadable or foreign one (left by a full disk,
 * or committed to the repository) once it is 2 s old.
 */
async function withLock<T>(outDir: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const lock = path.join(outDir, lockName)
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const handle = await open(lock, 'wx')
      await handle.writeFile(JSON.stringify({pid: process.pid, host: hostname()}))
      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(outDir, error)
      const state = await lockState(lock)
      if (state.stale) {
        await rm(lock, {force: true})
        continue
      }
      if (Date.now() > deadline)
        throw new ScorecardError('WRITE_FAILED', `Another build (${state.owner}) is still writing to ${outDir}`, {
          hint: `Wait for it to finish, or delete ${lock} if no build is running.`,
        })
      await delay(50)
    }
  }
  const heartbeat = setInterval(() => {
    const now = new Date()
    utimes(lock, now, now).catch(() => {})
  }, heartbeatMs)
  heartbeat.unref()
  try {
    return await fn()
  } finally {
    clearInterval(heartbeat)
    await rm(lock, {force: true})
  }
}

/** Whether the lock at `lock` is stale, and who holds it (for the message). */
async function lockState(lock: string): Promise<{stale: boolean; owner: string}> {
  let stats
  try {
    stats = await lstat(lock)
  } catch {
    return {stale: false, owner: 'unknown'}
  }
  const age = Date.now() - stats.mtimeMs
  // A link or special file is never a lock this program wrote; it is not followed.
  if (!stats.isFile()) return {stale: true, owner: 'none'}
  const owner = await readLock(lock)
  if (!owner) return {stale: age > unreadableGraceMs, owner: 'unknown'}
  const label = `pid ${owner.pid} on ${owner.host}`
  if (owner.host === hostname() && !isAlive(owner.pid)) return {stale: true, owner: label}
  return {stale: age > staleAfterMs, owner: label}
}

/** The owner a lock names, read without following links or blocking, at most 4 KB. */
async function readLock(lock: string): Promise<{pid: number; host: string} | undefined> {
  let handle
  try {
    handle = await open(lock, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
    const buffer = Buffer.alloc(4096)
    const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0)
    const data: unknown = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8'))
    if (typeof data !== 'object' || data === null) return undefined
    const {pid, host} = data as Record<string, unknown>
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && typeof host === 'string' ? {pid, host} : undefined
  } catch {
    return undefined
  } finally {
    await handle?.close()
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function writeAll(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staged: {temp: string; final: string}[] = []
  try {
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`
    for (const file of files) {
      if (file.name.includes('/') || file.name.includes('\\') || (file.name.startsWith('.') && !hiddenOutputs.has(file.name)))
        throw new TypeError(`Output name must be a plain file name: ${file.name}`)
      const final = path.join(outDir, file.name)
      const temp = path.join(outDir, `${tempPrefix}${tag}-${file.name}`)
      staged.push({temp, final})
      // `wx`: a fresh file, never one planted under the temporary name.
      await writeFile(temp, file.data, {flag: 'wx'})
      // Keep a rewritten file's permissions (fmt); the umask must not narrow them.
      if (file.mode !== undefined) await chmod(temp, file.mode)
    }
    for (const {temp, final} of staged) await rename(temp, final)
    return staged.map(({final}) => final)
  } catch (error) {
    await Promise.all(staged.map(({temp}) => rm(temp, {force: true})))
    if (error instanceof TypeError) throw error
    throw writeFailed(outDir, error)
  }
}

function writeFailed(outDir: string, error: unknown): ScorecardError {
  return new ScorecardError('WRITE_FAILED', `Could not write to ${outDir}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
    hint: 'Check that the output folder is writable and the disk is not full.',
  })
}
