/**
 * Writing outputs without ever leaving a half-written file: each output is
 * written to a temporary file in the same directory and renamed into place
 * only after every output has been written.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, open, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {setTimeout as delay} from 'node:timers/promises'
import path from 'node:path'
import {ScorecardError} from '../core/errors.js'

/** One file to write: a name inside the output folder and its bytes. */
export interface OutputFile {
  name: string
  data: string | Uint8Array
}

/** Prefix of temporary files; ignored by git. */
export const tempPrefix = '.scorecard-tmp-'

/**
 * Write `files` into `outDir` atomically per file, and all-or-nothing as far
 * as the file system allows: nothing is renamed until everything is written.
 * Returns the absolute paths written.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  try {
    await mkdir(outDir, {recursive: true})
  } catch (error) {
    throw writeFailed(outDir, error)
  }
  return withLock(outDir, () => writeAll(outDir, files))
}

/** Name of the lock file that keeps two builds from writing one folder at once. */
export const lockName = '.scorecard.lock'

/**
 * Hold `outDir`'s lock while `fn` runs. Another live process holding it is
 * waited for (up to `waitMs`); a lock left by a dead process is taken over.
 */
async function withLock<T>(outDir: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const lock = path.join(outDir, lockName)
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const handle = await open(lock, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(outDir, error)
      const owner = Number(await readFile(lock, 'utf8').catch(() => ''))
      if (owner > 0 && !isAlive(owner)) {
        await rm(lock, {force: true})
        continue
      }
      if (Date.now() > deadline)
        throw new ScorecardError('WRITE_FAILED', `Another build (pid ${owner || 'unknown'}) is still writing to ${outDir}`, {
          hint: `Wait for it to finish, or delete ${lock} if no build is running.`,
        })
      await delay(50)
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, {force: true})
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
      if (file.name.includes('/') || file.name.includes('\\') || file.name.startsWith('.'))
        throw new TypeError(`Output name must be a plain file name: ${file.name}`)
      const final = path.join(outDir, file.name)
      const temp = path.join(outDir, `${tempPrefix}${tag}-${file.name}`)
      staged.push({temp, final})
      await writeFile(temp, file.data)
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
