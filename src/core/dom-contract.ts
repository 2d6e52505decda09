/**
 * The names in report.html that more than one stage relies on: render and
 * the templates write them, print (and the redline) read them. Change one
 * here and every side changes with it; test/render/dom-contract.test.ts
 * checks the default templates against them.
 */

/** Class of a contents entry's page-number slot; print writes the page number into it. */
export const tocPageClass = 'toc-page'

/** Attribute of a contents page slot naming the id of the element it gives the page of. */
export const tocPageForAttribute = 'data-for'

/** Selector print uses to find the contents page slots. */
export const tocPageSelector = `.${tocPageClass}[${tocPageForAttribute}]`

/** Class of the `<sup>` around an endnote reference. */
export const noteRefClass = 'noteref'

/** Class of the span an image that may not show is replaced by (its alt text). */
export const imageRemovedClass = 'image-removed'

/** Id of endnote `number` of a chapter. */
export function noteId(chapterId: string, number: number): string {
  return `${chapterId}-note-${number}`
}

/** Id of the reference to endnote `number` of a chapter (the note's backlink target). */
export function noteRefId(chapterId: string, number: number): string {
  return `${chapterId}-ref-${number}`
}

/** HTML anchor of a priority. */
export function priorityAnchor(id: string): string {
  return `priority-${id}`
}

/** HTML anchor of an evidence entry in the appendix. */
export function evidenceAnchor(id: string): string {
  return `evidence-${id}`
}
