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
import type {Paragraph, Root, Text} from 'mdast'
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
