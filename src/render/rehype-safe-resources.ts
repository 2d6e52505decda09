/**
 * Images that may show: embedded data of a safe raster type, nothing else.
 */
import type {Root} from 'hast'
import {safeDataImage} from '../link/images.js'
import {imageRemovedClass} from '../core/dom-contract.js'
import {eachElement} from './each-element.js'
import {stripResources} from './resource-policy.js'

/**
 * After sanitizing, an image may only show embedded data of a safe raster
 * type; anything else (remote, SVG, a dropped local path) becomes its alt
 * text, so the document never makes a request.
 */
export function rehypeSafeResources() {
  return function transform(tree: Root): void {
    eachElement(tree, (node, index, parent) => {
      if (stripResources(node)) {
        parent.children[index] = {type: 'element', tagName: 'span', properties: {}, children: node.children}
        return
      }
      if (node.tagName !== 'img') return
      if (typeof node.properties.src === 'string' && safeDataImage.test(node.properties.src)) return
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
      parent.children[index] = {type: 'element', tagName: 'span', properties: {className: [imageRemovedClass]}, children: [{type: 'text', value: alt}]}
    })
  }
}
