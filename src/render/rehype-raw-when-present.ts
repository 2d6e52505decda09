/**
 * rehype-raw, run only on trees that hold raw HTML.
 */
import type {Root, RootContent} from 'hast'
import rehypeRaw from 'rehype-raw'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'

/**
 * rehype-raw, run only on trees that hold raw HTML. It re-parses the whole
 * tree through parse5 either way, which was a fifth of rendering time, and a
 * tree without `raw` nodes comes out of it unchanged (docs/performance.md).
 */
export function rehypeRawWhenPresent(this: Processor) {
  const transform = rehypeRaw.call(this) as (tree: Root, file: VFile) => Root
  return function (tree: Root, file: VFile): Root | undefined {
    return hasRaw(tree) ? transform(tree, file) : undefined
  }
}

/** Whether `node` is or holds a `raw` node. */
export function hasRaw(node: Root | RootContent): boolean {
  if (node.type === 'raw') return true
  if (!('children' in node)) return false
  for (const child of node.children) if (hasRaw(child)) return true
  return false
}
