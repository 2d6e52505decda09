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
import type {Heading, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text} from 'mdast'
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
/**
 * Lines that would open a block: headings, lists, thematic breaks, setext
 * underlines, indented code, and a GFM table's delimiter row (`:---` under a
 * line makes a one-column table; rows with `|` are refused as special).
 */
const blockStart = /^(?:[#+=-]|:-|\d{1,9}[.)](?:[ \t]|$)|[ \t])/
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

/** One piece of inline content, by offsets into the body. */
interface Span {
  /** 0: text; 1: emphasis; 2: strong (the length of the `*` runs). */
  kind: 0 | 1 | 2
  /** Offsets of the whole span (with its `*` runs). */
  from: number
  to: number
}

/** A block of the tree being built, by offsets into the body. */
type Block =
  | {kind: 'paragraph'; from: number; to: number; spans: Span[]}
  | {kind: 'heading'; depth: number; from: number; to: number; spans: Span[]}
  | {kind: 'list'; from: number; to: number; items: {from: number; to: number; spans: Span[]}[]}

/** An ATX heading line: one to six `#`, one space, then the text (which may hold no `#`). */
const heading = /^(#{1,6}) (?=[^ #])[^#]*$/
/** A bullet list item: `- `, then the text. */
const bullet = /^- (?=[^ \t])/

/**
 * The mdast tree of `body` if it is made of paragraphs, `#` headings and
 * tight `-` lists of one-line items, their text holding only `*emphasis*`,
 * `**strong**` and brackets that can only be text (citations), exactly as
 * remark-parse with remark-gfm gives it (before remark-citations, which runs
 * on this tree as on remark's); otherwise undefined.
 *
 * Emphasis is taken only in the one form whose outcome the CommonMark
 * delimiter rules fix without any search: a run of one or two `*` after a
 * space or at the start of the text, followed by an ASCII letter or digit,
 * then text without specials on the same line, ending with an ASCII letter
 * or digit, then a run of the same length followed by the end of the line,
 * a space or `.,;:?)`. The opening run can only open and the closing run can
 * only close, and nothing lies between them, so they pair with each other.
 * Brackets cannot make links: nothing defines a label (no text starts with
 * `[`), and `](`, `][` and `[^` are refused. No `@` follows a character an
 * e-mail address could end with, so GFM finds no address. A heading or a
 * list must follow a blank line (or start the body or follow a heading), and
 * a list must be followed by one (or end the body): nothing is interrupted
 * or continued lazily.
 */
export function parseSimpleProse(body: string): Root | undefined {
  const blocks: Block[] = []
  /** The open paragraph or list, which the next line may continue. */
  let open: Extract<Block, {kind: 'paragraph' | 'list'}> | undefined
  /** Whether the last block is a list: an item after blank lines would make it loose, which this does not build. */
  let afterList = false
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
  /** Add text from `from` to `to`, joining it to text just before it. */
  const text = (spans: Span[], from: number, to: number): void => {
    if (from === to) return
    const tail = spans[spans.length - 1]
    if (tail && tail.kind === 0 && tail.to === from) tail.to = to
    else spans.push({kind: 0, from, to})
  }
  /** Add the inline content of `body[from, to)`, one line, to `spans`; false if it is not simple. */
  const inline = (spans: Span[], from: number, to: number): boolean => {
    const content = body.slice(from, to)
    if (blockStart.test(content) || / $/.test(content) || content.endsWith('\t') || proseSpecial.test(content) || autolink.test(content) || linkLike.test(content)) return false
    for (let at = content.indexOf('@'); at !== -1; at = content.indexOf('@', at + 1)) if (at > 0 && emailAtext.test(content[at - 1]!)) return false
    let at = 0
    for (;;) {
      const opening = content.indexOf('*', at)
      if (opening === -1) break
      const size = content[opening + 1] === '*' ? 2 : 1
      const inside = opening + size
      if ((opening > 0 && content[opening - 1] !== ' ') || !asciiAlphanumeric.test(content[inside] ?? '')) return false
      const shut = content.indexOf('*', inside)
      if (shut === -1) return false
      const end = shut + size
      if (content.slice(shut, end) !== '*'.repeat(size) || content[end] === '*' || !asciiAlphanumeric.test(content[shut - 1]!)) return false
      if (end < content.length && !afterCloser.test(content[end]!)) return false
      const between = content.slice(inside, shut)
      if (between.includes('[') || between.includes(']') || between.includes('@')) return false
      text(spans, from + at, from + opening)
      spans.push({kind: size, from: from + opening, to: from + end})
      at = end
    }
    text(spans, from + at, to)
    return true
  }

  let offset = 0
  for (;;) {
    lineStarts.push(offset)
    const newline = body.indexOf('\n', offset)
    const stop = newline === -1 ? body.length : newline
    const content = body.slice(offset, stop)
    if (blank.test(content)) open = undefined
    else if (open?.kind === 'paragraph') {
      // The line ending before this line belongs to the paragraph's text.
      text(open.spans, offset - 1, offset)
      if (!inline(open.spans, offset, stop)) return undefined
      open.to = stop
    } else if (bullet.test(content)) {
      if (open === undefined) {
        if (afterList) return undefined
        blocks.push((open = {kind: 'list', from: offset, to: stop, items: []}))
        afterList = true
      }
      const item = {from: offset, to: stop, spans: []}
      if (!inline(item.spans, offset + 2, stop)) return undefined
      open.items.push(item)
      open.to = stop
    } else if (open !== undefined) return undefined // a list continued lazily
    else if (content.startsWith('#')) {
      const match = heading.exec(content)
      if (!match) return undefined
      const depth = match[1]!.length
      const block: Block = {kind: 'heading', depth, from: offset, to: stop, spans: []}
      if (!inline(block.spans, offset + depth + 1, stop)) return undefined
      blocks.push(block)
      afterList = false
      // A heading is one line: the next starts a block of its own.
    } else {
      blocks.push((open = {kind: 'paragraph', from: offset, to: stop, spans: []}))
      afterList = false
      if (!inline(open.spans, offset, stop)) return undefined
    }
    if (newline === -1) break
    offset = newline + 1
  }
  if (blocks.length === 0) return undefined

  const position = (from: number, to: number) => ({start: point(from), end: point(to)})
  const phrasing = (spans: Span[]): PhrasingContent[] =>
    spans.map((span) => {
      if (span.kind === 0) return {type: 'text', value: body.slice(span.from, span.to), position: position(span.from, span.to)}
      const inner: Text = {type: 'text', value: body.slice(span.from + span.kind, span.to - span.kind), position: position(span.from + span.kind, span.to - span.kind)}
      return {type: span.kind === 2 ? 'strong' : 'emphasis', children: [inner], position: position(span.from, span.to)}
    })
  const children: RootContent[] = blocks.map((block): RootContent => {
    if (block.kind === 'paragraph') return {type: 'paragraph', children: phrasing(block.spans), position: position(block.from, block.to)}
    if (block.kind === 'heading') return {type: 'heading', depth: block.depth as Heading['depth'], children: phrasing(block.spans), position: position(block.from, block.to)}
    const items: ListItem[] = block.items.map((item) => ({
      type: 'listItem',
      spread: false,
      checked: null,
      children: [{type: 'paragraph', children: phrasing(item.spans), position: position(item.from + 2, item.to)}],
      position: position(item.from, item.to),
    }))
    return {type: 'list', ordered: false, start: null, spread: false, children: items, position: position(block.from, block.to)}
  })
  const end = lineStarts[lineStarts.length - 1]!
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end: {line: lineStarts.length, column: body.length - end + 1, offset: body.length}}}
}
