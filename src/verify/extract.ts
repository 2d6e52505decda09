/**
 * Source documents as plain text, with what their locators can be checked
 * against: page markers and headings. Plain text and Markdown are read as
 * they are; HTML is reduced to its text with hast-util-to-text; PDF through
 * pdfjs-dist (loaded only when a PDF source is used).
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

/** A source document as Scorecard compares excerpts with it. */
export interface SourceText {
  /** The text, with running heads (page markers) removed so that sentences run on across pages. */
  text: string
  /** Where each marked page starts in `text`, in order. Empty when the source carries no page markers. */
  pages: {offset: number; page: number}[]
  /**
   * Headings and where they stand. For plain text and PDF, which do not mark
   * headings, every line is a candidate and a heading is a line (or two
   * consecutive lines) of its own.
   */
  headings: {text: string; offset: number}[]
  /** Lowercase SHA-256 of the file's bytes. */
  sha256: string
}

/** File kinds Scorecard can read sources from. */
export const sourceExtensions = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf'] as const

/**
 * A running head with a page number, as in printed reports:
 * `6 | kazakhstan’s osce chairmanship 2010` or `janusz bugajski | 7`.
 */
const runningHead = /^[ \t]*(?:(\d{1,4})[ \t]*\|[^\n|]*|[^\n|]*\|[ \t]*(\d{1,4}))[ \t]*$/

/** Read and prepare a source file. Throws when it cannot be read. */
export async function readSource(file: string): Promise<SourceText> {
  const bytes = await readFile(file)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const extension = path.extname(file).toLowerCase()
  if (extension === '.pdf') return {...(await pdfText(bytes)), sha256}
  const raw = bytes.toString('utf8').replace(/\r\n?/g, '\n')
  if (extension === '.html' || extension === '.htm') return {...(await htmlText(raw)), sha256}
  if (extension === '.md' || extension === '.markdown') return {...(await markdownText(raw)), sha256}
  return {...plainText(raw), sha256}
}

/** Plain text: running heads become page markers; every line may be a heading. */
export function plainText(raw: string): Omit<SourceText, 'sha256'> {
  const pages: SourceText['pages'] = []
  let text = ''
  let afterHead = false
  for (const line of raw.split('\n')) {
    const head = runningHead.exec(line)
    if (head) {
      // The blank lines around a running head are the page break, not a paragraph break.
      text = text.replace(/\n(?:[ \t]*\n)+$/, '\n')
      pages.push({offset: text.length, page: Number(head[1] ?? head[2])})
      afterHead = true
      continue
    }
    if (afterHead && !line.trim()) continue
    afterHead = false
    text += `${line}\n`
  }
  return {text, pages, headings: lineHeadings(text)}
}

/** Every line and every pair of consecutive lines, as heading candidates. */
function lineHeadings(text: string): SourceText['headings'] {
  const headings: SourceText['headings'] = []
  const lines = text.split('\n')
  let offset = 0
  lines.forEach((line, index) => {
    if (line.trim()) {
      headings.push({text: line.trim(), offset})
      const next = lines[index + 1]
      if (next?.trim()) headings.push({text: `${line.trim()} ${next.trim()}`, offset})
    }
    offset += line.length + 1
  })
  return headings
}

/** Markdown: compared as its text (no emphasis marks or link syntax); its headings are the headings. */
async function markdownText(raw: string): Promise<Omit<SourceText, 'sha256'>> {
  const [{unified}, {default: remarkParse}, {toString}] = await Promise.all([import('unified'), import('remark-parse'), import('mdast-util-to-string')])
  const tree = unified().use(remarkParse).parse(raw)
  const headings: SourceText['headings'] = []
  let text = ''
  for (const node of tree.children) {
    const value = toString(node)
    if (!value.trim()) continue
    if (node.type === 'heading') headings.push({text: value.trim(), offset: text.length})
    text += `${value}\n\n`
  }
  return {text, pages: [], headings}
}

/** HTML: the text as a browser would lay it out (hast-util-to-text); `h1`–`h6` are the headings. */
async function htmlText(raw: string): Promise<Omit<SourceText, 'sha256'>> {
  const [{fromHtml}, {toText}] = await Promise.all([import('hast-util-from-html'), import('hast-util-to-text')])
  const tree = fromHtml(raw)
  const text = toText(tree)
  const headings: SourceText['headings'] = []
  const visit = (node: (typeof tree.children)[number] | typeof tree): void => {
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
      const heading = toText(node).trim()
      if (heading) headings.push({text: heading, offset: text.indexOf(heading, headings.at(-1)?.offset ?? 0)})
      return
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return {text, pages: [], headings}
}

/** PDF: each page's text in reading order; pages are the PDF's own page labels, or their numbers. */
async function pdfText(bytes: Buffer): Promise<Omit<SourceText, 'sha256'>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0}).promise
  try {
    const labels = await document.getPageLabels()
    const pages: SourceText['pages'] = []
    let text = ''
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      const label = labels?.[number - 1]
      pages.push({offset: text.length, page: label && /^\d+$/.test(label) ? Number(label) : number})
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '')
      text += '\n\n'
      page.cleanup()
    }
    return {text, pages, headings: lineHeadings(text)}
  } finally {
    await document.destroy()
  }
}
