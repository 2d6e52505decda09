/**
 * Redlining two hast fragments. Top-level blocks (paragraphs, lists, …) are
 * matched first, so added and removed paragraphs show whole; a paired block
 * gets a word-level redline: the new block, its inserted words in `<ins>`,
 * with the deleted words put back in `<del>`. The new block's structure is
 * kept (inserted formatting is part of it) and deleted formatting dropped,
 * so the result is always a well-formed tree.
 */
import {diffArrays, diffWords} from 'diff'
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {collapse, wordCount} from '../words.js'

type Block = Element | Text

/** Top-level blocks of a fragment: its elements, and any text that is not only whitespace. */
export function blocks(root: Root | Element): Block[] {
  const children: readonly RootContent[] = root.children
  return children.filter((node): node is Block => node.type === 'element' || (node.type === 'text' && node.value.trim().length > 0))
}

/** Wrap every top-level block of `root` in a block-level `<ins>` or `<del>`. */
export function wrapBlocks(root: Root, tag: 'ins' | 'del'): Element[] {
  return blocks(root).map((block) => h(tag, {className: ['block']}, [block]))
}

/** Paragraphs from plain text, one per blank-line-separated part. */
export function textBlocks(text: string): Root {
  const parts = text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
  return {type: 'root', children: parts.map((part) => h('p', part))}
}

/** Word-level redline of two plain texts (headings, stated commitments). */
export function redlineText(before: string, after: string): ElementContent[] {
  const out: ElementContent[] = []
  for (const part of diffWords(before, after)) {
    if (!part.added && !part.removed) {
      out.push({type: 'text', value: part.value})
      continue
    }
    out.push(...marked(part.value, part.added ? 'ins' : 'del'))
  }
  return out
}

/** Text as `<ins>` or `<del>`, with the spaces around it left outside, unmarked. */
function marked(value: string, tag: 'ins' | 'del'): ElementContent[] {
  const inner = value.trim()
  if (!inner) return [{type: 'text', value}]
  const start = value.indexOf(inner)
  const out: ElementContent[] = []
  if (start > 0) out.push({type: 'text', value: value.slice(0, start)})
  out.push(h(tag, inner))
  const trail = value.slice(start + inner.length)
  if (trail) out.push({type: 'text', value: trail})
  return out
}

/** Compare blocks by their serialisation: the same markup is the same block. */
const blockKey = (block: Block): string => toHtml(block)

/**
 * Redline two fragments: blocks are matched first, so added and removed
 * paragraphs show whole; paired blocks of the same kind that share enough
 * words get a word-level redline.
 */
export function redlineBlocks(before: Root, after: Root): Element['children'] {
  const a = blocks(before)
  const b = blocks(after)
  const out: Element['children'] = []
  const wrap = (block: Block, tag: 'ins' | 'del'): Element => h(tag, {className: ['block']}, [block])
  const changes = diffArrays(a.map(blockKey), b.map(blockKey))
  let ia = 0
  let ib = 0
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index]!
    const count = change.value.length
    if (!change.added && !change.removed) {
      out.push(...b.slice(ib, ib + count))
      ia += count
      ib += count
      continue
    }
    const next = changes[index + 1]
    if (change.removed && next?.added) {
      index++
      const removed = a.slice(ia, ia + count)
      const added = b.slice(ib, ib + next.value.length)
      ia += count
      ib += next.value.length
      const paired = Math.min(removed.length, added.length)
      for (let i = 0; i < paired; i++) {
        const x = removed[i]!
        const y = added[i]!
        if (x.type === 'element' && y.type === 'element' && x.tagName === y.tagName && similarity(x, y) > 0.3) out.push(redlineWords(x, y))
        else out.push(wrap(x, 'del'), wrap(y, 'ins'))
      }
      for (const block of removed.slice(paired)) out.push(wrap(block, 'del'))
      for (const block of added.slice(paired)) out.push(wrap(block, 'ins'))
      continue
    }
    if (change.removed) {
      for (const block of a.slice(ia, ia + count)) out.push(wrap(block, 'del'))
      ia += count
    } else {
      for (const block of b.slice(ib, ib + count)) out.push(wrap(block, 'ins'))
      ib += count
    }
  }
  return out
}

/** Share of words two blocks have in common (0 to 1). */
function similarity(a: Element, b: Element): number {
  let same = 0
  let added = 0
  let removed = 0
  for (const part of diffWords(collapse(toString(a)), collapse(toString(b)))) {
    const count = wordCount(part.value)
    if (part.added) added += count
    else if (part.removed) removed += count
    else same += count
  }
  const longest = Math.max(same + added, same + removed)
  return longest === 0 ? 1 : same / longest
}

/**
 * A word or a run of whitespace of a text node, or an atom: an element
 * compared and shown whole (a citation, an image, a line break).
 */
interface Token {
  key: string
  /** The text, or the atom itself. */
  value: string | Element
  /** The node of the new block the token belongs to (undefined for the old block's). */
  host: Text | Element | undefined
}

/** Elements that are one token: citations (shown by evidence id) and elements without text. */
function isAtom(node: Element): boolean {
  return node.tagName === 'sup' || node.tagName === 'img' || node.tagName === 'br' || node.tagName === 'hr' || node.children.length === 0
}

