/**
 * Issue 5: dated history, --as-of, editions, charts, CSV and the JSON Schema.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {parse as parseCsv} from 'csv-parse/sync'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toString} from 'hast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {build, check, renderReport, type ScoredReport} from '../../src/index.js'
import {changeChart, stackedBarChart} from '../../src/render/charts.js'
import {scorecardJsonSchemaDocument} from '../../src/export/output-schema.js'
import {project, repoRoot, type Edit} from '../helpers.js'

async function rules(edits: Edit[]) {
  const dir = await project('minimal', edits)
  const result = await check(dir, {cwd: dir})
  return result.files.flatMap((file) => file.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
}

const history = (entries: string) => ({file: 'priorities/media.md', replace: 'stated:', with: `history:\n${entries}\nstated:`})

describe('history validation', () => {
  it('accepts a valid history that ends in the current status', async () => {
    expect(await rules([history('  - date: 2010-07\n    status: progressing\n    note: Early promise.\n  - date: 2010-10-05\n    status: stalled\n    note: Laws tightened.\n    evidence: [analysis-2010-10]')])).toEqual([])
  })

  it('reports entries out of date order', async () => {
    expect(await rules([history('  - date: 2010-10\n    status: progressing\n    note: a\n  - date: 2010-07\n    status: stalled\n    note: b')])).toEqual([
      'priorities/media.md:10:11 history-order',
    ])
  })

  it('reports entries after the as-of date', async () => {
    expect(await rules([history('  - date: 2010-11-02\n    status: stalled\n    note: a')])).toEqual(['priorities/media.md:7:11 history-after-as-of'])
  })

  it('reports unknown statuses and unknown evidence in history', async () => {
    expect(await rules([history('  - date: 2010-09\n    status: stalld\n    note: a\n  - date: 2010-10\n    status: stalled\n    note: b\n    evidence: [nope]')])).toEqual([
      'priorities/media.md:8:13 unknown-status',
      'priorities/media.md:13:16 missing-evidence',
    ])
  })

  it('reports a top-level status that does not match the latest entry', async () => {
    expect(await rules([history('  - date: 2010-09\n    status: progressing\n    note: a')])).toEqual(['priorities/media.md:5:9 status-mismatch'])
  })

  it('validates editions in scorecard.yml', async () => {
    const editions = 'editions:\n  - id: late\n    title: Late\n    asOf: 2010-12-01\n  - id: early\n    title: Early\n    asOf: 2010-06-30\n'
    expect(await rules([{file: 'scorecard.yml', replace: 'dimensions:', with: `${editions}dimensions:`}])).toEqual([
      'scorecard.yml:12:11 history-after-as-of',
      'scorecard.yml:15:11 history-order',
    ])
  })
})

interface Json {
  report: {asOf: string; edition: {id: string} | null; previousEdition: {id: string; title: string} | null}
  priorities: {id: string; status: string | null; previousStatus: string | null; movement: {movement: string; steps: number} | null; evidence: string[]; history: {date: string; status: string}[]}[]
  evidence: {id: string; date: string; excerpt: string; citedBy: string[]}[]
  summary: {total: number; unrated: number; changes: Record<string, number> | null; omittedCitations: number; excludedEvidence: string[]; byDimension: Record<string, {byStatus: Record<string, number>}>}
}

async function example(options: {asOf?: string; edition?: string} = {}) {
  const result = await check(repoRoot, {cwd: repoRoot, ...options})
  const rendered = await renderReport(result.report!)
  const html = await rendered.html
  return {report: result.report!, html, tree: fromHtml(html), json: JSON.parse(rendered.json) as Json, csv: rendered.csv}
}

describe('--as-of', () => {
  let mid: Awaited<ReturnType<typeof example>>
  beforeAll(async () => {
    mid = await example({asOf: '2010-07-31'})
  })

  it('takes statuses from history as of the date', () => {
    const status = (id: string) => mid.json.priorities.find((p) => p.id === id)?.status
    expect(mid.json.report.asOf).toBe('2010-07-31')
    expect(status('astana-summit')).toBe('limited')
    expect(status('kyrgyzstan-crisis')).toBe('limited')
    expect(status('odihr-and-elections')).toBe('progressing')
    // No evidence by 31 July: not yet rated.
    expect(status('moldova')).toBeNull()
    expect(status('media-freedom')).toBeNull()
    expect(mid.json.summary.unrated).toBe(10)
    expect(mid.json.priorities.find((p) => p.id === 'kyrgyzstan-crisis')?.history.map((h) => h.date)).toEqual(['2010-07-17'])
  })

  it('leaves out evidence dated later, with the citations to it, and says so', () => {
    expect(mid.json.evidence.length).toBeGreaterThan(0)
    for (const item of mid.json.evidence) expect(item.date <= '2010-07-31', item.id).toBe(true)
    expect(mid.json.summary.excludedEvidence.every((id) => id.startsWith('csis-'))).toBe(true)
    expect(mid.json.summary.omittedCitations).toBeGreaterThan(50)
    for (const priority of mid.json.priorities) for (const id of priority.evidence) expect(mid.json.summary.excludedEvidence).not.toContain(id)
    const hrefs = selectAll('a[href^="#evidence-"]', mid.tree).map((a) => String(a.properties.href))
    expect(hrefs.some((href) => href.startsWith('#evidence-csis-'))).toBe(false)
    expect(toString(select('.notice', mid.tree)!)).toContain(`${mid.json.summary.omittedCitations} citations`)
    expect(selectAll('.priority__omitted', mid.tree).length).toBeGreaterThan(10)
    // Every remaining internal link still resolves.
    const ids = new Set(selectAll('[id]', mid.tree).map((e) => String(e.properties.id)))
    for (const a of selectAll('a[href^="#"]', mid.tree)) expect(ids.has(String(a.properties.href).slice(1)), String(a.properties.href)).toBe(true)
  })

  it('shows the as-of date and edition on the cover', () => {
    expect(toString(select('.cover__date', mid.tree)!)).toContain('31 July 2010')
    expect(toString(select('.cover__title', mid.tree)!)).toContain('Mid-Year Review')
    expect(mid.json.report.edition?.id).toBe('mid-year')
    expect(mid.json.report.previousEdition).toBeNull()
  })

  it('marks priorities not yet rated on an earlier date', async () => {
    const early = await example({asOf: '2010-07-10'})
    const astana = early.json.priorities.find((p) => p.id === 'astana-summit')!
    expect(astana.status).toBeNull()
    // Only the five priorities rated on the Kazakh government paper (July 2010) have a rating yet (of 22).
    expect(early.json.summary.unrated).toBe(17)
    expect(toString(select('#priority-astana-summit .status__label', early.tree)!)).toBe('Not yet rated')
    expect(early.json.priorities.find((p) => p.id === 'tolerance')?.status).toBe('limited')
  })

  it('refuses a date after the report\'s as-of date or an unknown edition', async () => {
    await expect(check(repoRoot, {cwd: repoRoot, asOf: '2011-01-01'})).rejects.toMatchObject({code: 'INVALID_OPTION'})
    await expect(check(repoRoot, {cwd: repoRoot, edition: 'final'})).rejects.toMatchObject({code: 'INVALID_OPTION'})
  })
})

describe('editions', () => {
  let interim: Awaited<ReturnType<typeof example>>
  beforeAll(async () => {
    interim = await example()
  })

  it('builds the latest edition by default and measures change since the previous one', () => {
    expect(interim.json.report.edition?.id).toBe('interim')
    expect(interim.json.report.previousEdition?.id).toBe('mid-year')
    const moved = interim.json.priorities.filter((p) => p.movement?.movement === 'up').map((p) => p.id).sort()
    expect(moved).toEqual(['astana-summit', 'odihr-and-elections', 'tolerance', 'transport-and-border-crossings'])
    const astana = interim.json.priorities.find((p) => p.id === 'astana-summit')!
    expect(astana).toMatchObject({status: 'progressing', previousStatus: 'limited', movement: {movement: 'up', steps: 1}})
    // Ten priorities had no rating in the published Mid-Year Review, and three were added after it: they are new, not unchanged.
    expect(interim.json.summary.changes).toEqual({up: 4, same: 5, down: 0, new: 13})
    for (const id of ['georgia-breakaway-regions', 'trafficking-in-human-beings', 'domestic-reform'])
      expect(interim.json.priorities.find((p) => p.id === id), id).toMatchObject({previousStatus: null, movement: {movement: 'new'}})
    expect(interim.json.priorities.find((p) => p.id === 'moldova')).toMatchObject({status: 'progressing', previousStatus: null, movement: {movement: 'new'}})
  })

  it('has a "What changed" chapter and shows each move with the old status', () => {
    const chapter = select('#what-changed', interim.tree)!
    expect(toString(select('h2', chapter)!)).toBe('What Changed Since the Mid-Year Review')
    const items = selectAll('.moves li', chapter).map((li) => toString(li).replace(/\s+/g, ' '))
    expect(items).toHaveLength(17)
    expect(items[0]).toMatch(/Convening an OSCE summit in Astana: ◆ Limited progress → ▲ Progressing Up 1 step from Limited progress/)
    expect(toString(select('#priority-tolerance .movement', interim.tree)!)).toContain('Up 1 step from Limited progress since the Mid-Year Review')
    const headers = selectAll('table.scorecard:not(.scorecard--counts) thead th', interim.tree).map((th) => toString(th))
    expect(headers).toContain('Since the Mid-Year Review')
  })

  it('shows each priority\'s timeline with citations', () => {
    const entries = selectAll('#priority-kyrgyzstan-crisis .timeline__entry', interim.tree)
    expect(entries.map((li) => toString(select('time', li)!))).toEqual(['17 July 2010', 'October 2010'])
    expect(entries.map((li) => toString(select('.status__label', li)!))).toEqual(['Limited progress', 'Limited progress'])
    for (const entry of entries) expect(select('sup.noteref a', entry)).toBeDefined()
  })
})

describe('charts carry the right numbers', () => {
  it('draws one stacked bar per dimension with a segment per non-zero count', async () => {
    const {tree, json} = await example()
    const svg = select('svg#chart-distribution, figure svg.chart', tree)!
    expect(svg.properties.role).toBe('img')
    const desc = toString(select('desc', svg)!)
    // The description spells out every number, e.g. "Human Dimension: 1 Achieved, 1 Progressing, 1 Limited progress, 1 Setback".
    expect(desc).toContain('Cross-Cutting Priorities: 1 Progressing, 2 Limited progress')
    const segmentLabels = selectAll('text', svg).map((t) => toString(t)).filter((text) => /^[✔▲◆■▼] \d+$/.test(text))
    const expected = Object.values(json.summary.byDimension).flatMap((d) => Object.values(d.byStatus).filter((n) => n > 0))
    expect(segmentLabels.map((label) => Number(label.split(' ')[1])).sort()).toEqual(expected.sort())
  })

  it('stackedBarChart scales bars to the largest row', () => {
    const svg = fromHtml(stackedBarChart({id: 'c', title: 'T', rows: [{label: 'A', counts: [2, 0]}, {label: 'B', counts: [1, 1]}], scale: [{id: 'a', label: 'Good', symbol: '▲', color: '#1e6b3a'}, {id: 'b', label: 'Bad', symbol: '▼', color: '#8b1a1a'}]}), {fragment: true})
    const widths = selectAll('rect', svg).map((rect: Element) => Number(rect.properties.width)).slice(0, 3)
    expect(widths).toEqual([400, 200, 200])
    expect(toString(select('desc', svg)!)).toBe('A: 2 Good; B: 1 Good, 1 Bad')
  })

  it('changeChart shows up, same, down and new counts', () => {
    const svg = fromHtml(changeChart({id: 'x', title: 'Moves', counts: {up: 3, same: 10, down: 1, new: 0}}), {fragment: true})
    expect(toString(select('desc', svg)!)).toBe('Moved up: 3; Unchanged: 10; Moved down: 1; Newly rated: 0')
    expect(selectAll('text', svg).map((t) => toString(t)).filter((text) => /^\d+$/.test(text))).toEqual(['3', '10', '1', '0'])
  })
})

describe('data exports', () => {
  let report: ScoredReport
  let json: Json
  let csv: {priorities: string; evidence: string}
  beforeAll(async () => {
    const built = await example()
    report = built.report
    json = built.json
    csv = built.csv
  })

  it('writes RFC 4180 CSV that parses back to the same data', () => {
    const priorities = parseCsv(csv.priorities, {columns: true, bom: false}) as Record<string, string>[]
    expect(priorities).toHaveLength(report.priorities.length)
    expect(Object.keys(priorities[0]!)).toEqual(['id', 'title', 'dimension', 'dimension_title', 'status', 'status_label', 'previous_status', 'movement', 'stated_quote', 'stated_cite', 'evidence', 'file'])
    for (const row of priorities) {
      const entry = json.priorities.find((p) => p.id === row.id)!
      expect(row.status).toBe(entry.status)
      expect(row.evidence?.split(' ')).toEqual(entry.evidence)
    }
    const evidence = parseCsv(csv.evidence, {columns: true}) as Record<string, string>[]
    expect(evidence).toHaveLength(json.evidence.length)
    for (const row of evidence) expect(row.excerpt).toBe(json.evidence.find((e) => e.id === row.id)!.excerpt)
    expect(csv.evidence).toContain('\r\n')
    expect(csv.evidence.split('\r\n')[0]).toBe('id,number,title,publisher,author,date,url,type,locator,speaker,spoken_on,note,excerpt,cited_by,file')
  })

  it('quotes fields with commas, quotes and line breaks', async () => {
    const {toCsv} = await import('../../src/export/index.js')
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"\nthen']])).toBe('a,b\r\n"x, y","say ""hi""\nthen"\r\n')
  })

  it('build writes priorities.csv and evidence.csv', async () => {
    const dir = await project('minimal')
    const result = await build(dir, {cwd: dir, formats: ['csv']})
    expect(result.written.map((file) => path.basename(file)).sort()).toEqual(['evidence.csv', 'priorities.csv'])
  })

  it('scorecard.json matches the published JSON Schema, which is up to date', async () => {
    const published = JSON.parse(await readFile(path.join(repoRoot, 'docs', 'scorecard.schema.json'), 'utf8')) as Record<string, unknown>
    expect(published).toEqual(JSON.parse(JSON.stringify(scorecardJsonSchemaDocument())))
    const validate = new Ajv2020({strict: false, allErrors: true}).compile(published)
    for (const options of [{}, {asOf: '2010-05-01'}]) {
      const {json: data} = await example(options)
      expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    }
    // The schema is strict: an unknown key fails.
    expect(validate({...json, extra: 1})).toBe(false)
    // scorecard.json names its schema by the schema's stable $id.
    expect((json as {$schema?: string}).$schema).toBe(published.$id)
  })

  it("scorecard.json gives an excerpt's lang and translation (the Russian example), and still matches the schema", async () => {
    const dir = path.join(repoRoot, 'examples', 'ru-2010')
    const checked = await check(dir, {cwd: dir})
    expect(checked.ok).toBe(true)
    const data = JSON.parse((await renderReport(checked.report!)).json) as {evidence: {id: string; excerpt: string; lang?: string; translation?: unknown}[]}
    const vienna = data.evidence.find((item) => item.id === 'csis-vienna-brighter')!
    expect(vienna).toMatchObject({
      excerpt: 'The future of the Vienna Document 1999 appears brighter.',
      lang: 'en',
      translation: {text: 'Будущее Венского документа 1999 года выглядит более обнадёживающим.', by: 'authors', source: null},
    })
    const validate = new Ajv2020({strict: false, allErrors: true}).compile(scorecardJsonSchemaDocument())
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    // Evidence without them (the English example) has neither key.
    expect(json.evidence.every((item) => !('lang' in item) && !('translation' in item))).toBe(true)
  })

  it('the package ships the same schema under its $id, and the editor schemas, through exports', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {exports: Record<string, unknown>; files: string[]}
    expect(manifest.exports['./schemas/*']).toBe('./schemas/*')
    expect(manifest.files).toContain('schemas')
    // schemas/ is written by `npm run build`, which `npm test` runs first.
    const shipped = JSON.parse(await readFile(path.join(repoRoot, 'schemas', 'scorecard-json.schema.json'), 'utf8')) as Record<string, unknown>
    expect(shipped).toEqual(JSON.parse(JSON.stringify(scorecardJsonSchemaDocument())))
    const {editorSchemas} = await import('../../src/author/editor-schemas.js')
    const yml = JSON.parse(await readFile(path.join(repoRoot, 'schemas', 'scorecard-yml.schema.json'), 'utf8')) as Record<string, unknown>
    expect(yml.$id).toBe('https://scorecard-reports.github.io/scorecard/schemas/v1/scorecard-yml.schema.json')
    expect(yml).toEqual(editorSchemas().scorecard)
    // Resolvable by package name, as a consumer would import it.
    expect(import.meta.resolve('@scorecard-reports/scorecard/schemas/priority.schema.json')).toMatch(/\/schemas\/priority\.schema\.json$/)
  })
})
