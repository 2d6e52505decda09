/**
 * Citations in the redline: a note reference's number depends on every note
 * before it in the chapter, so two versions would differ everywhere after a
 * change. The redline shows the evidence cited instead, taken from the
 * model's citations, not from the rendered text.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import type {Citation} from '../../core/model.js'

/** A rendered body with the citation behind each of its note references, in document order. */
export interface CitedBody {
  hast: Root
  /** The citation of each `sup.noteref` in `hast`, in document order. */
  referenced: readonly Citation[]
}

/** How a citation reads in the redline: `[prefix id, locator; id]`. */
export function citationText(citation: Citation): string {
  return `[${citation.items.map((item) => `${item.prefix ? `${item.prefix} ` : ''}${item.id}${item.locator ? `, ${item.locator}` : ''}`).join('; ')}]`
}

const isNoteRef = (node: Element): boolean => node.tagName === 'sup' && Array.isArray(node.properties.className) && node.properties.className.includes('noteref')

/** A copy of the body with each note reference replaced by `<sup class="cite">[evidence ids]</sup>`. */
export function citationsAsKeys(body: CitedBody): Root {
  const tree = structuredClone(body.hast)
  let index = 0
  const walk = (children: ElementContent[] | Root['children']): void => {
    for (let position = 0; position < children.length; position++) {
      const child = children[position]!
      if (child.type !== 'element') continue
      if (isNoteRef(child)) {
        const citation = body.referenced[index++]
        children[position] = h('sup', {className: ['cite']}, citation ? citationText(citation) : `[${toString(child)}]`)
      } else walk(child.children)
    }
  }
  walk(tree.children)
  return tree
}
