/**
 * Shared by the diff tests: the fixture pair (test/fixtures/diff/base and
 * head), a git repository holding it as two commits, and the changes every
 * reading of the pair must show.
 */
import {execFile} from 'node:child_process'
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {expect} from 'vitest'
import type {AssessmentDiff, PriorityDiff} from '../../src/diff/index.js'
import {fixtures, type Edit} from '../helpers.js'

const exec = promisify(execFile)
export const diffFixtures = path.join(fixtures, 'diff')
export const baseDir = path.join(diffFixtures, 'base')
export const headDir = path.join(diffFixtures, 'head')

/** Git with a fixed identity and no user or system configuration. */
export async function git(args: string[], cwd: string): Promise<string> {
  const env = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}
  const {stdout} = await exec('git', ['-c', 'user.name=Scorecard Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {cwd, env})
  return stdout
}

/**
 * A repository with the project in `assessment/`: one commit with the base
 * fixture, one with the head fixture. Returns the repository folder.
 */
export async function repository(): Promise<string> {
  const repo = await mkdtemp(path.join(tmpdir(), 'scorecard-repo-'))
  const projectDir = path.join(repo, 'assessment')
  await git(['init', '-q', '-b', 'main'], repo)
  await cp(baseDir, projectDir, {recursive: true})
  await writeFile(path.join(repo, 'README.md'), 'Not part of the project.\n')
  await git(['add', '-A'], repo)
  await git(['commit', '-q', '-m', 'Base assessment'], repo)
  await rm(projectDir, {recursive: true})
  await cp(headDir, projectDir, {recursive: true})
  await git(['add', '-A'], repo)
  await git(['commit', '-q', '-m', 'Head assessment'], repo)
  return repo
}

/** A copy of the base fixture with `edits` applied (a replacement that does not apply is an error). */
export async function edited(edits: readonly Edit[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-diff-'))
  await cp(baseDir, dir, {recursive: true})
  for (const edit of edits) {
    const target = path.join(dir, edit.file)
    if ('remove' in edit) await rm(target)
    else if ('write' in edit) {
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, edit.write)
    } else {
      const text = await readFile(target, 'utf8')
      const next = text.replace(edit.replace, edit.with)
      if (next === text) throw new Error(`Edit did not apply to ${edit.file}: ${String(edit.replace)}`)
      await writeFile(target, next)
    }
  }
  return dir
}

export const byId = (diff: AssessmentDiff, id: string): PriorityDiff => {
  const found = diff.priorities.find((item) => item.id === id)
  if (!found) throw new Error(`No change for priority ${id}`)
  return found
}

/** The diff without the side labels, for comparing diffs of the same content read different ways. */
export const content = (diff: AssessmentDiff): unknown => ({...diff, base: undefined, head: undefined})

/** The changes every test fixture pair must show. */
export function expectFixtureChanges(diff: AssessmentDiff): void {
  expect(diff.summary).toEqual({
    changed: true,
    priorities: {up: 1, down: 1, new: 0, unranked: 0, added: 1, removed: 1, renamed: 1, modified: 3, unchanged: 1},
    evidence: {added: 1, removed: 1, modified: 1, renamed: 0, editedQuotations: 1},
    prose: 1,
    report: 0,
  })
  // Sorted by id; gender did not change and is not listed.
  expect(diff.priorities.map((item) => [item.id, item.change])).toEqual([
    ['elections', 'removed'],
    ['media', 'modified'],
    ['tolerance-and-non-discrimination', 'modified'],
    ['vienna-document', 'modified'],
    ['water', 'added'],
  ])

  const vienna = byId(diff, 'vienna-document')
  expect(vienna.status).toEqual({before: 'progressing', after: 'achieved', movement: 'up', steps: 1})
  expect(vienna.evidence).toEqual({added: ['report-2010-09'], removed: []})
  expect(vienna.editedQuotations).toEqual(['news-2010-07-17'])
  expect(vienna.assessment?.segments).toContainEqual({op: 'delete', text: 'moved forward'})
  expect(vienna.assessment?.segments).toContainEqual({op: 'insert', text: 'concluded'})
  expect(vienna.stated).toBeNull()

  const media = byId(diff, 'media')
  expect(media.status).toEqual({before: 'progressing', after: 'stalled', movement: 'down', steps: 2})
  expect(media.stated).toMatchObject({
    before: {quote: 'protect journalists', cite: 'analysis-2010-10'},
    after: {quote: 'promised to protect journalists', cite: 'analysis-2010-10'},
  })
  expect(media.stated?.quote?.segments).toEqual([
    {op: 'insert', text: 'promised to '},
    {op: 'equal', text: 'protect journalists'},
  ])
  expect(media.assessment).toBeNull()

  const renamed = byId(diff, 'tolerance-and-non-discrimination')
  expect(renamed).toMatchObject({previousId: 'tolerance', file: 'priorities/tolerance.md', fileChange: null})
  expect(renamed.status.movement).toBe('same')

  expect(byId(diff, 'water')).toMatchObject({
    change: 'added',
    status: {before: null, after: 'limited', movement: null},
    evidence: {added: ['report-2010-09'], removed: []},
  })
  expect(byId(diff, 'elections')).toMatchObject({
    change: 'removed',
    file: 'priorities/elections.md',
    status: {before: 'limited', after: null, movement: null},
    evidence: {added: [], removed: ['elections-2010-06']},
  })

  expect(diff.evidence.map((item) => [item.id, item.change, item.quotationEdited])).toEqual([
    ['elections-2010-06', 'removed', false],
    ['news-2010-07-17', 'modified', true],
    ['report-2010-09', 'added', false],
  ])
  const edited = diff.evidence[1]!
  expect(edited.quotation).toMatchObject({
    before: 'The ministers agreed to update the Vienna Document before the summit.',
    after: 'The ministers agreed to update the Vienna Document before the Astana summit.',
  })
  expect(edited.quotation?.change.segments.filter((segment) => segment.op !== 'equal')).toEqual([{op: 'insert', text: 'Astana '}])
  expect(edited.citedBy).toEqual(['vienna-document'])
  expect(diff.evidence[2]!.citedBy).toEqual(['vienna-document', 'water'])

  expect(diff.prose).toMatchObject([{change: 'modified', file: 'report/summary.md', title: 'Executive Summary'}])
  expect(diff.prose[0]!.text?.segments).toContainEqual({op: 'insert', text: 'almost none'})
  expect(diff.scale.changed).toBe(false)
}

