import {describe, expect, it} from 'vitest'
import {imageRemovedClass} from '../../src/core/dom-contract.js'
import {rehypeSafeResources} from '../../src/render/rehype-safe-resources.js'
import {h, root, runPass, t} from './helpers.js'

const png = 'data:image/png;base64,iVBORw0KGgo='

describe('rehypeSafeResources', () => {
  it('keeps embedded raster images', () => {
    const tree = runPass(rehypeSafeResources, root(h('p', {}, [h('img', {src: png, alt: 'Map'})])))
    expect(tree).toEqual(root(h('p', {}, [h('img', {src: png, alt: 'Map'})])))
  })

  it('turns remote, SVG and source-less images into their alt text', () => {
    const images = [
      h('img', {src: 'https://example.com/x.png', alt: 'Remote'}),
      h('img', {src: 'data:image/svg+xml;base64,PHN2Zz4=', alt: 'Vector'}),
      h('img', {alt: 'Nothing'}),
      h('img', {src: 'x.png'}),
    ]
    const tree = runPass(rehypeSafeResources, root(h('p', {}, images)))
    const removed = (alt: string) => h('span', {className: [imageRemovedClass]}, [t(alt)])
    expect(tree).toEqual(root(h('p', {}, [removed('Remote'), removed('Vector'), removed('Nothing'), removed('')])))
  })
})
