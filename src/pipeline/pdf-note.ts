/**
 * The contents page numbers of the last PDF, kept in a small note beside it
 * (`out/.scorecard-pdf.json`) for the next build to confirm in one pass
 * instead of two. The note is only a hint: a print pass checks every number,
 * so a wrong or planted note costs one more pass, never a wrong PDF. It is
 * read with a size cap, without following links or blocking, and checked for
 * shape; the PDF in out/ is never read (a planted 60 MB file once cost 25 s
 * and 1.1 GB before the build began).
 */
import {constants} from 'node:fs'
import {open} from 'node:fs/promises'
import path from 'node:path'
import type {OutputFile} from './write.js'

/** File name of the note, in the output folder. */
export const pdfNoteName = '.scorecard-pdf.json'

/** Largest note read; a real one is a few kilobytes. */
const maxNoteBytes = 256 * 1024

/** The note for a PDF with these contents page numbers. */
export function pdfNote(tocPages: Readonly<Record<string, number>>): OutputFile {
  return {name: pdfNoteName, data: `${JSON.stringify({tocPages})}\n`}
}

/** The contents page numbers noted by the last build into `outDir`, if a sound note is there. */
export async function readPdfNote(outDir: string): Promise<Record<string, number> | undefined> {
  let handle
  try {
    handle = await open(path.join(outDir, pdfNoteName), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
    const stats = await handle.stat()
    if (!stats.isFile() || stats.size > maxNoteBytes) return undefined
    const buffer = Buffer.alloc(maxNoteBytes)
    const {bytesRead} = await handle.read(buffer, 0, maxNoteBytes, 0)
    const data: unknown = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8'))
    const pages = typeof data === 'object' && data !== null ? (data as {tocPages?: unknown}).tocPages : undefined
    if (typeof pages !== 'object' || pages === null || Array.isArray(pages)) return undefined
    const result: Record<string, number> = Object.create(null) as Record<string, number>
    for (const [id, page] of Object.entries(pages)) {
      if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > 1_000_000) return undefined
      result[id] = page
    }
    return result
  } catch {
    return undefined
  } finally {
    await handle?.close()
  }
}
