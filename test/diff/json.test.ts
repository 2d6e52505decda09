/**
 * json.ts: `diff --format json`, against docs/diff-schema.json.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, diffToJson, type AssessmentDiff} from '../../src/diff/index.js'
import {repoRoot} from '../helpers.js'
import {diffFixtures, expectFixtureChanges} from './fixture.js'

describe('diffToJson', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: 'base'}, {type: 'directory', path: 'head'}, {cwd: diffFixtures})
  })

  it('json: parses, matches docs/diff-schema.json, and carries the same model', () => {
    const json = diffToJson(diff)
    expect(json.endsWith('}\n')).toBe(true)
    const data = JSON.parse(json) as AssessmentDiff
    expect(data).toEqual(diff)
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs', 'diff-schema.json'), 'utf8')) as object
    const validate = new Ajv2020({allErrors: true, strict: true}).compile(schema)
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true)
    expectFixtureChanges(data)
  })
})
