/**
 * Baseline: the bare unified pipeline (remark-parse → remark-gfm →
 * remark-rehype → rehype-stringify) over the same Markdown bytes Scorecard
 * renders: every body of priorities/, evidence/ and report/, front matter cut
 * off, one document per file, written to one HTML file.
 *
 * Usage: node bare-unified.js <project> <out.html>
 * Prints {"ms": …, "bytes": …, "files": …}: the time after module loading.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'

const [dir, out] = process.argv.slice(2)
if (!dir || !out) throw new TypeError('Usage: bare-unified.js <project> <out.html>')

const started = performance.now()
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze()
const parts: string[] = []
let bytes = 0
let files = 0
for (const folder of ['priorities', 'evidence', 'report']) {
  let names: string[]
  try {
    names = readdirSync(path.join(dir, folder)).filter((name) => name.endsWith('.md')).sort()
  } catch {
    continue
  }
  for (const name of names) {
    const text = readFileSync(path.join(dir, folder, name), 'utf8')
    const body = markdownBody(text)
    bytes += Buffer.byteLength(body)
    files++
    parts.push(String(processor.processSync(body)))
  }
}
writeFileSync(out, parts.join('\n'))
process.stdout.write(`${JSON.stringify({ms: Math.round(performance.now() - started), bytes, files})}\n`)

/** The text after YAML front matter (`---` … `---`), as the benchmark's corpora and the example write it. */
function markdownBody(text: string): string {
  if (!text.startsWith('---\n')) return text
  const end = text.indexOf('\n---\n', 3)
  return end === -1 ? text : text.slice(end + 5)
}
