/**
 * A fast path for the commonest Markdown body of all: an evidence excerpt
 * that is nothing but paragraphs of plain text.
 *
 * Parsing is most of the time `check` takes, and on a large project ten of
 * every eleven files are excerpts of a few hundred characters, where the
 * parser's set-up for each document costs as much as the parsing itself
 * (docs/performance.md). A body made of lines that no Markdown or GFM
 * construct can start, end or appear in gives the same tree every time:
 * paragraphs of one text node each. This builds that tree directly, and
 * declines (returns undefined) anything else, which the full parser then
 * handles. remark (with remark-gfm) is the reference: this is only an
 * optimisation of it, and where the two could differ the fast path declines.
 * test/link/markdown-fast-path.test.ts checks it against remark on generated
 * input and on every excerpt of the example.
 */
import type {Paragraph, PhrasingContent, Root, Text} from 'mdast'
import type {Point} from 'unist'

/**
 * Characters that start or end a construct somewhere in a line: escapes,
 * code, emphasis and strikethrough, links, images, footnotes, HTML and
 * autolinks, character references, tables, email autolinks. Control
 * characters are out too (NUL is replaced by the parser).
 */
const special = /[\u0000-\u001f\u007f\\`*_[\]!<>&~|@]/
/** GFM literal autolinks: `www.` and `scheme://`. */
const autolink = /www\.|:\/\//i
/** Lines that would open a block: headings, lists, thematic breaks, setext underlines, indented code. */
const blockStart = /^(?:[#+=-]|\d{1,9}[.)](?:[ \t]|$)|[ \t])/
const blank = /^[ \t]*$/

/**
 * The mdast tree of `body` if it is nothing but paragraphs of plain text
 * (lines without leading or trailing whitespace, separated by blank lines),
 * exactly as remark-parse with remark-gfm gives it; otherwise undefined.
 */
export function parsePlainParagraphs(body: string): Root | undefined {
  const children: Paragraph[] = []
  let lines: string[] = []
  let start: Point | undefined
  let end: Point | undefined
  const close = (): void => {
    if (!start || !end) return
    const text: Text = {type: 'text', value: lines.join('\n'), position: {start: {...start}, end: {...end}}}
    children.push({type: 'paragraph', children: [text], position: {start: {...start}, end: {...end}}})
    lines = []
    start = undefined
    end = undefined
  }

  let line = 1
  let offset = 0
  for (;;) {
    const newline = body.indexOf('\n', offset)
    const stop = newline === -1 ? body.length : newline
    const content = body.slice(offset, stop)
    if (blank.test(content)) close()
    else {
      if (blockStart.test(content) || / $/.test(content) || content.endsWith('\t') || special.test(content) || autolink.test(content)) return undefined
      start ??= {line, column: 1, offset}
      end = {line, column: content.length + 1, offset: stop}
      lines.push(content)
    }
    if (newline === -1) break
    offset = newline + 1
    line++
  }
  close()
  if (children.length === 0) return undefined
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end: {line, column: body.length - offset + 1, offset: body.length}}}
}

/**
 * The HTML the render stage makes of a tree of plain paragraphs (as
 * {@link parsePlainParagraphs} builds them): `<p>` elements one per line, text
 * as is. Undefined for any other tree, or text that would need escaping.
 */
export function plainParagraphsHtml(tree: Root): string | undefined {
  const parts: string[] = []
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || node.data !== undefined || node.children.length !== 1) return undefined
    const text = node.children[0]!
    // `&` and `<` would be escaped, and blanks around line breaks trimmed.
    if (text.type !== 'text' || text.data !== undefined || /[&<]|[ \t]\n|\n[ \t]/.test(text.value)) return undefined
    parts.push(`<p>${text.value}</p>`)
  }
  return parts.length > 0 ? parts.join('\n') : undefined
}

/**
 * In prose, the characters the plain path refuses that {@link parseSimpleProse}
 * takes under conditions: `*` (emphasis), `[`, `]` and `@` (citations, which
 * are text to remark and become citation nodes in remark-citations.ts).
 */
