/**
 * Reading a printed PDF back for the layout audit, on two threads when the
 * machine has two cores: this one reads the first half of the pages and a
 * worker (audit-worker.ts) the second. Both start loading pdfjs when the
 * reader is prepared, which `build` does before it prints, so that the load
 * happens while Chromium works.
 *
 * Without the worker's file (the library run from its TypeScript sources, as
 * the tests do) or when the worker fails, this thread reads every page: the
 * pages are the same either way (test/print/audit-pool.test.ts).
 */
import {existsSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {loadPdfjs, readPdfLayout, type AuditFont, type AuditPage} from './audit-read.js'
import type {AuditReply, AuditRequest} from './audit-worker.js'

/** A prepared reader; close it when done. */
export interface AuditReader {
  /** Read every page of `pdf`; `fonts` as for `readPdfLayout` (required for the split: it gives the page count). */
  read(pdf: Uint8Array, fonts?: AuditFont[][]): Promise<AuditPage[]>
  /** Stop the worker. Safe to call twice. */
  close(): Promise<void>
  /** Whether a worker thread takes part. */
  readonly threads: 1 | 2
}

/** Below this many pages the worker's own parse of the PDF costs more than it saves. */
const minPagesToSplit = 8

/** The worker's file, beside this module's (in dist/print/ and in the bundled CLI's dist-cli/). */
export const auditWorkerUrl = new URL('./audit-worker.js', import.meta.url)

/**
 * Start loading what reading needs: pdfjs here and, with a core to spare, a
 * worker. `worker: false` reads on this thread only.
 */
export function prepareAuditReader(options: {worker?: URL | false} = {}): AuditReader {
  loadPdfjs().catch(() => {})
  // A worker named by the caller always runs; the default one only with a core to spare.
  const url = options.worker ?? (os.availableParallelism() > 1 ? auditWorkerUrl : false)
  const worker = url !== false && existsSync(fileURLToPath(url)) ? startWorker(url) : undefined
  return {
    threads: worker ? 2 : 1,
    async read(pdf, fonts) {
      const count = fonts?.length ?? 0
      if (worker === undefined || count < minPagesToSplit) return readPdfLayout(pdf, fonts)
      const middle = Math.ceil(count / 2)
      const [first, second] = await Promise.all([
        readPdfLayout(pdf, fonts, {first: 1, last: middle}),
        worker.read({pdf: new Uint8Array(pdf), first: middle + 1, last: count}).catch(() => readPdfLayout(pdf, fonts, {first: middle + 1, last: count})),
      ])
      return [...first, ...second.map((page) => ({...page, fonts: fonts?.[page.number - 1] ?? []}))]
    },
    async close() {
      await worker?.close()
    },
  }
}

interface AuditWorker {
  read(request: AuditRequest): Promise<AuditPage[]>
  close(): Promise<void>
}

function startWorker(url: URL): AuditWorker {
  const worker = new Worker(url)
  // A worker left running must never keep the process alive.
  worker.unref()
  let failed: Error | undefined
  const pending = new Set<(reply: AuditReply) => void>()
  const fail = (error: Error): void => {
    failed ??= error
    for (const answer of pending) answer({error: failed.message})
    pending.clear()
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`The audit worker stopped (exit code ${code}).`)))
  worker.on('message', (reply: AuditReply) => {
    // One request at a time: the first waiting answer is this one.
    const [answer] = pending
    if (answer) {
      pending.delete(answer)
      answer(reply)
    }
  })
  return {
    read(request) {
      if (failed) return Promise.reject(failed)
      return new Promise((resolve, reject) => {
        pending.add((reply) => ('pages' in reply ? resolve(reply.pages) : reject(new Error(reply.error))))
        worker.postMessage(request, [request.pdf.buffer as ArrayBuffer])
      })
    },
    async close() {
      await worker.terminate()
    },
  }
}
