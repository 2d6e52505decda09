import type {Root} from 'hast'
import {describe, expect, it} from 'vitest'
import {hasRaw, rehypeRawWhenPresent} from '../../src/render/rehype-raw-when-present.js'
import {h, root, runPass, t} from './helpers.js'

describe('rehypeRawWhenPresent', () => {
  it('parses raw HTML into elements', () => {
    const tree: Root = {type: 'root', children: [h('p', {}, [t('a '), {type: 'raw', value: '<em>b</em>'} as never])]}
    expect(hasRaw(tree)).toBe(true)
    const out = runPass(rehypeRawWhenPresent, tree)
    expect(hasRaw(out)).toBe(false)
    expect(out.children[0]).toMatchObject({tagName: 'p', children: [{type: 'text', value: 'a '}, {type: 'element', tagName: 'em', children: [{type: 'text', value: 'b'}]}]})
  })

  it('returns a tree without raw nodes as it was, the same object', () => {
    const tree = root(h('p', {}, [t('plain')]))
    expect(hasRaw(tree)).toBe(false)
    expect(runPass(rehypeRawWhenPresent, tree)).toBe(tree)
  })
})
