/**
 * The layout runs the templates with stand-ins for each body's HTML and the
 * style sheet, and puts the text in after (src/render/index.ts), so that the
 * preview can swap one body in without running the templates again. These
 * tests check that templates which use those fields other than to output
 * them get the text itself, as Handlebars alone would give it.
 */
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Handlebars from 'handlebars'
import {beforeAll, describe, expect, it} from 'vitest'
import {check} from '../../src/pipeline/index.js'
import {presentReport} from '../../src/present/index.js'
import {bodyHtml, htmlLayout} from '../../src/render/index.js'
import {loadTemplates} from '../../src/render/templates.js'
import type {ReportView} from '../../src/core/view.js'
import {repoRoot} from '../helpers.js'

let view: ReportView
beforeAll(async () => {
  const checked = await check(repoRoot, {cwd: repoRoot})
  view = presentReport(checked.report!)
})

/** A templates folder whose priority partial is the default one with `{{{html}}}` replaced by `replacement`. */
async function priorityPartial(replacement: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-layout-'))
  await mkdir(path.join(dir, 'partials'))
  const source = await readFile(path.join(repoRoot, 'templates', 'partials', 'priority.hbs'), 'utf8')
  expect(source).toContain('{{{html}}}')
  await writeFile(path.join(dir, 'partials', 'priority.hbs'), source.replace('{{{html}}}', replacement))
  return dir
}

describe('htmlLayout', () => {
  it('lets the default templates take stand-ins, and not templates that measure, compare or look the HTML up', async () => {
    expect(loadTemplates(undefined).slotted).toBe(true)
    expect(loadTemplates(await priorityPartial('{{html}}')).slotted).toBe(true)
    expect(loadTemplates(await priorityPartial('{{#if html}}{{{html}}}{{else}}none{{/if}}')).slotted).toBe(true)
    expect(loadTemplates(await priorityPartial('{{{html}}} ({{html.length}} characters)')).slotted).toBe(false)
    expect(loadTemplates(await priorityPartial('{{#if (eq html "")}}none{{/if}}{{{html}}}')).slotted).toBe(false)
    expect(loadTemplates(await priorityPartial('{{{lookup this "html"}}}')).slotted).toBe(false)
  })

  it('gives an escaped {{html}} as Handlebars does, with no stand-in left in the page', async () => {
    const layout = await htmlLayout({templatesDir: await priorityPartial('{{html}}')})
    const html = await layout(view)
    const first = bodyHtml(view.priorities[0]!.body.hast)
    expect(html).toContain(Handlebars.escapeExpression(first))
    expect(html).not.toContain(first)
    expect(html).not.toContain('scorecard-slot')
    // Nothing to join again: a relayout says so.
    expect(await layout.relayout(view)).toBeUndefined()
  })

  it('gives {{html.length}} the length of the HTML itself', async () => {
    const layout = await htmlLayout({templatesDir: await priorityPartial('{{{html}}}<p class="length">{{html.length}}</p>')})
    const html = await layout(view)
    const first = bodyHtml(view.priorities[0]!.body.hast)
    expect(html).toContain(`<p class="length">${first.length}</p>`)
    expect(html).not.toContain('scorecard-slot')
  })

  it('relays the page out with the bytes of a fresh layout after a body changes', async () => {
    const layout = await htmlLayout()
    const before = await layout(view)
    expect(before).not.toContain('scorecard-slot')
    expect(layout.bytes(before)!.equals(Buffer.from(before))).toBe(true)
    const priority = view.priorities[0]!
    const original = priority.body
    const other = view.priorities[1]!.body
    try {
      priority.body = {...original, hast: other.hast}
      const again = await layout.relayout(view)
      expect(again).toBeDefined()
      expect(again).toBe(await (await htmlLayout())(view))
      // Its bytes, from the parts encoded once, are the string's.
      expect(layout.bytes(again!)!.equals(Buffer.from(again!))).toBe(true)
      expect(layout.bytes(before)).toBeUndefined()
    } finally {
      priority.body = original
    }
  })
})
