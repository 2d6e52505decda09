/**
 * Write assets/audit-warmup.pdf: a short tagged PDF, printed by Chromium
 * through Scorecard's own printer in the bundled fonts, with what a report
 * has (headings, paragraphs with emphasis and links, a table, a list, notes).
 * The layout audit's workers read it while the real PDF is being printed, so
 * that pdfjs's code is compiled and warm when the real one arrives (see
 * src/print/audit-worker.ts). Run after `npm run build`; the file is
 * committed, and only needs making again if that changes.
 */
import {writeFile} from 'node:fs/promises'
import {withBrowser} from '../dist/print/index.js'
import {fontFaceCss} from '../dist/render/fonts.js'

const words = 'The Chairmanship convened the participating States, and the talks on the protracted conflicts went on through the summer without a result. '
const fonts = await fontFaceCss(`${words} ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,;:()–—“”‘’…`)
const paragraph = (n) => `<p>${words.repeat(n)}<em>Emphasis</em>, <strong>strong</strong> and <a href="#n1">a note</a>.</p>`
const rows = Array.from({length: 14}, (_, i) => `<tr><td>Priority ${i + 1}</td><td>On track</td><td>${2010 + (i % 3)}</td></tr>`).join('')
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audit warm-up</title><style>${fonts}
@page { size: A4; margin: 25mm 27mm 22mm; }
html { font-family: 'Source Serif 4'; font-size: 10.5pt; line-height: 1.42; }
h1, h2, h3, th { font-family: 'Source Sans 3'; }
h2 { break-before: page; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 4pt; border-bottom: 1px solid #888; }
</style></head><body>
<h1>Audit warm-up</h1><nav><ol><li><a href="#a">First chapter</a></li><li><a href="#b">Second chapter</a></li></ol></nav>
<h2 id="a">First chapter</h2>${paragraph(4)}<h3>A section</h3>${paragraph(6)}<blockquote><p>“${words}”</p></blockquote>
<table><thead><tr><th>Priority</th><th>Status</th><th>Year</th></tr></thead><tbody>${rows}</tbody></table>
<h2 id="b">Second chapter</h2>${paragraph(5)}<ul><li>${words}</li><li>${words}</li></ul>${paragraph(8)}
<section><h3>Notes</h3><ol><li id="n1">${words}<cite>A source</cite>, 31 July 2010.</li></ol></section>
</body></html>`
const metadata = {title: 'Audit warm-up', author: 'Scorecard', subject: 'Layout audit warm-up', keywords: [], creator: 'Scorecard', lang: 'en', date: new Date('2010-10-31T00:00:00Z')}
const {pdf, pageCount} = await withBrowser({}, (printer) => printer.print(html, {metadata}))
await writeFile(new URL('../assets/audit-warmup.pdf', import.meta.url), pdf)
process.stdout.write(`assets/audit-warmup.pdf: ${pageCount} pages, ${pdf.length} bytes\n`)
