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
  it('refuses a side that does not pass check, listing its errors (exit code 3)', async () => {
    const broken = await edited([{file: 'priorities/media.md', replace: 'status: progressing', with: 'status: progresing'}])
    const failed = diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: broken, label: 'broken'})
    await expect(failed).rejects.toMatchObject({code: 'INVALID_PROJECT', exitCode: 3})
    await expect(failed).rejects.toThrow(/broken: priorities\/media\.md:5:9 error Unknown status "progresing"/)
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
    expect(fromGit.base).toEqual({label: 'HEAD~1', type: 'git', commit: commits[1]})
    expect(fromGit.head).toEqual({label: 'HEAD', type: 'git', commit: commits[0]})
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
      expect(diff.head).toEqual({label: 'working tree', type: 'directory', commit: null})
      expect(diff.priorities).toMatchObject([{id: 'gender', status: {before: 'limited', after: 'achieved', direction: 'upgrade', steps: 2}}])
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
    // The repository root has no scorecard.yml.
    await expect(diffProjects({type: 'git', rev: 'HEAD'}, {type: 'directory', path: 'assessment'}, {cwd: repo})).rejects.toMatchObject({
      code: 'NOT_FOUND_PROJECT',
      exitCode: 3,
    })
  })
})

