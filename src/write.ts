/**
 * Writing outputs without ever leaving a half-written file: each output is
 * written to a temporary file in the same directory and renamed into place
 * only after every output has been written.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {ScorecardError} from './errors.js'

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
  const staged: {temp: string; final: string}[] = []
  try {
    await mkdir(outDir, {recursive: true})
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
    throw new ScorecardError('WRITE_FAILED', `Could not write to ${outDir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'Check that the output folder is writable and the disk is not full.',
    })
  }
}
