/**
 * gates.ts: what `--fail-on` trips on.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, formatDiffText, trippedGates, type AssessmentDiff} from '../../src/diff/index.js'
import type {Edit} from '../helpers.js'
import {baseDir, edited, headDir} from './fixture.js'

describe('trippedGates', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
  })

  it('trips downgrade, edited-quotation, removed and any-change on the fixture pair, in the order given', () => {
    expect(trippedGates(diff, ['any-change', 'removed', 'edited-quotation', 'downgrade'])).toEqual(['any-change', 'removed', 'edited-quotation', 'downgrade'])
    // elections-2010-06 was deleted; media and vienna-document changed status with no history at all.
    expect(trippedGates(diff, ['removed-evidence', 'undated-status-change'])).toEqual(['removed-evidence', 'undated-status-change'])
    expect(trippedGates(diff, [])).toEqual([])
  })

  it('trips nothing but any-change on an upgrade alone, and nothing when nothing changed', async () => {
    const up = await edited([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: achieved'}])
    const upgrade = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: up})
    expect(trippedGates(upgrade, ['downgrade', 'edited-quotation', 'removed', 'removed-evidence', 'any-change'])).toEqual(['any-change'])
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(trippedGates(same, ['downgrade', 'edited-quotation', 'removed', 'any-change'])).toEqual([])
  })

  it('removed-evidence trips when a priority stops citing an excerpt that still exists', async () => {
    const dir = await edited([{file: 'priorities/vienna-document.md', replace: ', and a second source\nagrees [@analysis-2010-10, p. 7]', with: ''}])
    const dropped = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(dropped.summary.evidence.removed).toBe(0)
    expect(dropped.priorities).toMatchObject([{id: 'vienna-document', evidence: {added: [], removed: ['analysis-2010-10']}}])
    expect(trippedGates(dropped, ['removed', 'removed-evidence'])).toEqual(['removed-evidence'])
  })

  it('undated-status-change trips unless a new dated history entry gives the new status', async () => {
    const history = (entries: string): Edit => ({file: 'priorities/vienna-document.md', replace: 'order: 1\n', with: `order: 1\nhistory:\n${entries}`})
    const entry = (date: string, status: string): string => `  - date: ${date}\n    status: ${status}\n    note: Rated on ${date}.\n`
    const base = await edited([history(entry('2010-06', 'progressing'))])
    const dated = await edited([history(entry('2010-06', 'progressing') + entry('2010-10', 'achieved'))])
    // The same date, rewritten: the status changes, but no new entry says when.
    const rewritten = await edited([history(entry('2010-06', 'achieved'))])
    const withEntry = await diffProjects({type: 'directory', path: base}, {type: 'directory', path: dated})
    expect(withEntry.priorities).toMatchObject([{id: 'vienna-document', status: {movement: 'up'}, historyAdded: [{date: '2010-10', status: 'achieved'}]}])
    expect(trippedGates(withEntry, ['undated-status-change'])).toEqual([])
    const withoutEntry = await diffProjects({type: 'directory', path: base}, {type: 'directory', path: rewritten})
    expect(withoutEntry.priorities).toMatchObject([{id: 'vienna-document', status: {movement: 'up'}, historyAdded: []}])
    expect(trippedGates(withoutEntry, ['undated-status-change'])).toEqual(['undated-status-change'])
    expect(formatDiffText(withoutEntry)).toContain('    history: no new dated entry gives this status')
    expect(formatDiffText(withEntry)).toContain('    history added: 2010-10 ✔ Achieved')
  })
})
