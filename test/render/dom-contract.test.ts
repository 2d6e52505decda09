/**
 * The names print relies on (src/core/dom-contract.ts) are the ones the
 * default templates and render's passes write.
 */
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {beforeAll, describe, expect, it} from 'vitest'
import {noteRefClass, tocPageForAttribute, tocPageSelector} from '../../src/core/dom-contract.js'
import {check} from '../../src/pipeline/index.js'
import {renderReport, type Rendered} from '../../src/pipeline/render-report.js'
import {repoRoot} from '../helpers.js'

let rendered: Rendered
let page: Root
beforeAll(async () => {
  const report = (await check(repoRoot, {cwd: repoRoot})).report!
  rendered = await renderReport(report)
  page = fromHtml(await rendered.html)
}, 60_000)

describe('DOM contract between render and print', () => {
  it('gives every contents entry a page slot naming an element of the page', () => {
    const slots = selectAll(tocPageSelector, page)
    const entries = rendered.view.toc.flatMap((entry) => [entry.id, ...entry.children.map((child) => child.id)])
    const named = slots.map((slot) => String(slot.properties[toProperty(tocPageForAttribute)]))
    expect(named).toEqual(entries)
    for (const id of named) expect(select(`[id="${id}"]`, page)).not.toBeNull()
  })

  it('marks every note reference with the note reference class, linking to a note of the page', () => {
    const refs = selectAll(`sup.${noteRefClass} > a`, page)
    const inBodies = rendered.view.priorities.reduce((sum, item) => sum + item.body.referenced.length, 0)
    expect(refs.length).toBeGreaterThanOrEqual(inBodies)
    for (const ref of refs) expect(select(`[id="${String((ref as Element).properties.href).slice(1)}"]`, page)).not.toBeNull()
  })
})

/** `data-for` → `dataFor`, as hast names properties. */
function toProperty(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
