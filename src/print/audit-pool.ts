/**
 * Reading a printed PDF back for the layout audit, in worker threads
 * (audit-worker.ts): with two cores, two workers each read half the pages.
 * `build` prepares the reader before it prints, so that the workers load
 * pdfjs (about 0.3 s) while Chromium works.
 *
 * The workers also keep pdfjs out of the main thread. Its Node build (the
 * legacy one, for Node 20) installs core-js polyfills on the globals it
 * touches, among them `Uint8Array.fromBase64` and `JSON.stringify`, and
 * puppeteer then decodes every printed PDF with the JavaScript `fromBase64`:
 * 0.3 s for the example's. pdfjs needs them once loaded, so they cannot be
 * put back. When there is no worker file (the library run from its
 * TypeScript sources, as most tests do) or a worker fails, this thread reads.
 * The pages are the same either way (test/print/audit-pool.test.ts).
 */
import {existsSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {readPdfLayout, type AuditFont, type AuditPage} from './audit-read.js'
import type {AuditReply, AuditRequest} from './audit-worker.js'

/** A prepared reader; close it when done. */
export interface AuditReader {
  /** Read every page of `pdf`; `fonts` as for `readPdfLayout` (its length, the page count, is what lets the pages be shared out). */
  read(pdf: Uint8Array, fonts?: AuditFont[][]): Promise<AuditPage[]>
  /** Stop the workers. Safe to call twice. */
  close(): Promise<void>
  /** How many worker threads read (0: this thread does). */
  readonly workers: number
}

/** Below this many pages a second worker's own parse of the PDF costs more than it saves. */
const minPagesToShare = 8

/** The worker's file, beside this module's (in dist/print/ and in the bundled CLI's dist-cli/). */
export const auditWorkerUrl = new URL('./audit-worker.js', import.meta.url)

/**
 * Start the workers (two with a core to spare, else one), which load pdfjs
 * at once. `worker` names another worker file; `false` reads on this thread.
 */
export function prepareAuditReader(options: {worker?: URL | false; workers?: number} = {}): AuditReader {
  const url = options.worker ?? auditWorkerUrl
  const count = url === false || !existsSync(fileURLToPath(url)) ? 0 : (options.workers ?? (os.availableParallelism() > 1 ? 2 : 1))
  const workers = Array.from({length: count}, () => startWorker(url as URL))
  return {
    workers: workers.length,
    async read(pdf, fonts) {
      const pages = fonts?.length ?? 0
      if (workers.length === 0 || pages === 0) return readPdfLayout(pdf, fonts)
      const shares = pages < minPagesToShare ? 1 : workers.length
      const size = Math.ceil(pages / shares)
      const ranges = Array.from({length: shares}, (_, index) => ({first: index * size + 1, last: Math.min(pages, (index + 1) * size)}))
      const parts = await Promise.all(
        ranges.map((range, index) => workers[index]!.read({pdf: new Uint8Array(pdf), ...range}).catch(() => readPdfLayout(pdf, fonts, range))),
      )
      return parts.flat().map((page) => ({...page, fonts: fonts?.[page.number - 1] ?? []}))
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()))
    },
  }
}

interface AuditWorker {
  read(request: AuditRequest): Promise<AuditPage[]>
  close(): Promise<void>
}

function startWorker(url: URL): AuditWorker {
  const worker = new Worker(url)
  let failed: Error | undefined
  const waiting: ((reply: AuditReply) => void)[] = []
  const fail = (error: Error): void => {
    failed ??= error
    for (const answer of waiting.splice(0)) answer({error: failed.message})
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`The audit worker stopped (exit code ${code}).`)))
  // Requests are answered in the order they were sent.
  worker.on('message', (reply: AuditReply) => {
    waiting.shift()?.(reply)
    if (waiting.length === 0) worker.unref()
  })
  // An idle worker never keeps the process alive; one with a request to
  // answer does. (This comes after the listeners: adding a 'message'
  // listener refs the worker again.)
  worker.unref()
  return {
    read(request) {
      if (failed) return Promise.reject(failed)
      return new Promise((resolve, reject) => {
        waiting.push((reply) => ('pages' in reply ? resolve(reply.pages) : reject(new Error(reply.error))))
        worker.ref()
        worker.postMessage(request, [request.pdf.buffer as ArrayBuffer])
      })
    },
    async close() {
      await worker.terminate()
    },
  }
}
