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
import {baseDir, diffFixtures, edited, expectFixtureChanges, git, headDir, repository} from './fixture.js'

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

  it('works from inside priorities/: the project is found in a folder above (issue 16)', async () => {
    const repo = await repository()
    const inside = path.join(repo, 'assessment', 'priorities')
    const fromInside = await run(['diff', 'HEAD~1', '--format', 'json'], inside)
    expect(fromInside.stderr).toBe('')
    expect(fromInside.code).toBe(0)
    expectFixtureChanges(JSON.parse(fromInside.stdout) as AssessmentDiff)
    // The same as from the project folder; a folder argument is relative to where the command runs.
    const fromProject = await run(['diff', 'HEAD~1', '--format', 'json'], path.join(repo, 'assessment'))
    expect(fromInside.stdout).toBe(fromProject.stdout)
    const folders = await run(['diff', path.relative(inside, baseDir), path.relative(inside, headDir), '--format', 'json'], inside)
    expect(folders.code).toBe(0)
    expectFixtureChanges(JSON.parse(folders.stdout) as AssessmentDiff)
  })

  it('markdown: links file names to the changed lines on GitHub in a pull request, plain names elsewhere', async () => {
    const repo = await repository()
    const [headCommit, baseCommit] = (await git(['rev-list', '-2', 'HEAD'], repo)).trim().split('\n') as [string, string]
    const github = {GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo-org/osce-assessment', GITHUB_SHA: headCommit}
    const args = ['diff', 'HEAD~1', '--format', 'markdown', '--base-label', 'base branch', '--head-label', 'this pull request']
    // As the example workflow runs it (from the project folder), and from inside priorities/.
    for (const cwd of [path.join(repo, 'assessment'), path.join(repo, 'assessment', 'priorities')]) {
      const {code, stdout, stderr} = await run(args, cwd, github)
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(stdout).toMatch(/^\*\*base branch\*\* \(`[0-9a-f]{7}`\) → \*\*this pull request\*\*: /m)
      const blob = `https://github.com/octo-org/osce-assessment/blob/${headCommit}/assessment`
      // The changed lines of the head's file: the status (5) to the stated quote (7).
      expect(stdout).toContain(`- **Media freedom** (\`media\`, [\`priorities/media.md\`](${blob}/priorities/media.md#L5-L7))`)
      expect(stdout).toContain(`[\`priorities/vienna-document.md\`](${blob}/priorities/vienna-document.md#L5-L14)`)
      // One changed line; the edited quotation in the caution alert too.
      expect(stdout).toContain(`[\`evidence/news-2010-07-17.md\`](${blob}/evidence/news-2010-07-17.md#L9)`)
      expect(stdout).toContain(`[\`report/summary.md\`](${blob}/report/summary.md#L4)`)
      // An added file: all of it. A removed one: all of it, at the base's commit.
      expect(stdout).toContain(`- **Water management** (\`water\`, [\`priorities/water.md\`](${blob}/priorities/water.md#L1-L8)) — **added**`)
      expect(stdout).toContain(
        `[\`priorities/elections.md\`](https://github.com/octo-org/osce-assessment/blob/${baseCommit}/assessment/priorities/elections.md#L1-L8)) — **removed**`,
      )
      // An added priority's assessment is shown in full.
      expect(stdout).toContain('  - assessment (+7 −0 words): <ins>A regional water project was announced \\[@report-2010-09].</ins>')
    }

    // Without the variables, or with --no-links: plain names.
    const plain = await run(args, path.join(repo, 'assessment'))
    expect(plain.stdout).toContain('- **Media freedom** (`media`, `priorities/media.md`)')
    expect(plain.stdout).not.toContain('](')
    const noLinks = await run([...args, '--no-links'], path.join(repo, 'assessment'), github)
    expect(noLinks.stdout).toBe(plain.stdout)

    // Options instead of the environment; the head revision is its own commit.
    const given = await run(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--repository-url', 'https://git.example.org/team/report/'], path.join(repo, 'assessment'))
    expect(given.code).toBe(0)
    expect(given.stdout).toContain(`[\`priorities/media.md\`](https://git.example.org/team/report/blob/${headCommit}/assessment/priorities/media.md#L5-L7)`)

    // A repository URL that is not http(s) is refused; a bad variable only turns links off.
    const refused = await run([...args, '--repository-url', 'javascript:alert(1)'], path.join(repo, 'assessment'))
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--repository-url must be an https: (or http:) URL')
    const badEnv = await run(args, path.join(repo, 'assessment'), {...github, GITHUB_SERVER_URL: 'javascript:alert(1)'})
    expect(badEnv.code).toBe(0)
    expect(badEnv.stderr).toContain('scorecard diff: no links to files: GITHUB_SERVER_URL/GITHUB_REPOSITORY must be an https: (or http:) URL')
    expect(badEnv.stdout).toBe(plain.stdout)
  })

  it('--ignore-typography: a curly apostrophe alone is no edited quotation, and the output says typography is ignored', async () => {
    const file = 'evidence/news-2010-07-17.md'
    const straight = await edited([{file, replace: 'before the summit.', with: "before the summit's opening."}])
    const curly = await edited([{file, replace: 'before the summit.', with: 'before the summit\u2019s opening.'}])
    const strict = await run(['diff', straight, curly, '--fail-on', 'edited-quotation'], diffFixtures)
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('EDITED QUOTATION')
    for (const format of ['text', 'markdown']) {
      const lenient = await run(['diff', straight, curly, '--fail-on', 'edited-quotation', '--ignore-typography', '--format', format], diffFixtures)
      expect(lenient.code).toBe(0)
      expect(lenient.stdout).not.toContain('EDITED QUOTATION')
      expect(lenient.stdout).toContain('Typography-only changes (curly or straight quotes, dashes, ellipses) are ignored')
    }
    // A changed word still counts.
    const reworded = await edited([{file, replace: 'before the summit.', with: 'before the Astana summit\u2019s opening.'}])
    expect((await run(['diff', straight, reworded, '--fail-on', 'edited-quotation', '--ignore-typography'], diffFixtures)).code).toBe(1)
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
