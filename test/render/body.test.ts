import type {Element, Root} from 'hast'
import {selectAll} from 'hast-util-select'
import {describe, expect, it} from 'vitest'
import {noteRefClass} from '../../src/core/dom-contract.js'
import type {ParsedBody} from '../../src/core/model.js'
import {parseBody} from '../../src/link/index.js'
import {parseSource, defaultLimits} from '../../src/load/index.js'
import {bodyHtml, renderBody} from '../../src/render/body.js'
import {bodyContext} from './helpers.js'

/** A priority body parsed as link parses it. */
function parsed(markdown: string, kind: 'priority' | 'evidence' = 'priority'): ParsedBody {
  const front = kind === 'priority' ? 'id: p\ntitle: P\ndimension: d\nstatus: s\n' : 'id: e\ntitle: E\npublisher: P\ndate: 2010-01-01\ntype: report\n'
  const source = parseSource(Buffer.from(`---\n${front}---\n${markdown}`), kind, {path: `${kind}.md`, cwd: '/'}, defaultLimits)
  return parseBody(source, {citations: kind === 'priority'})
}

describe('renderBody', () => {
  it('gives hast whose note references line up with the citations behind them', () => {
    const body = parsed('# Heading\n\nText [@a, p. 7] and [@b; see @c].\n')
    const context = bodyContext(body.citations, {containerLevel: 3, idPrefix: 'p-'})
    const rendered = renderBody(body, context)
    const refs = selectAll(`sup.${noteRefClass}`, rendered.hast)
    expect(refs).toHaveLength(2)
    expect(rendered.referenced).toEqual([{items: [{id: 'a', locator: 'p. 7'}]}, {items: [{id: 'b'}, {id: 'c', prefix: 'see'}]}])
    expect(bodyHtml(rendered.hast)).toBe(
      '<h4 id="p-heading">Heading</h4>\n<p>Text<sup class="noteref"><a href="#chapter-note-1" id="chapter-ref-1" role="doc-noteref" aria-label="Note 1">1</a></sup> and<sup class="noteref"><a href="#chapter-note-2" id="chapter-ref-2" role="doc-noteref" aria-label="Note 2">2</a></sup>.</p>',
    )
  })

  it('gives the same hast, notes and counts for the same body and context again (from its cache)', () => {
    const body = parsed('Text [@a] and [@b].\n')
    const first = bodyContext(body.citations, {excluded: ['b']})
    const again = bodyContext(body.citations, {excluded: ['b']})
    const one = renderBody(body, first)
    const two = renderBody(body, again)
    expect(two.hast).toBe(one.hast)
    expect(two.referenced).toEqual(one.referenced)
    expect([one.omitted, two.omitted, again.omitted]).toEqual([1, 1, 1])
    expect(again.notes).toEqual(first.notes)
  })

  it('makes plain paragraphs (the fast path) into the hast and HTML the full pipeline makes', () => {
    const body = parsed('First line\nsecond line.\n\nAnother paragraph.\n', 'evidence')
    const rendered = renderBody(body, bodyContext([], {notes: undefined}))
    expect(bodyHtml(rendered.hast)).toBe('<p>First line\nsecond line.</p>\n<p>Another paragraph.</p>')
    const paragraphs = rendered.hast.children.filter((node): node is Element => node.type === 'element')
    expect(paragraphs.map((node) => node.tagName)).toEqual(['p', 'p'])
    // Serialised from scratch (a copy is not in the cache), the hast gives the same bytes.
    expect(bodyHtml(structuredClone(rendered.hast) as Root)).toBe(bodyHtml(rendered.hast))
  })

  it('serialises a tree of any body', () => {
    const body = parsed('Some *emphasis*.\n')
    const rendered = renderBody(body, bodyContext([]))
    expect(bodyHtml(rendered.hast)).toBe('<p>Some <em>emphasis</em>.</p>')
    expect(bodyHtml(rendered.hast)).toBe(bodyHtml(rendered.hast))
  })
})
