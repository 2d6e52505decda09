/**
 * Citations become numbered endnote references of their chapter.
 */
import type {ElementContent, Root} from 'hast'
import type {VFile} from 'vfile'
import type {Citation} from '../core/model.js'
import {noteId, noteRefClass, noteRefId} from '../core/dom-contract.js'
import {citationMarker} from '../link/remark-citations.js'
import type {BodyContext, Note} from './body-context.js'
import {eachElement} from './each-element.js'

/**
 * Turn the citation markers remark-citations left (`<sup data-cite-index>`)
 * into numbered endnote references, registering a note for each in the
 * chapter (`file.data.render.notes`). Without a context, or where the body
 * has no notes (excerpts), the marker's attribute is dropped.
 */
export function rehypeEndnotes() {
  return function transform(tree: Root, file: VFile): void {
    const context = file.data.render
    eachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'sup' || node.properties.dataCiteIndex === undefined) return
      const [marker, position] = String(node.properties.dataCiteIndex).split(':')
      const citation = marker === citationMarker ? context?.citations[Number(position)] : undefined
      if (!context || !citation || !context.notes) {
        delete node.properties.dataCiteIndex
        return
      }
      context.noted?.push(Number(position))
      const note = addNote(context, citation)
      if (note) parent.children[index] = noteRef(note, context.noteLabel)
      else parent.children[index] = {type: 'text', value: ''}
    })
  }
}

/**
 * Register a note for `citation` in the chapter. Evidence left out of this
 * edition (dated after the as-of date) is dropped and counted; a citation of
 * nothing else gets no note at all.
 */
export function addNote(context: BodyContext, citation: Citation): Note | undefined {
  const notes = context.notes!
  const items = citation.items.filter((item) => {
    if (!context.excluded.has(item.id)) return true
    context.omitted++
    return false
  })
  if (items.length === 0) return undefined
  context.referenced?.push({items})
  const number = notes.length + 1
  const note: Note = {
    number,
    id: noteId(context.chapterId, number),
    refId: noteRefId(context.chapterId, number),
    items: items.flatMap((item) => {
      const evidence = context.evidenceById.get(item.id)
      return evidence
        ? [{evidence, number: context.appendixNumber.get(item.id) ?? 0, locator: item.locator, prefix: item.prefix}]
        : []
    }),
  }
  notes.push(note)
  return note
}

/** The reference to `note`, as it stands in the text. */
export function noteRef(note: Note, noteLabel?: string): ElementContent {
  return {
    type: 'element',
    tagName: 'sup',
    properties: {className: [noteRefClass]},
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: {href: `#${note.id}`, id: note.refId, role: 'doc-noteref', ariaLabel: (noteLabel ?? 'Note {number}').replace('{number}', String(note.number))},
        children: [{type: 'text', value: String(note.number)}],
      },
    ],
  }
}
