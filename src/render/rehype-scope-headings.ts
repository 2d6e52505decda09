/**
 * Body headings placed under their item, with ids unique in the report.
 */
import type {Element, Root} from 'hast'
import type {VFile} from 'vfile'
import './body-context.js'
import {eachElement} from './each-element.js'

/**
 * Demote body headings under their item and make their ids unique in the
 * report. Reads `file.data.render` (see `BodyContext`); without it, does nothing.
 */
export function rehypeScopeHeadings() {
  return function transform(tree: Root, file: VFile): void {
    const context = file.data.render
    if (!context) return
    // The body's highest heading sits one level below its container, whatever
    // level the author started at, so the outline never skips a level.
    const headings: {node: Element; level: number}[] = []
    eachElement(tree, (node) => {
      const level = /^h([1-6])$/.exec(node.tagName)
      if (level) headings.push({node, level: Number(level[1])})
    })
    let top = 7
    for (const {level} of headings) top = Math.min(top, level)
    const shift = context.containerLevel + 1 - top
    for (const {node, level} of headings) {
      node.tagName = `h${Math.max(1, Math.min(6, level + shift))}`
      if (typeof node.properties.id === 'string') node.properties.id = `${context.idPrefix}${node.properties.id}`
    }
  }
}
