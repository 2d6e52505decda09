import {describe, expect, it} from 'vitest'
import {rehypeScopeHeadings} from '../../src/render/rehype-scope-headings.js'
import {bodyContext, h, root, runPass, t} from './helpers.js'

describe('rehypeScopeHeadings', () => {
  it('puts the top heading one level below the container and keeps the steps between levels', () => {
    const tree = runPass(rehypeScopeHeadings, root(h('h1', {id: 'a'}, [t('A')]), h('h3', {id: 'b'}, [t('B')]), h('h2', {}, [t('C')])), bodyContext([], {containerLevel: 3, idPrefix: 'media-'}))
    expect(tree).toEqual(root(h('h4', {id: 'media-a'}, [t('A')]), h('h6', {id: 'media-b'}, [t('B')]), h('h5', {}, [t('C')])))
  })

  it('never goes past h6 or above h1', () => {
    const deep = runPass(rehypeScopeHeadings, root(h('h1'), h('h6')), bodyContext([], {containerLevel: 4}))
    expect(deep.children.map((node) => node.type === 'element' && node.tagName)).toEqual(['h5', 'h6'])
    const shallow = runPass(rehypeScopeHeadings, root(h('h5'), h('h6')), bodyContext([], {containerLevel: 0}))
    expect(shallow.children.map((node) => node.type === 'element' && node.tagName)).toEqual(['h1', 'h2'])
  })

  it('does nothing without a body context', () => {
    expect(runPass(rehypeScopeHeadings, root(h('h1', {id: 'a'})))).toEqual(root(h('h1', {id: 'a'})))
  })
})
