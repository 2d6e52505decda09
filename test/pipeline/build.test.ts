import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toString} from 'hast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/index.js'
import {quoted} from '../../src/present/index.js'
import {project, repoRoot} from '../helpers.js'

interface Json {
  $schema: string
  schemaVersion: number
  report: {title: string; asOf: string; lang: string}
  dimensions: {id: string; title: string; priorities: string[]}[]
  scale: {id: string; label: string; symbol: string}[]
  priorities: {id: string; title: string; dimension: string; status: string; stated: {quote: string; cite: string} | null; evidence: string[]; html: string}[]
  evidence: {id: string; title: string; publisher: string; date: string; url: string | null; type: string; excerpt: string; citedBy: string[]; verified: boolean}[]
  sources: {file: string; sha256: string | null; available: boolean}[]
  summary: {total: number; byStatus: Record<string, number>; byDimension: Record<string, {total: number}>}
}

let outDir: string
let html: string
let tree: Root
let json: Json
let priorityIds: string[]

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'scorecard-build-'))
  const result = await build(repoRoot, {out: outDir, formats: ['html', 'json'], cwd: repoRoot})
  expect(result.errors).toBe(0)
  expect(result.written.map((file) => path.basename(file)).sort()).toEqual(['report.html', 'scorecard.json'])
  html = await readFile(path.join(outDir, 'report.html'), 'utf8')
  tree = fromHtml(html)
  json = JSON.parse(await readFile(path.join(outDir, 'scorecard.json'), 'utf8')) as Json
  priorityIds = (await readdir(path.join(repoRoot, 'priorities'))).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3))
})

