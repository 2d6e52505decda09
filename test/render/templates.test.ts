import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ScorecardError} from '../../src/core/errors.js'
import {cssString, loadTemplates} from '../../src/render/templates.js'

describe('loadTemplates', () => {
  it('uses the default templates, and a project file of the same name instead', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-templates-'))
    const defaults = loadTemplates(dir)
    expect(defaults.partial('badge', {id: 'met', label: 'Met', symbol: '●'})).toContain('Met')
    await mkdir(path.join(dir, 'partials'))
    await writeFile(path.join(dir, 'partials', 'badge.hbs'), '[{{label}}]')
    await writeFile(path.join(dir, 'partials', 'extra.hbs'), 'extra {{x}}')
    const overridden = loadTemplates(dir)
    expect(overridden.partial('badge', {label: 'Met'})).toBe('[Met]')
    expect(overridden.partial('extra', {x: 1})).toBe('extra 1')
    expect(overridden.css('report.css')).toBe(defaults.css('report.css'))
  })

  it('throws TEMPLATE_ERROR for a missing file', () => {
    const templates = loadTemplates(undefined)
    expect(() => templates.css('nope.css')).toThrow(ScorecardError)
  })

  it('gives templates no access to prototype properties', () => {
    const templates = loadTemplates(undefined)
    expect(templates.partial('badge', Object.create({label: 'inherited'}))).not.toContain('inherited')
  })
})

describe('cssString', () => {
  it('escapes quotes, backslashes, line breaks and angle brackets', () => {
    expect(cssString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"')
    expect(cssString('</style>\n')).toBe('"\\3c /style\\3e \\a "')
  })
})

describe('endnotes partial', () => {
  const item = (over: Record<string, unknown>) => ({full: false, again: false, prefix: undefined, direct: false, reported: false, speaker: undefined, reporter: 'Bugajski', showAuthor: true, showPublisher: true, author: 'Janusz Bugajski', shortName: 'Bugajski', title: 'Long Title: Interim Report', shortTitle: 'Long Title', publisher: 'CSIS', date: 'October 2010', locator: 'p. 6', anchor: 'evidence-a', label: 'E1', ...over})
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()

  it('names a source once in a note: a second excerpt of it right after gives only its locator and speaker', () => {
    const templates = loadTemplates(undefined)
    const html = templates.partial('endnotes', {
      id: 'ch',
      notes: [{number: 1, id: 'ch-note-1', refId: 'ch-ref-1', items: [item({full: true}), item({again: true, full: false, reported: true, speaker: 'Konstantin Zhigalov', locator: 'p. 7', label: 'E2'}), item({again: true, locator: undefined, label: 'E3'})]}],
    })
    expect(text(html)).toContain('1. Janusz Bugajski, Long Title: Interim Report (CSIS, October 2010), p. 6; excerpt E1; reporting Konstantin Zhigalov, p. 7; excerpt E2; excerpt E3. ↩'.slice(3))
  })

  it('gives an unsigned source’s short form as its short title alone', () => {
    const templates = loadTemplates(undefined)
    const html = templates.partial('endnotes', {id: 'ch', notes: [{number: 2, id: 'n', refId: 'r', items: [item({author: undefined, shortName: undefined, showAuthor: false, title: 'OSCE Stalls', shortTitle: 'OSCE Stalls', locator: undefined})]}]})
    expect(text(html)).toContain('OSCE Stalls; excerpt E1.')
    expect(text(html)).not.toContain('CSIS')
  })
})
