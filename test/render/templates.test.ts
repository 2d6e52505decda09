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
