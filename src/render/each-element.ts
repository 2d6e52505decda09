/**
 * The one tree walk Scorecard's rehype passes share.
 */
import type {Element, Root} from 'hast'

/**
 * Call `fn` on every element under `parent`, in document order, with its
 * index and parent; `fn` may replace the element in place, and the walk then
 * goes into the replacement. The render passes each need only this, and
 * unist-util-visit's general machinery (tests, parent stacks, actions) made
 * them half of a body's render time (docs/performance.md).
 */
export function eachElement(parent: Root | Element, fn: (node: Element, index: number, parent: Root | Element) => void): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'element') continue
    fn(child, index, parent)
    const current = children[index]
    if (current?.type === 'element') eachElement(current, fn)
  }
}