function tokens(block: Element, keepHosts: boolean): Token[] {
  const out: Token[] = []
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (child.type === 'text') {
        for (const piece of child.value.match(wordPattern) ?? [])
          out.push({key: piece.trim() ? `w${piece}` : ' ', value: piece, host: keepHosts ? child : undefined})
      } else if (child.type === 'element') {
        if (isAtom(child)) out.push({key: `e${toHtml(child)}`, value: child, host: keepHosts ? child : undefined})
        else walk(child)
      }
    }
  }
  walk(block)
  return out
}

/** A run of whitespace, a word (letters and digits, with inner apostrophes and hyphens), or one other character. */
const wordPattern = /\s+|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu

type Op = 'equal' | 'insert' | 'delete'

/**
 * Word-level redline of two blocks of the same kind: the new block, with
 * inserted words and atoms in `<ins>` and deleted ones put back in `<del>`
 * before the words that follow them. Changes separated only by spaces are
 * shown as one deletion and one insertion.
 */
export function redlineWords(before: Element, after: Element): Element {
  const result = structuredClone(after)
  const a = tokens(before, false)
  const b = tokens(result, true)
  const changes = diffArrays(
    a.map((token) => token.key),
    b.map((token) => token.key),
  )
  // What each node of the new block becomes: pieces in order, each with its op.
  const pieces = new Map<Text | Element, {op: Op; value: string | Element}[]>()
  const put = (host: Text | Element, op: Op, value: string | Element): void => {
    let list = pieces.get(host)
    if (!list) pieces.set(host, (list = []))
    list.push({op, value})
  }
  let ia = 0
  let ib = 0
  let removed: Token[] = []
  let added: Token[] = []
  let carried: Token[] = []
  let lastHost: Text | Element | undefined
  const place = (token: Token, op: Op): void => {
    const host = token.host!
    for (const gone of carried) put(host, 'delete', gone.value)
    carried = []
    put(host, op, token.value)
    lastHost = host
  }
  const flush = (): void => {
    // Deleted tokens go before the next token of the new block.
    carried.push(...removed)
    for (const token of added) place(token, 'insert')
    removed = []
    added = []
  }
  changes.forEach((change, index) => {
    const count = change.value.length
    if (change.removed) {
      removed.push(...a.slice(ia, ia + count))
      ia += count
    } else if (change.added) {
      added.push(...b.slice(ib, ib + count))
      ib += count
    } else if (index > 0 && index < changes.length - 1 && change.value.every((key) => key === ' ') && (removed.length > 0 || added.length > 0)) {
      removed.push(...a.slice(ia, ia + count))
      added.push(...b.slice(ib, ib + count))
      ia += count
      ib += count
    } else {
      flush()
      for (const token of b.slice(ib, ib + count)) place(token, 'equal')
      ia += count
      ib += count
    }
  })
  flush()
  if (carried.length > 0) {
    if (lastHost) for (const gone of carried) put(lastHost, 'delete', gone.value)
    else result.children.push(...runs(carried.map((token) => ({op: 'delete' as const, value: token.value}))))
  }
  replaceHosts(result, pieces)
  return result
}

/** Put the pieces of each host node in its place. */
function replaceHosts(parent: Element, pieces: Map<Text | Element, {op: Op; value: string | Element}[]>): void {
  parent.children = parent.children.flatMap((child): ElementContent[] => {
    if (child.type !== 'text' && child.type !== 'element') return [child]
    const list = pieces.get(child)
    if (list) return runs(list)
    if (child.type === 'element') replaceHosts(child, pieces)
    return [child]
  })
}

/** Consecutive pieces of the same op as one node: text, or `<ins>`/`<del>` with spaces at its edges left outside. */
function runs(list: readonly {op: Op; value: string | Element}[]): ElementContent[] {
  const out: ElementContent[] = []
  let index = 0
  while (index < list.length) {
    const op = list[index]!.op
    const run: (string | Element)[] = []
    while (index < list.length && list[index]!.op === op) run.push(list[index++]!.value)
    const nodes = run.map((value): ElementContent => (typeof value === 'string' ? {type: 'text', value} : value))
    if (op === 'equal') {
      out.push(...merge(nodes))
      continue
    }
    // Spaces at the edges stay outside; a deletion's trailing spaces are the new text's.
    let start = 0
    let end = run.length
    while (start < end && isSpace(run[start]!)) start++
    while (end > start && isSpace(run[end - 1]!)) end--
    if (start === end) {
      if (op === 'insert') out.push(...merge(nodes))
      continue
    }
    out.push(...merge(nodes.slice(0, start)), h(op === 'insert' ? 'ins' : 'del', merge(nodes.slice(start, end))))
    if (op === 'insert') out.push(...merge(nodes.slice(end)))
  }
  return merge(out)
}

const isSpace = (value: string | Element): boolean => typeof value === 'string' && value.trim().length === 0

/** Adjacent text nodes as one. */
function merge(nodes: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = []
  for (const node of nodes) {
    const last = out[out.length - 1]
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = {type: 'text', value: last.value + node.value}
    else out.push(node)
  }
  return out
}