const proseSpecial = /[\u0000-\u001f\u007f\\`_!<>&~|]/
/**
 * Brackets that could make a link or a footnote: a line opening with `[` (a
 * definition, which would let `[label]` resolve), `](` (an inline link), `][`
 * (a reference), `[^` (a GFM footnote).
 */
const linkLike = /^\[|\]\(|\]\[|\[\^/
/** Characters an e-mail address's local part ends with: `x@y.z` and `mailto:x@y.z` are GFM autolinks. */
const emailAtext = /[A-Za-z0-9_+\-.]/
const asciiAlphanumeric = /[A-Za-z0-9]/
/** What may follow a closing `*` or `**`: it must not be able to open (see the flanking rules). */
const afterCloser = /[ .,;:?)]/

/** One piece of a paragraph's inline content, by offsets into the body. */
interface Span {
  /** 0: text; 1: emphasis; 2: strong (the length of the `*` runs). */
  kind: 0 | 1 | 2
  /** Offsets of the whole span (with its `*` runs). */
  from: number
  to: number
}

/**
 * The mdast tree of `body` if it is made of paragraphs of text with
 * `*emphasis*`, `**strong**` and brackets that can only be text (citations),
 * exactly as remark-parse with remark-gfm gives it (before remark-citations,
 * which runs on this tree as on remark's); otherwise undefined.
 *
 * Emphasis is taken only in the one form whose outcome the CommonMark
 * delimiter rules fix without any search: a run of one or two `*` after a
 * space or at the start of a line, followed by an ASCII letter or digit,
 * then text without specials on the same line, ending with an ASCII letter
 * or digit, then a run of the same length followed by the end of the line,
 * a space or `.,;:?)`. The opening run can only open and the closing run can
 * only close, and nothing lies between them, so they pair with each other.
 * Brackets cannot make links: nothing defines a label (no line starts with
 * `[`), and `](`, `][` and `[^` are refused. No `@` follows a character an
 * e-mail address could end with, so GFM finds no address.
 */
export function parseSimpleProse(body: string): Root | undefined {
  const children: Paragraph[] = []
  let spans: Span[] = []
  let first = -1
  let last = -1
  // Line starts by offset, to turn offsets into points.
  const lineStarts: number[] = []
  const point = (offset: number): Point => {
    // Binary search for the line holding `offset`.
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >>> 1
      if (lineStarts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return {line: low + 1, column: offset - lineStarts[low]! + 1, offset}
  }
  const paragraphs: {spans: Span[]; from: number; to: number}[] = []
  const close = (): void => {
    if (first === -1) return
    paragraphs.push({spans, from: first, to: last})
    spans = []
    first = -1
    last = -1
  }
  /** Add text from `from` to `to` to the paragraph, joining it to text before it. */
  const text = (from: number, to: number): void => {
    if (from === to) return
    const tail = spans[spans.length - 1]
    if (tail && tail.kind === 0 && tail.to === from) tail.to = to
    else spans.push({kind: 0, from, to})
  }

  let offset = 0
  for (;;) {
    lineStarts.push(offset)
    const newline = body.indexOf('\n', offset)
    const stop = newline === -1 ? body.length : newline
    const content = body.slice(offset, stop)
    if (blank.test(content)) close()
    else {
      if (blockStart.test(content) || / $/.test(content) || content.endsWith('\t') || proseSpecial.test(content) || autolink.test(content) || linkLike.test(content)) return undefined
      for (let at = content.indexOf('@'); at !== -1; at = content.indexOf('@', at + 1)) if (at > 0 && emailAtext.test(content[at - 1]!)) return undefined
      // The line ending before this line belongs to the paragraph's text.
      if (first === -1) first = offset
      else text(offset - 1, offset)
      let at = 0
      for (;;) {
        const open = content.indexOf('*', at)
        if (open === -1) break
        const size = content[open + 1] === '*' ? 2 : 1
        const inside = open + size
        if ((open > 0 && content[open - 1] !== ' ') || !asciiAlphanumeric.test(content[inside] ?? '')) return undefined
        const shut = content.indexOf('*', inside)
        if (shut === -1) return undefined
        const end = shut + size
        if (content.slice(shut, end) !== '*'.repeat(size) || content[end] === '*' || !asciiAlphanumeric.test(content[shut - 1]!)) return undefined
        if (end < content.length && !afterCloser.test(content[end]!)) return undefined
        const between = content.slice(inside, shut)
        if (between.includes('[') || between.includes(']') || between.includes('@')) return undefined
        text(offset + at, offset + open)
        spans.push({kind: size, from: offset + open, to: offset + end})
        at = end
      }
      text(offset + at, stop)
      last = stop
    }
    if (newline === -1) break
    offset = newline + 1
  }
  close()
  if (paragraphs.length === 0) return undefined

  for (const paragraph of paragraphs) {
    const inline: PhrasingContent[] = paragraph.spans.map((span) => {
      if (span.kind === 0) return {type: 'text', value: body.slice(span.from, span.to), position: {start: point(span.from), end: point(span.to)}}
      const inner: Text = {type: 'text', value: body.slice(span.from + span.kind, span.to - span.kind), position: {start: point(span.from + span.kind), end: point(span.to - span.kind)}}
      return {type: span.kind === 2 ? 'strong' : 'emphasis', children: [inner], position: {start: point(span.from), end: point(span.to)}}
    })
    children.push({type: 'paragraph', children: inline, position: {start: point(paragraph.from), end: point(paragraph.to)}})
  }
  const end = lineStarts[lineStarts.length - 1]!
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end: {line: lineStarts.length, column: body.length - end + 1, offset: body.length}}}
}
