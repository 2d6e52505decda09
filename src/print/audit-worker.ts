/**
 * A worker thread that reads part of a printed PDF for the layout audit (see
 * audit-pool.ts): pdfjs takes about 20 ms a page to give text with
 * positions, and a second thread halves that on a machine with a core to
 * spare. It loads pdfjs as soon as it starts, which is while Chromium prints,
 * and reads a short warm-up PDF.
 */
import {readFile} from 'node:fs/promises'
import {parentPort} from 'node:worker_threads'
import {loadPdfjs, readPdfLayout, warmupPdf, type AuditPage, type PageRange} from './audit-read.js'

/** What the worker is sent: the PDF and the pages it reads. */
export interface AuditRequest extends PageRange {
  pdf: Uint8Array
}

/** What it answers. */
export type AuditReply = {pages: AuditPage[]} | {error: string}

const port = parentPort
if (port === null) throw new Error('audit-worker.js runs as a worker thread only.')
// pdfjs runs about 1.5 times as fast on a document once it has read one:
// its code is compiled and optimised by then. The worker reads a short one
// while Chromium prints, so that this is done when the real PDF arrives. A
// missing or unreadable warm-up file costs only that.
const warm = loadPdfjs().then(
  () => readFile(warmupPdf).then((bytes) => readPdfLayout(new Uint8Array(bytes))),
  () => undefined,
).catch(() => undefined)
port.on('message', (request: AuditRequest) => {
  warm.then(() => readPdfLayout(request.pdf, [], {first: request.first, last: request.last})).then(
    (pages) => port.postMessage({pages} satisfies AuditReply),
    (error: unknown) => port.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies AuditReply),
  )
})