describe('HTML report of the bundled example', () => {
  it('is one self-contained document with language, title and no script', () => {
    expect(select('html', tree)?.properties.lang).toBe('en')
    expect(toString(select('title', tree)!)).toBe('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
    expect(selectAll('script', tree)).toEqual([])
    expect(selectAll('link[rel=stylesheet]', tree)).toEqual([])
    const csp = select('meta[http-equiv=Content-Security-Policy]', tree)
    expect(String(csp?.properties.content)).toContain("script-src 'none'")
    for (const element of selectAll('[src]', tree)) expect(String(element.properties.src)).toMatch(/^data:/)
    expect(html).not.toMatch(/url\((?!["']?data:)/)
  })

  it('has a cover, a contents nav, an executive summary with the scorecard table, and an appendix', () => {
    expect(toString(select('header.cover h1', tree)!)).toContain('Kazakhstan’s OSCE Chairmanship 2010')
    const nav = select('nav.toc', tree)
    expect(nav).toBeDefined()
    const tocTargets = selectAll('a', nav!).map((a) => String(a.properties.href))
    expect(tocTargets).toContain('#executive-summary')
    expect(tocTargets).toContain('#evidence')
    for (const id of priorityIds) expect(tocTargets).toContain(`#priority-${id}`)
    const rows = selectAll('#executive-summary table.scorecard:not(.scorecard--counts) tbody tr', tree)
    expect(rows).toHaveLength(priorityIds.length)
    expect(selectAll('#executive-summary table.scorecard thead th', tree).length).toBeGreaterThanOrEqual(3)
  })

  it('has one chapter per dimension, in scorecard.yml order', () => {
    const titles = selectAll('section.chapter--dimension > h2', tree).map((h) => toString(h))
    expect(titles).toEqual(json.dimensions.map((d) => d.title))
  })

  it('shows every priority with title, a text status, the stated commitment and its assessment', () => {
    for (const id of priorityIds) {
      const article = select(`article#priority-${id}`, tree)
      expect(article, id).toBeDefined()
      expect(select('h3', article!)).toBeDefined()
      const entry = json.priorities.find((p) => p.id === id)!
      const scale = json.scale.find((s) => s.id === entry.status)!
      const badge = select('.status', article!)!
      // Status is text plus a symbol, never colour alone.
      expect(toString(select('.status__label', badge)!)).toBe(scale.label)
      expect(toString(select('.status__symbol', badge)!)).toBe(scale.symbol)
      expect(select('.status__symbol', badge)!.properties.ariaHidden).toBe('true')
      if (entry.stated) expect(toString(select('.stated__quote', article!)!)).toBe(quoted(entry.stated.quote))
      expect(selectAll('.priority__assessment p', article!).length).toBeGreaterThan(0)
      expect(selectAll('sup.noteref a', article!).length).toBeGreaterThanOrEqual(2)
    }
  })

  it('resolves every internal link to an anchor, and ids are unique', () => {
    const ids = selectAll('[id]', tree).map((element) => String(element.properties.id))
    expect(new Set(ids).size).toBe(ids.length)
    const idSet = new Set(ids)
    const internal = selectAll('a[href^="#"]', tree).map((a) => String(a.properties.href).slice(1))
    expect(internal.length).toBeGreaterThan(200)
    for (const target of internal) expect(idSet.has(target), `#${target}`).toBe(true)
  })

  it('numbers endnotes per chapter, linking note to reference and to the evidence appendix', () => {
    for (const chapter of selectAll('section.chapter--dimension', tree)) {
      const refs = selectAll('sup.noteref a', chapter).map((a) => toString(a))
      expect(refs).toEqual(refs.map((_, index) => String(index + 1)))
      const notes = selectAll('.endnotes li', chapter)
      expect(notes).toHaveLength(refs.length)
      for (const note of notes) {
        const links = selectAll('a', note).map((a) => String(a.properties.href))
        expect(links.some((href) => href.startsWith('#evidence-'))).toBe(true)
        expect(links.some((href) => /-ref-\d+$/.test(href))).toBe(true)
      }
    }
  })

  it('lists every excerpt in the appendix with backlinks to the priorities citing it', () => {
    const entries = selectAll('#evidence li.excerpt', tree)
    expect(entries).toHaveLength(json.evidence.length)
    for (const evidence of json.evidence) {
      const entry = select(`li#evidence-${evidence.id}`, tree)!
      const backlinks = selectAll('.excerpt__cited a', entry).map((a) => String(a.properties.href))
      expect(backlinks).toEqual(evidence.citedBy.map((id) => `#priority-${id}`))
    }
  })

  it('keeps headings in order without skipping levels', () => {
    const levels = selectAll('h1, h2, h3, h4, h5, h6', tree).map((h: Element) => Number(h.tagName[1]))
    expect(levels[0]).toBe(1)
    levels.forEach((level, index) => {
      if (index > 0) expect(level - levels[index - 1]!).toBeLessThanOrEqual(1)
    })
  })
})

describe('JSON export of the bundled example', () => {
  const reportDir = path.join(repoRoot, 'report')
  const citedInChapters = new Set(
    readdirSync(reportDir)
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) => [...readFileSync(path.join(reportDir, name), 'utf8').matchAll(/@([a-z0-9]+(?:-[a-z0-9]+)*)/g)].map((match) => match[1]!)),
  )
  it('has the documented shape', () => {
    expect(Object.keys(json)).toEqual(['$schema', 'schemaVersion', 'generator', 'report', 'dimensions', 'scale', 'priorities', 'evidence', 'sources', 'summary'])
    expect(json.schemaVersion).toBe(1)
    expect(json.$schema).toBe('https://scorecard-reports.github.io/scorecard/schemas/v1/scorecard-json.schema.json')
    expect(json.report).toMatchObject({title: "Kazakhstan's OSCE Chairmanship 2010", asOf: '2010-10-31', lang: 'en'})
    expect(json.priorities).toHaveLength(priorityIds.length)
    for (const priority of json.priorities) {
      expect(Object.keys(priority)).toEqual(['id', 'title', 'dimension', 'status', 'previousStatus', 'movement', 'stated', 'evidence', 'history', 'html', 'file'])
      expect(priority.evidence.length).toBeGreaterThanOrEqual(2)
      expect(priority.html).toContain('<p>')
    }
    for (const evidence of json.evidence) {
      expect(evidence.excerpt.length).toBeGreaterThan(0)
      expect(evidence.excerpt).not.toMatch(/[*_`]{2}/)
      // Every excerpt is cited: by a priority, or by a report chapter (the Task Force benchmark, in "About this assessment").
      if (evidence.citedBy.length === 0) expect(citedInChapters.has(evidence.id), evidence.id).toBe(true)
    }
    expect(json.evidence.filter((evidence) => evidence.citedBy.length === 0).map((evidence) => evidence.id)).toEqual(['csis-task-force-benchmark'])
  })

  it('marks every excerpt verified against ../shared/sources when that folder is present, and unverified otherwise', () => {
    const present = existsSync(path.join(repoRoot, '..', 'shared', 'sources'))
    expect(json.evidence.map((evidence) => evidence.verified)).toEqual(json.evidence.map(() => present))
    expect(json.sources.map((source) => [source.file, source.available])).toEqual([
      ['csis-2010-kazakhstan-osce-chairmanship-interim-report.txt', present],
      ['kazakhstan-2010-practical-approach-humanitarian-crisis-kyrgyzstan.txt', present],
      ['rferl-2010-07-osce-stalls-on-police-mission-to-kyrgyzstan.txt', present],
    ])
  })

  it('counts statuses by status and by dimension', () => {
    const total = Object.values(json.summary.byStatus).reduce((a, b) => a + b, 0)
    expect(total).toBe(json.priorities.length)
    expect(json.summary.total).toBe(json.priorities.length)
    for (const dimension of json.dimensions)
      expect(json.summary.byDimension[dimension.id]?.total).toBe(json.priorities.filter((p) => p.dimension === dimension.id).length)
    for (const status of json.scale)
      expect(json.summary.byStatus[status.id]).toBe(json.priorities.filter((p) => p.status === status.id).length)
  })

  it('agrees with citedBy: every priority listed as citing an excerpt has it in its evidence', () => {
    for (const evidence of json.evidence)
      for (const id of evidence.citedBy) expect(json.priorities.find((p) => p.id === id)?.evidence).toContain(evidence.id)
  })
})

describe('build guarantees', () => {
  it('gives byte-identical output on every run', async () => {
    const second = await mkdtemp(path.join(tmpdir(), 'scorecard-build-'))
    await build(repoRoot, {out: second, formats: ['html', 'json'], cwd: repoRoot})
    for (const name of ['report.html', 'scorecard.json'])
      expect(await readFile(path.join(second, name))).toEqual(await readFile(path.join(outDir, name)))
  })

  it('writes nothing and leaves the previous output intact when the check fails', async () => {
    const dir = await project('minimal')
    const first = await build(dir, {cwd: dir})
    expect(first.ok).toBe(true)
    const before = await readFile(path.join(dir, 'out', 'report.html'))
    await writeFile(path.join(dir, 'priorities', 'media.md'), '---\nid: media\n')
    const second = await build(dir, {cwd: dir})
    expect(second.ok).toBe(false)
    expect(second.written).toEqual([])
    expect(await readFile(path.join(dir, 'out', 'report.html'))).toEqual(before)
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['evidence.csv', 'priorities.csv', 'report.html', 'scorecard.json'])
  })

  it('keeps a one-priority report.html under 300 KB: its fonts are subset to the text it sets', async () => {
    const dir = await project('minimal', [{file: 'priorities/vienna-document.md', remove: true}])
    const result = await build(dir, {cwd: dir, formats: ['html']})
    expect(result.ok).toBe(true)
    const page = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(page.match(/class="priority"/g) ?? []).toHaveLength(1)
    expect(Buffer.byteLength(page)).toBeLessThan(300 * 1024)
    // Every face is still there, subset, not left out.
    expect(page.match(/@font-face/g)?.length).toBeGreaterThanOrEqual(4)
  })

  it('uses a template override from the project', async () => {
    const dir = await project('minimal', [
      {file: 'templates/partials/badge.hbs', write: '<span class="status custom-badge">{{label}}</span>'},
    ])
    // Trusted explicitly: the suite also runs in CI, where templates are untrusted by default.
    await build(dir, {cwd: dir, trustTemplates: true})
    const out = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(out).toContain('<span class="status custom-badge">Progressing</span>')
  })

  it('fails an HTML build on a broken template with TEMPLATE_ERROR, and writes nothing; JSON needs no template', async () => {
    const dir = await project('minimal', [{file: 'templates/partials/badge.hbs', write: '<span>{{#if label}}unclosed</span>'}])
    await expect(build(dir, {cwd: dir, formats: ['html'], trustTemplates: true})).rejects.toMatchObject({code: 'TEMPLATE_ERROR'})
    await expect(readdir(path.join(dir, 'out'))).rejects.toMatchObject({code: 'ENOENT'})
    const json = await build(dir, {cwd: dir, formats: ['json']})
    expect(json.written.map((file) => path.basename(file))).toEqual(['scorecard.json'])
  })
})
