/**
 * compare.ts: two report views into an `AssessmentDiff` (read from folders).
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, diffReports, diffViews, formatDiffText, type AssessmentDiff} from '../../src/diff/index.js'
import {check} from '../../src/pipeline/index.js'
import {presentReport} from '../../src/present/index.js'
import {baseDir, byId, edited, expectFixtureChanges, headDir} from './fixture.js'

describe('compare', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
  })

  it('reports moves up and down, added, removed and renamed priorities, evidence and edited quotations', () => {
    expect(diff.base).toEqual({label: baseDir, type: 'directory', commit: null, empty: false, errors: []})
    expectFixtureChanges(diff)
    expect(byId(diff, 'water').assessment).toEqual({
      segments: [{op: 'insert', text: 'A regional water project was announced [@report-2010-09].'}],
      wordsAdded: 7,
      wordsRemoved: 0,
      truncated: false,
    })
  })

  it('is what diffReports makes of the two scored reports', async () => {
    const base = (await check(baseDir, {cwd: baseDir})).report!
    const head = (await check(headDir, {cwd: headDir})).report!
    const sides = {base: diff.base, head: diff.head}
    // The same, but for the line ranges: only diffProjects reads the files for them (lines.ts).
    const withoutLines = (value: AssessmentDiff): AssessmentDiff => ({
      ...value,
      priorities: value.priorities.map((item) => ({...item, lines: null})),
      evidence: value.evidence.map((item) => ({...item, lines: null})),
      prose: value.prose.map((item) => ({...item, lines: null})),
    })
    expect(diffReports(base, head, sides)).toEqual(withoutLines(diff))
    expect(diffViews(presentReport(base), presentReport(head), sides)).toEqual(withoutLines(diff))
    expect(diff.priorities.map((item) => [item.id, item.lines])).toEqual([
      ['elections', {start: 1, end: 8}],
      ['media', {start: 5, end: 7}],
      ['tolerance-and-non-discrimination', {start: 2, end: 2}],
      ['vienna-document', {start: 5, end: 14}],
      ['water', {start: 1, end: 8}],
    ])
    expect(diff.evidence.map((item) => item.lines)).toEqual([{start: 1, end: 8}, {start: 9, end: 9}, {start: 1, end: 8}])
    expect(diff.prose.map((item) => item.lines)).toEqual([{start: 4, end: 4}])
  })

  it("compares the views' evidence catalogue: an excerpt no priority cites is in it, and its edits count", async () => {
    const uncited = '---\nid: spare-2010-09\ntitle: Spare\npublisher: Example Institute\ndate: 2010-09\ntype: news\n---\nNobody cites this excerpt.\n'
    const withSpare = await edited([{file: 'evidence/spare-2010-09.md', write: uncited}])
    const edit = await edited([{file: 'evidence/spare-2010-09.md', write: uncited.replace('Nobody cites', 'No one cites')}])
    const view = presentReport((await check(withSpare, {cwd: withSpare})).report!)
    expect(view.evidence.find((item) => item.id === 'spare-2010-09')).toMatchObject({citedBy: [], excerpt: 'Nobody cites this excerpt.'})
    const added = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: withSpare})
    expect(added.evidence).toMatchObject([{id: 'spare-2010-09', change: 'added', citedBy: []}])
    const changed = await diffProjects({type: 'directory', path: withSpare}, {type: 'directory', path: edit})
    expect(changed.evidence).toMatchObject([{id: 'spare-2010-09', change: 'modified', quotationEdited: true, citedBy: []}])
    expect(changed.summary.evidence.editedQuotations).toBe(1)
  })

  it('names movement as the report does: a first rating is new, and each side shows the evidence of its date', async () => {
    const dir = await edited([
      {file: 'priorities/gender.md', replace: 'order: 4\n', with: 'order: 4\nhistory:\n  - date: 2010-10\n    status: limited\n    note: First rated.\n    evidence: [analysis-2010-10]\n'},
    ])
    const side = {type: 'directory', path: dir} as const
    const diff = await diffProjects(side, side, {asOf: {base: '2010-09-30', head: '2010-10-31'}})
    expect(byId(diff, 'gender').status).toEqual({before: 'unrated', after: 'limited', movement: 'new', steps: 0})
    expect(diff.summary.priorities).toMatchObject({up: 0, down: 0, new: 1, unranked: 0})
    // analysis-2010-10 is dated October: the base, as of 30 September, does not show it.
    expect(diff.evidence).toMatchObject([{id: 'analysis-2010-10', change: 'added'}])
    expect(byId(diff, 'gender').evidence.added).toEqual(['analysis-2010-10'])
    const text = formatDiffText(diff)
    expect(text).toContain('1 newly rated')
    expect(text).toMatch(/^ {2}\+ gender +unrated → \S+ Limited progress \(newly rated\)$/m)
  })

  it('is empty when nothing changed', async () => {
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(same.summary.changed).toBe(false)
    expect(same.priorities).toEqual([])
    expect(same.evidence).toEqual([])
  })

  it('ignores reflowed line breaks in a quotation, but flags changed punctuation', async () => {
    const reflowed = await edited([
      {file: 'evidence/news-2010-07-17.md', replace: 'update the Vienna Document before', with: 'update the Vienna\nDocument before'},
    ])
    expect((await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: reflowed})).summary.changed).toBe(false)
    const punctuated = await edited([{file: 'evidence/news-2010-07-17.md', replace: 'before the summit.', with: 'before the summit!'}])
    const changed = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: punctuated})
    expect(changed.summary.evidence.editedQuotations).toBe(1)
  })

  it('reports evidence metadata changes without calling them edited quotations', async () => {
    const dir = await edited([{file: 'evidence/analysis-2010-10.md', replace: 'locator: p. 7', with: 'locator: p. 8'}])
    const changed = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(changed.evidence).toMatchObject([{id: 'analysis-2010-10', quotationEdited: false, metadata: [{field: 'locator', before: 'p. 7', after: 'p. 8'}]}])
  })

  it('ranks on the head scale and notes a changed scale', async () => {
    const dir = await edited([
      // Drop "stalled" and move gender to a new rating that only the head knows.
      {file: 'scorecard.yml', replace: /  - id: stalled[\s\S]*$/, with: '  - id: setback\n    label: Setback\n    symbol: "▼"\n    color: "#8b1a1a"\n'},
      {file: 'priorities/gender.md', replace: 'status: limited', with: 'status: setback'},
    ])
    const changed = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(changed.scale.changed).toBe(true)
    expect(changed.scale.before?.map((entry) => entry.id)).toEqual(['achieved', 'progressing', 'limited', 'stalled'])
    expect(byId(changed, 'gender').status).toEqual({before: 'limited', after: 'setback', movement: 'down', steps: 1})
    expect(changed.report.map((field) => field.field)).toEqual(['scale'])
  })
})
