/**
 * `scorecard diff` through the real binary: formats, `--fail-on` exit codes,
 * `--html`; and the CI loop's `check --format github` annotations.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {cp, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import type {AssessmentDiff} from '../../src/diff/index.js'
import {repoRoot, runCli as run} from '../helpers.js'
import {checkRedline} from './redline-checks.js'
import {baseDir, diffFixtures, edited, expectFixtureChanges, headDir, repository} from './fixture.js'

describe('scorecard diff (real binary)', () => {
  it('prints text by default, and exits 0 without --fail-on', async () => {
    const {code, stdout, stderr} = await run(['diff', 'base', 'head'], diffFixtures)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Scorecard diff: base → head\n1 moved up, 1 moved down/)
  })

  it('--fail-on sets the exit code for CI gates', async () => {
    expect((await run(['diff', 'base', 'head', '--fail-on', 'downgrade'], diffFixtures)).code).toBe(1)
    expect((await run(['diff', 'base', 'head', '--fail-on', 'any-change', '--format', 'json'], diffFixtures)).code).toBe(1)
    expect((await run(['diff', 'base', 'head', '--fail-on', 'edited-quotation,removed'], diffFixtures)).code).toBe(1)
    expect((await run(['diff', 'base', 'head', '--fail-on', 'none'], diffFixtures)).code).toBe(0)
    const failed = await run(['diff', 'base', 'head', '--fail-on', 'downgrade', '--format', 'markdown'], diffFixtures)
    expect(failed.stderr).toContain('failing because of --fail-on downgrade')
    expect(failed.stdout).toContain('| ▼ | Media freedom')
    // Only the upgrade and the new evidence: no downgrade.
    const up = await edited([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: achieved'}])
    expect((await run(['diff', baseDir, up, '--fail-on', 'downgrade'], diffFixtures)).code).toBe(0)
    expect((await run(['diff', baseDir, up, '--fail-on', 'any-change'], diffFixtures)).code).toBe(1)
    expect((await run(['diff', 'base', 'base', '--fail-on', 'any-change'], diffFixtures)).code).toBe(0)
  })

  it('exits 2 on bad usage and unknown revisions; 6 when a side fails check, comparing what it can', async () => {
    expect((await run(['diff', 'base', 'head', '--fail-on', 'upgrade'], diffFixtures)).code).toBe(2)
    expect((await run(['diff', 'base', 'head', '--format', 'yaml'], diffFixtures)).code).toBe(2)
    expect((await run(['diff'], diffFixtures)).code).toBe(2)
    const unknown = await run(['diff', 'not-a-folder-or-revision', 'head'], diffFixtures)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('scorecard: "not-a-folder-or-revision" is neither a folder nor a revision')
    const broken = await edited([{file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: 2010-13-01'}])
    const failed = await run(['diff', baseDir, broken], diffFixtures)
    expect(failed.code).toBe(6)
    expect(failed.stderr).toContain(`scorecard diff: ${broken} does not pass check (1 error); compared what could be read`)
    // The errors come first, then the comparison of what could be read.
    const lines = failed.stdout.split('\n')
    expect(lines[1]).toMatch(/^!! .* does not pass check \(1 error\); compared what could be read/)
    expect(lines[2]).toMatch(/^ {3}evidence\/news-2010-07-17\.md:5:7 error .*\[[a-z-]+\]$/)
    expect(failed.stdout).toContain('news-2010-07-17  Ministers Meet (evidence/news-2010-07-17.md) [removed]')
    // With a gate that trips, a failing side still decides the code.
    expect((await run(['diff', baseDir, broken, '--fail-on', 'any-change'], diffFixtures)).code).toBe(6)
    const help = await run(['diff', '--help'], diffFixtures)
    expect(help.stdout).toMatch(/^ +6 +compared, but a side does not pass check/m)
  })

  it('diffs git revisions, the head defaulting to the working tree, as markdown for a PR comment', async () => {
    const repo = await repository()
    const cwd = path.join(repo, 'assessment')
    const {code, stdout} = await run(['diff', 'HEAD~1', '--format', 'markdown'], cwd)
    expect(code).toBe(0)
    // GFM reads "~" as strikethrough, so the serialiser escapes it.
    expect(stdout).toMatch(/^\*\*HEAD\\~1\*\* \(`[0-9a-f]{7}`\) → \*\*working tree\*\*: \*\*▲ 1 moved up, ▼ 1 moved down/m)
    expect(stdout).toContain('| ▼ | Media freedom (`media`) | ▲ Progressing | ■ Stalled | down 2 steps |')
    expect(stdout).toContain('> [!CAUTION]')
    const json = await run(['diff', 'HEAD~1', 'HEAD', '--format', 'json', '--fail-on', 'downgrade'], cwd)
    expect(json.code).toBe(1)
    const data = JSON.parse(json.stdout) as AssessmentDiff
    expectFixtureChanges(data)
    expect(data.base).toMatchObject({label: 'HEAD~1', type: 'git', commit: expect.stringMatching(/^[0-9a-f]{40}$/)})
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs', 'diff-schema.json'), 'utf8')) as object
    expect(new Ajv2020({strict: true}).validate(schema, data)).toBe(true)
  })

  it('--html writes a self-contained, accessible redline of the changed priorities', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'scorecard-redline-'))
    const target = path.join(out, 'review', 'diff.html')
    const {code, stderr} = await run(['diff', 'base', 'head', '--html', target, '--format', 'json'], diffFixtures)
    expect(code).toBe(0)
    expect(stderr).toContain(`Wrote ${target}`)
    expect(readdirSync(path.dirname(target))).toEqual(['diff.html'])
    checkRedline(await readFile(target, 'utf8'))
  })
})

describe('check --format github (real binary): annotations point at the right file and line', () => {
  it('from the project folder and from the repository root', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'scorecard-annotations-'))
    const dir = path.join(repo, 'assessment')
    await mkdir(dir)
    for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report', 'assets', 'editions']) await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
    const edit = async (file: string, from: RegExp, to: string): Promise<void> => {
      const target = path.join(dir, file)
      const text = await readFile(target, 'utf8')
      expect(from.test(text), `${file} ${String(from)}`).toBe(true)
      await writeFile(target, text.replace(from, to))
    }
    await edit('priorities/vienna-document.md', /^status: \w+$/m, 'status: progresing')
    await edit('evidence/rferl-2010-07-17.md', /^publisher: /m, 'publsher: ')

    const inProject = await run(['check', '--format', 'github'], dir)
    expect(inProject.code).toBe(1)
    const lines = inProject.stdout.trim().split('\n')
    expect(lines).toContainEqual(
      expect.stringMatching(/^::error file=priorities\/vienna-document\.md,line=5,col=9,endLine=5,endColumn=19,title=unknown-status::Unknown status "progresing"; .*Hint: /),
    )
    const evidenceText = await readFile(path.join(dir, 'evidence', 'rferl-2010-07-17.md'), 'utf8')
    const line = evidenceText.split('\n').findIndex((text) => text.startsWith('publsher:')) + 1
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::error file=evidence/rferl-2010-07-17\\.md,line=${line},col=1,endLine=${line},endColumn=9,title=unknown-field::Unknown field "publsher"`)),
    )
    // Run from the repository root, as CI does: paths are relative to it, which is what GitHub needs.
    const fromRoot = await run(['check', 'assessment', '--format', 'github'], repo)
    expect(fromRoot.stdout).toContain('::error file=assessment/priorities/vienna-document.md,line=5,col=9,endLine=5,endColumn=19,title=unknown-status::')
    expect(fromRoot.stderr).toBe('')
  })
})

it('the fixture pair is what the tests say it is', () => {
  expect(existsSync(path.join(baseDir, 'priorities', 'elections.md'))).toBe(true)
  expect(existsSync(path.join(headDir, 'priorities', 'elections.md'))).toBe(false)
})
