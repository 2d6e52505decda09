import type {Element} from 'hast'
import {describe, expect, it} from 'vitest'
import {noteRefClass} from '../../src/core/dom-contract.js'
import {citationMarker} from '../../src/link/remark-citations.js'
import type {Note} from '../../src/render/body-context.js'
import {rehypeEndnotes} from '../../src/render/rehype-endnotes.js'
import {bodyContext, h, root, runPass, t} from './helpers.js'

const marker = (index: number) => h('sup', {dataCiteIndex: `${citationMarker}:${index}`})

describe('rehypeEndnotes', () => {
  it('numbers note references after the notes the chapter already has', () => {
    const earlier: Note = {number: 1, id: 'chapter-note-1', refId: 'chapter-ref-1', items: []}
    const context = bodyContext([{items: [{id: 'b', locator: 'p. 7'}]}, {items: [{id: 'a'}, {id: 'c', prefix: 'see'}]}], {notes: [earlier]})
    const referenced = (context.referenced = [])
    const tree = runPass(rehypeEndnotes, root(h('p', {}, [t('One'), marker(0), t(' two'), marker(1)])), context)
    const refs = (tree.children[0] as Element).children.filter((node): node is Element => node.type === 'element')
    expect(refs.map((ref) => ref.properties.className)).toEqual([[noteRefClass], [noteRefClass]])
    const links = refs.map((ref) => (ref.children[0] as Element).properties)
    expect(links).toEqual([
      {href: '#chapter-note-2', id: 'chapter-ref-2', role: 'doc-noteref', ariaLabel: 'Note 2'},
      {href: '#chapter-note-3', id: 'chapter-ref-3', role: 'doc-noteref', ariaLabel: 'Note 3'},
    ])
    expect(context.notes!.map((note) => [note.number, note.items.map((item) => [item.evidence.id, item.number, item.locator, item.prefix])])).toEqual([
      [1, []],
      [2, [['b', 2, 'p. 7', undefined]]],
      [3, [['a', 1, undefined, undefined], ['c', 3, undefined, 'see']]],
    ])
    expect(referenced).toEqual([{items: [{id: 'b', locator: 'p. 7'}]}, {items: [{id: 'a'}, {id: 'c', prefix: 'see'}]}])
  })

  it('leaves out evidence of a later date, counts it, and drops a citation of nothing else', () => {
    const context = bodyContext([{items: [{id: 'a'}, {id: 'b'}]}, {items: [{id: 'b'}]}], {excluded: ['b']})
    const tree = runPass(rehypeEndnotes, root(h('p', {}, [marker(0), marker(1)])), context)
    const paragraph = tree.children[0] as Element
    expect(paragraph.children[0]).toMatchObject({type: 'element', tagName: 'sup'})
    expect(paragraph.children[1]).toEqual({type: 'text', value: ''})
    expect(context.notes!.map((note) => note.items.map((item) => item.evidence.id))).toEqual([['a']])
    expect(context.omitted).toBe(2)
  })

  it('only strips the marker attribute where the body has no notes (excerpts) or the marker is foreign', () => {
    const context = bodyContext([{items: [{id: 'a'}]}], {notes: undefined})
    const tree = runPass(rehypeEndnotes, root(marker(0), h('sup', {dataCiteIndex: 'forged:0'})), context)
    expect(tree.children).toEqual([h('sup'), h('sup')])
  })
})
