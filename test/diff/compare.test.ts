/**
 * compare.ts: two scored reports into an `AssessmentDiff` (read from folders).
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, diffReports, type AssessmentDiff} from '../../src/diff/index.js'
import {check} from '../../src/pipeline/index.js'
import {baseDir, byId, edited, expectFixtureChanges, headDir} from './fixture.js'

describe('compare', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
  })

  it('reports upgrades, downgrades, added, removed and renamed priorities, evidence and edited quotations', () => {
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
    expect(diffReports(base, head, sides)).toEqual(diff)
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
    expect(byId(changed, 'gender').status).toEqual({before: 'limited', after: 'setback', direction: 'downgrade', steps: 1})
    expect(changed.report.map((field) => field.field)).toEqual(['scale'])
  })
})
