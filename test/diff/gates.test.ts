/**
 * gates.ts: what `--fail-on` trips on.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, trippedGates, type AssessmentDiff} from '../../src/diff/index.js'
import {baseDir, edited, headDir} from './fixture.js'

describe('trippedGates', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
  })

  it('trips downgrade, edited-quotation, removed and any-change on the fixture pair, in the order given', () => {
    expect(trippedGates(diff, ['any-change', 'removed', 'edited-quotation', 'downgrade'])).toEqual(['any-change', 'removed', 'edited-quotation', 'downgrade'])
    expect(trippedGates(diff, [])).toEqual([])
  })

  it('trips nothing but any-change on an upgrade alone, and nothing when nothing changed', async () => {
    const up = await edited([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: achieved'}])
    const upgrade = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: up})
    expect(trippedGates(upgrade, ['downgrade', 'edited-quotation', 'removed', 'any-change'])).toEqual(['any-change'])
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(trippedGates(same, ['downgrade', 'edited-quotation', 'removed', 'any-change'])).toEqual([])
  })
})
