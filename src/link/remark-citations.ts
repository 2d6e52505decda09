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
/**
 * One item: optional prefix, `@key` (or Pandoc's `-@key`, which suppresses the
 * author; in a note style, as here, it is an ordinary note), optional `, locator`.
 */
const item = /^(?:(.*?)\s+)?-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*?)\s*(?:,\s*(.+?))?\s*$/s

/** Unicode hyphens, dashes and minus signs that look like `-` in an id. */
const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g
/** `[word]` with no `@`: a citation missing its `@` when the word is an evidence id. */
const bareBracket = /\[([a-z0-9]+(?:-[a-z0-9]+)*)\]/g
/** `(@id…)`: a citation in parentheses. */
const parenthesised = /\((-?@[^()\n]*)\)/g
/** A bare `@id` in running text (Pandoc's narrative citation); not an e-mail address. */
const narrative = /(?<![\w.@+\-[])@([a-z0-9]+(?:-[a-z0-9]+)*)/g

/**
 * Text that looks like a citation but is not one. Link reports the malformed
 * ones (`space`, `dash`) always, and the others (`bare`, `narrative`,
 * `paren`) when they name an evidence id: `[sic]` and `@handle` are prose.
 */
export interface CitationSuspect {
  kind: 'bare' | 'narrative' | 'space' | 'dash' | 'paren'
  /** The text as written. */
  text: string
  /** The evidence ids it names. */
  ids: string[]
  /** The citation as it should be written. */
  fixed: string
  position: Position | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** Near-miss citations found in this file (see `CitationSuspect`). */
    citationSuspects: CitationSuspect[]
  }
}

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
    const suspects: CitationSuspect[] = (file.data.citationSuspects = [])
    const where = location(file)
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return
      const hasAt = node.value.includes('@')
      if (hasAt || node.value.includes('[')) findSuspects(node, where, suspects)
      if (!hasAt) return
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

/** Record the near-miss citations in one text node. */
function findSuspects(node: Text, where: ReturnType<typeof location>, suspects: CitationSuspect[]): void {
  const text = node.value
  const taken: [number, number][] = []
  const add = (start: number, end: number, suspect: Omit<CitationSuspect, 'position'>) => {
    taken.push([start, end])
    suspects.push({...suspect, position: sliceposition(node, start, end, where)})
  }
  for (const match of text.matchAll(bracket)) {
    const inner = match[1]!
    taken.push([match.index, match.index + match[0].length])
    if (parseCitation(inner)) continue
    const undashed = inner.replace(dashes, '-')
    const fixedDash = undashed !== inner ? parseCitation(undashed) : undefined
    const fixedSpace = /^\s*-?@\s+[A-Za-z0-9_]/.test(inner) ? parseCitation(inner.replace(/@\s+/g, '@')) : undefined
    if (fixedDash) add(match.index, match.index + match[0].length, {kind: 'dash', text: match[0], ids: idsOf(fixedDash), fixed: `[${undashed}]`})
    else if (fixedSpace)
      add(match.index, match.index + match[0].length, {kind: 'space', text: match[0], ids: idsOf(fixedSpace), fixed: `[${inner.replace(/@\s+/g, '@').trim()}]`})
  }
  for (const match of text.matchAll(parenthesised)) {
    const inner = match[1]!.replace(dashes, '-')
    const citation = parseCitation(inner)
    if (citation) add(match.index, match.index + match[0].length, {kind: 'paren', text: match[0], ids: idsOf(citation), fixed: `[${inner}]`})
  }
  for (const match of text.matchAll(bareBracket)) {
    // A reference-style link with no definition stays text in Markdown; `[id](url)` and `[id][ref]` are links.
    if (/^[([]/.test(text.slice(match.index + match[0].length))) continue
    add(match.index, match.index + match[0].length, {kind: 'bare', text: match[0], ids: [match[1]!], fixed: `[@${match[1]!}]`})
  }
  for (const match of text.matchAll(narrative)) {
    if (taken.some(([start, end]) => match.index >= start && match.index < end)) continue
    add(match.index, match.index + match[0].length, {kind: 'narrative', text: match[0], ids: [match[1]!], fixed: `[@${match[1]!}]`})
  }
}

function idsOf(citation: Citation): string[] {
  return citation.items.map((entry) => entry.id)
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
