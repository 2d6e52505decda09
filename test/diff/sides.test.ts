/**
 * sides.ts and git.ts: reading each side from a folder or a git revision of
 * a repository the test creates, and what happens when a side cannot be read.
 */
import {readdirSync} from 'node:fs'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects} from '../../src/diff/index.js'
import {baseDir, content, edited, expectFixtureChanges, git, headDir, repository} from './fixture.js'

describe('sides that do not pass check', () => {
  it('compares what it can and lists the errors of the side', async () => {
    const broken = await edited([
      {file: 'priorities/media.md', replace: 'status: progressing', with: 'status: progresing'},
      // Cannot be read at all: it counts as missing on this side.
      {file: 'priorities/gender.md', replace: 'title: ', with: 'title: [unclosed'},
    ])
    const diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: broken, label: 'broken'})
    expect(diff.base.errors).toEqual([])
    expect(diff.head).toMatchObject({label: 'broken', empty: false})
    expect(diff.head.errors).toHaveLength(2)
    expect(diff.head.errors).toContainEqual(expect.stringMatching(/^priorities\/media\.md:5:9 error Unknown status "progresing".* \[unknown-status\]$/))
    expect(diff.head.errors).toContainEqual(expect.stringMatching(/^priorities\/gender\.md:\d+:\d+ error /))
    expect(diff.priorities.map((item) => [item.id, item.change, item.status.movement])).toEqual([
      ['gender', 'removed', null],
      ['media', 'modified', 'unranked'],
    ])
  })

  it('refuses only a side whose scorecard.yml is invalid (exit code 3)', async () => {
    const broken = await edited([{file: 'scorecard.yml', replace: 'title: Test Programme', with: 'title: [Test Programme'}])
    const failed = diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: broken, label: 'broken'})
    await expect(failed).rejects.toMatchObject({code: 'INVALID_PROJECT', exitCode: 3})
    await expect(failed).rejects.toThrow(/broken: scorecard\.yml:\d+:\d+ error .*\[yaml-syntax\]/)
  })
})

describe('diff between git revisions (temporary repository)', () => {
  let repo: string
  let projectDir: string
  beforeAll(async () => {
    repo = await repository()
    projectDir = path.join(repo, 'assessment')
  })

  it('reads two revisions without checking them out, and matches the folder diff', async () => {
    const scratchBefore = readdirSync(tmpdir()).filter((name) => name.startsWith('scorecard-rev-')).length
    const fromGit = await diffProjects({type: 'git', rev: 'HEAD~1'}, {type: 'git', rev: 'HEAD'}, {cwd: projectDir})
    const commits = (await git(['rev-list', '-2', 'HEAD'], repo)).trim().split('\n')
    expect(fromGit.base).toEqual({label: 'HEAD~1', type: 'git', commit: commits[1], empty: false, errors: []})
    expect(fromGit.head).toEqual({label: 'HEAD', type: 'git', commit: commits[0], empty: false, errors: []})
    expectFixtureChanges(fromGit)
    const fromFolders = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    expect(content(fromGit)).toEqual(content(fromFolders))
    // Temporary copies are removed, and the working tree was not touched.
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('scorecard-rev-')).length).toBe(scratchBefore)
    expect(await git(['status', '--porcelain'], repo)).toBe('')
  })

  it('compares a revision with the working tree', async () => {
    await writeFile(path.join(projectDir, 'priorities', 'gender.md'), (await readFile(path.join(projectDir, 'priorities', 'gender.md'), 'utf8')).replace('status: limited', 'status: achieved'))
    try {
      const diff = await diffProjects({type: 'git', rev: 'main'}, {type: 'directory', path: '.', label: 'working tree'}, {cwd: projectDir})
      expect(diff.head).toEqual({label: 'working tree', type: 'directory', commit: null, empty: false, errors: []})
      expect(diff.priorities).toMatchObject([{id: 'gender', status: {before: 'limited', after: 'achieved', movement: 'up', steps: 2}}])
    } finally {
      await git(['checkout', '--', '.'], repo)
    }
  })

  it('shows no changes between a revision and an identical working tree', async () => {
    const diff = await diffProjects({type: 'git', rev: 'HEAD'}, {type: 'directory', path: '.'}, {cwd: projectDir})
    expect(diff.summary.changed).toBe(false)
  })

  it('turns an unknown revision, a folder outside git and a revision without the project into operational errors', async () => {
    await expect(diffProjects({type: 'git', rev: 'no-such-branch'}, {type: 'directory', path: '.'}, {cwd: projectDir})).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('"no-such-branch" is neither a folder nor a revision'),
      hint: expect.stringContaining('git fetch'),
    })
    await expect(diffProjects({type: 'git', rev: '--output=/tmp/x'}, {type: 'directory', path: '.'}, {cwd: projectDir})).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    })
    const outside = await mkdtemp(path.join(tmpdir(), 'scorecard-nogit-'))
    await expect(diffProjects({type: 'git', rev: 'HEAD'}, {type: 'directory', path: headDir}, {cwd: outside})).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('not inside a git repository'),
    })
    // The head must be a project.
    await expect(diffProjects({type: 'directory', path: 'assessment'}, {type: 'git', rev: 'HEAD'}, {cwd: repo})).rejects.toMatchObject({
      code: 'NOT_FOUND_PROJECT',
      exitCode: 3,
    })
  })
})

describe('a base without scorecard.yml (the pull request that adds the project)', () => {
  it('is compared as an empty project: everything in the head is added', async () => {
    const repo = await repository()
    // At the repository root there is no scorecard.yml; as a revision, the base is empty.
    const diff = await diffProjects({type: 'git', rev: 'HEAD'}, {type: 'directory', path: 'assessment'}, {cwd: repo, labels: {base: 'base branch', head: 'this pull request'}})
    expect(diff.base).toEqual({label: 'base branch', type: 'git', commit: null, empty: true, errors: []})
    expect(diff.head).toMatchObject({label: 'this pull request', empty: false})
    expect(diff.priorities.every((item) => item.change === 'added')).toBe(true)
    expect(diff.priorities.map((item) => item.id)).toEqual(['gender', 'media', 'tolerance-and-non-discrimination', 'vienna-document', 'water'])
    expect(diff.summary.evidence).toMatchObject({added: 3, removed: 0, editedQuotations: 0})
    expect(diff.report).toEqual([])
    // A folder without scorecard.yml as the base reads the same way.
    const emptyDir = await mkdtemp(path.join(tmpdir(), 'scorecard-empty-'))
    const fromFolder = await diffProjects({type: 'directory', path: emptyDir}, {type: 'directory', path: headDir})
    expect(fromFolder.base.empty).toBe(true)
    expect(content(fromFolder)).toEqual(content(diff))
  })
})
