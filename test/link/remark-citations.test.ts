import type {Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {citationMarker, parseCitation, remarkCitations} from '../../src/link/remark-citations.js'
import type {CitationNode} from '../../src/link/remark-citations.js'

function citationsIn(markdown: string) {
  const file = new VFile({value: markdown, path: 'x.md'})
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkCitations)
  const tree = processor.runSync(processor.parse(file), file) as Root
  const nodes: CitationNode[] = []
  visit(tree, 'citation', (node: CitationNode) => {
    nodes.push(node)
  })
  return {nodes, file, tree}
}

describe('parseCitation', () => {
  it('parses a single key', () => {
    expect(parseCitation('@rferl-2010-07-17')).toEqual({items: [{id: 'rferl-2010-07-17'}]})
  })
  it('parses a locator after a comma', () => {
    expect(parseCitation('@csis, p. 7')).toEqual({items: [{id: 'csis', locator: 'p. 7'}]})
  })
  it('parses several keys separated by semicolons, with prefixes', () => {
    expect(parseCitation('see @a, pp. 3-4; @b')).toEqual({
      items: [
        {id: 'a', prefix: 'see', locator: 'pp. 3-4'},
        {id: 'b'},
      ],
    })
  })
  it('rejects brackets that are not citations', () => {
    expect(parseCitation('email me @ home')).toBeUndefined()
    expect(parseCitation('@a; plain text')).toBeUndefined()
  })
})

describe('remarkCitations', () => {
  it('replaces citations with nodes carrying their exact position', () => {
    const {nodes, file} = citationsIn('First line.\nSee this [@a, p. 7] and [@b; @c].\n')
    expect(nodes.map((n) => n.citation)).toEqual([
      {items: [{id: 'a', locator: 'p. 7'}]},
      {items: [{id: 'b'}, {id: 'c'}]},
    ])
    expect(nodes.map((n) => [n.position?.start.line, n.position?.start.column, n.position?.end.column])).toEqual([
      [2, 10, 20],
      [2, 25, 33],
    ])
    expect(file.data.citations?.map((c) => c.citation.items.map((i) => i.id))).toEqual([['a'], ['b', 'c']])
  })

  it('numbers citations in reading order for the HTML stage', () => {
    const {nodes} = citationsIn('[@a]\n\n- item [@b]\n')
    expect(nodes.map((n) => n.data?.hProperties)).toEqual([{dataCiteIndex: `${citationMarker}:0`}, {dataCiteIndex: `${citationMarker}:1`}])
  })

  it('leaves code, email addresses and plain brackets alone', () => {
    const {nodes} = citationsIn('Mail a@b.org, `[@code]`, [not a cite], and\n\n```\n[@fenced]\n```\n')
    expect(nodes).toEqual([])
  })

  it('keeps the text around a citation', () => {
    const {tree} = citationsIn('Before [@a] after.')
    const paragraph = tree.children[0]
    expect(paragraph?.type).toBe('paragraph')
    const kinds = paragraph && 'children' in paragraph ? paragraph.children.map((c) => ('value' in c ? `${c.type}:${c.value}` : c.type)) : []
    // Like Pandoc's note style, the space before a note reference goes.
    expect(kinds).toEqual(['text:Before', 'citation:[@a]', 'text: after.'])
  })
})
