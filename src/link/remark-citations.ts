/**
 * remark plugin: Pandoc-style citations, `[@id]`, `[@id, p. 7]`,
 * `[see @a; @b, ch. 2]`, become `citation` nodes.
 *
 * Each citation is numbered in `file.data.citations` and carried to HTML as
 * `<sup data-cite-index="N">`, which survives sanitizing; `rehypeEndnotes`
 * later turns it into a numbered endnote link.
 */
import {randomBytes} from 'node:crypto'
import type {Data, Literal, Parent, PhrasingContent, Root, Text} from 'mdast'
import type {Position} from 'unist'
import type {} from 'mdast-util-to-hast'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {SKIP, visit} from 'unist-util-visit'
import type {Citation, CitationItem} from '../core/model.js'
import type {} from '../core/source.js'

/** A citation in mdast. */
export interface CitationNode extends Literal {
  type: 'citation'
  /** The source text, e.g. `[@a; @b, p. 3]`. */
  value: string
  citation: Citation
  data?: Data & {index?: number}
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationNode
  }
  interface RootContentMap {
    citation: CitationNode
  }
}

/**
 * Marks the citation `<sup>`s this plugin creates. Raw HTML in content cannot
 * guess it, so it cannot forge a citation; it never appears in the output.
 */
export const citationMarker = randomBytes(8).toString('hex')

/** A bracket that contains an `@`, without nested brackets or line breaks. */
const bracket = /\[([^\[\]\n]*@[^\[\]\n]*)\]/g
/** One item: optional prefix, `@key`, optional `, locator`. */
const item = /^(?:(.*?)\s+)?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*?)\s*(?:,\s*(.+?))?\s*$/s

/** Parse the inside of `[…]` into citation items, or undefined if it is not a citation. */
export function parseCitation(inner: string): Citation | undefined {
  const items: CitationItem[] = []
  for (const part of inner.split(';')) {
    const match = item.exec(part.trim())
    if (!match) return undefined
    const entry: CitationItem = {id: match[2]!}
    if (match[1]) entry.prefix = match[1].trim()
    if (match[3]) entry.locator = match[3].trim()
    items.push(entry)
  }
  return items.length > 0 ? {items} : undefined
}

/** remark plugin that finds citations in text. Attach after remark-gfm. */
export function remarkCitations() {
  return function transform(tree: Root, file: VFile): void {
    const citations: VFile['data']['citations'] = (file.data.citations ??= [])
    const where = location(file)
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !node.value.includes('@')) return
      const pieces: PhrasingContent[] = []
      let last = 0
      for (const match of node.value.matchAll(bracket)) {
        const citation = parseCitation(match[1]!)
        if (!citation) continue
        const start = match.index
        const end = start + match[0].length
        // A note reference hugs the word before it, as in Pandoc's note styles.
        const before = node.value.slice(last, start).replace(/[ \t]+$/, '')
        if (before.length > 0) pieces.push({type: 'text', value: before})
        const position = sliceposition(node, start, end, where)
        const citationIndex = citations.length
        citations.push({citation, position})
        const cite: CitationNode = {
          type: 'citation',
          value: match[0],
          citation,
          data: {
            index: citationIndex,
            hName: 'sup',
            hProperties: {dataCiteIndex: `${citationMarker}:${citationIndex}`},
            hChildren: [{type: 'text', value: match[0]}],
          },
        }
        if (position) cite.position = position
        pieces.push(cite)
        last = end
      }
      if (pieces.length === 0) return
      if (last < node.value.length) pieces.push({type: 'text', value: node.value.slice(last)})
      ;(parent.children as PhrasingContent[]).splice(index, 1, ...pieces)
      return [SKIP, index + pieces.length]
    })
  }
}

function sliceposition(
  node: Text,
  start: number,
  end: number,
  where: ReturnType<typeof location>,
): Position | undefined {
  const base = node.position?.start.offset
  if (base === undefined) return undefined
  const from = where.toPoint(base + start)
  const to = where.toPoint(base + end)
  return from && to ? {start: from, end: to} : undefined
}
