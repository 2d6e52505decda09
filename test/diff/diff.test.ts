/**
 * `scorecard diff`: between two folders and between two git revisions of a
 * repository the test creates, in all three formats, the redline page, and
 * `--fail-on` exit codes through the real binary. Also the CI loop's
 * `check --format github` annotations from a real run.
 */
import {execFile} from 'node:child_process'
import {createRequire} from 'node:module'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import puppeteer from 'puppeteer-core'
import {Ajv2020} from 'ajv/dist/2020.js'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toString as hastToString} from 'hast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {
  diffProjects,
  diffToJson,
  formatDiffMarkdown,
  formatDiffText,
  redlineProjects,
  textChange,
  trippedGates,
  type AssessmentDiff,
  type PriorityDiff,
} from '../../src/diff/index.js'
import {findBrowser} from '../../src/index.js'
import {fixtures, repoRoot, type Edit} from '../helpers.js'

const exec = promisify(execFile)
const bin = path.join(repoRoot, 'bin', 'scorecard.js')
const baseDir = path.join(fixtures, 'diff', 'base')
const headDir = path.join(fixtures, 'diff', 'head')

/** Run the real binary (built to dist/ by `npm run build`). */
async function run(args: string[], cwd: string) {
  try {
    const {stdout, stderr} = await exec(process.execPath, [bin, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

/** Git with a fixed identity and no user or system configuration. */
async function git(args: string[], cwd: string): Promise<string> {
  const env = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}
  const {stdout} = await exec('git', ['-c', 'user.name=Scorecard Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {cwd, env})
  return stdout
}

/**
 * A repository with the project in `assessment/`: one commit with the base
 * fixture, one with the head fixture. Returns the repository folder.
 */
async function repository(): Promise<string> {
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

/** A copy of the base fixture with `edits` applied. */
async function project(name: 'diff/base', edits: readonly Edit[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-diff-'))
  await cp(path.join(fixtures, name), dir, {recursive: true})
  for (const edit of edits) {
    if (!('replace' in edit)) throw new TypeError('Only replacements are used here')
    const target = path.join(dir, edit.file)
    const text = await readFile(target, 'utf8')
    const next = text.replace(edit.replace, edit.with)
    if (next === text) throw new Error(`Edit did not apply to ${edit.file}: ${String(edit.replace)}`)
    await writeFile(target, next)
  }
  return dir
}

const byId = (diff: AssessmentDiff, id: string): PriorityDiff => {
  const found = diff.priorities.find((item) => item.id === id)
  if (!found) throw new Error(`No change for priority ${id}`)
  return found
}

/** The diff without the side labels, for comparing diffs of the same content read different ways. */
const content = (diff: AssessmentDiff): unknown => ({...diff, base: undefined, head: undefined})

/** The changes every test fixture pair must show. */
function expectFixtureChanges(diff: AssessmentDiff): void {
  expect(diff.summary).toEqual({
    changed: true,
    priorities: {upgrades: 1, downgrades: 1, unranked: 0, added: 1, removed: 1, renamed: 1, modified: 3, unchanged: 1},
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
  expect(vienna.status).toEqual({before: 'progressing', after: 'achieved', direction: 'upgrade', steps: 1})
  expect(vienna.evidence).toEqual({added: ['report-2010-09'], removed: []})
  expect(vienna.editedQuotations).toEqual(['news-2010-07-17'])
  expect(vienna.assessment?.segments).toContainEqual({op: 'delete', text: 'moved forward'})
  expect(vienna.assessment?.segments).toContainEqual({op: 'insert', text: 'concluded'})
  expect(vienna.stated).toBeNull()

  const media = byId(diff, 'media')
  expect(media.status).toEqual({before: 'progressing', after: 'stalled', direction: 'downgrade', steps: 2})
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
  expect(renamed.status.direction).toBe('unchanged')

  expect(byId(diff, 'water')).toMatchObject({
    change: 'added',
    status: {before: null, after: 'limited', direction: null},
    evidence: {added: ['report-2010-09'], removed: []},
  })
  expect(byId(diff, 'elections')).toMatchObject({
    change: 'removed',
    file: 'priorities/elections.md',
    status: {before: 'limited', after: null, direction: null},
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

describe('diff between two folders', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
  })

  it('reports upgrades, downgrades, added, removed and renamed priorities, evidence and edited quotations', () => {
    expect(diff.base).toEqual({label: baseDir, type: 'directory', commit: null})
    expectFixtureChanges(diff)
  })

  it('is empty when nothing changed', async () => {
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(same.summary.changed).toBe(false)
    expect(same.priorities).toEqual([])
    expect(same.evidence).toEqual([])
    expect(formatDiffText(same)).toContain('No changes.')
    expect(formatDiffMarkdown(same)).toContain('Nothing in the assessment changed.')
  })

  it('ignores reflowed line breaks in a quotation, but flags changed punctuation', async () => {
    const reflowed = await project('diff/base', [
      {file: 'evidence/news-2010-07-17.md', replace: 'update the Vienna Document before', with: 'update the Vienna\nDocument before'},
    ])
    expect((await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: reflowed})).summary.changed).toBe(false)
    const punctuated = await project('diff/base', [{file: 'evidence/news-2010-07-17.md', replace: 'before the summit.', with: 'before the summit!'}])
    const diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: punctuated})
    expect(diff.summary.evidence.editedQuotations).toBe(1)
  })

  it('reports evidence metadata changes without calling them edited quotations', async () => {
    const dir = await project('diff/base', [{file: 'evidence/analysis-2010-10.md', replace: 'locator: p. 7', with: 'locator: p. 8'}])
    const diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(diff.evidence).toMatchObject([{id: 'analysis-2010-10', quotationEdited: false, metadata: [{field: 'locator', before: 'p. 7', after: 'p. 8'}]}])
  })

  it('ranks on the head scale and notes a changed scale', async () => {
    const dir = await project('diff/base', [
      // Drop "stalled" and move gender to a new rating that only the head knows.
      {file: 'scorecard.yml', replace: /  - id: stalled[\s\S]*$/, with: '  - id: setback\n    label: Setback\n    symbol: "▼"\n    color: "#8b1a1a"\n'},
      {file: 'priorities/gender.md', replace: 'status: limited', with: 'status: setback'},
    ])
    const diff = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(diff.scale.changed).toBe(true)
    expect(diff.scale.before?.map((entry) => entry.id)).toEqual(['achieved', 'progressing', 'limited', 'stalled'])
    expect(byId(diff, 'gender').status).toEqual({before: 'limited', after: 'setback', direction: 'downgrade', steps: 1})
    expect(diff.report.map((field) => field.field)).toEqual(['scale'])
    expect(formatDiffText(diff)).toContain('the rating scale changed')
  })

  it('refuses a side that does not pass check, listing its errors (exit code 3)', async () => {
    const broken = await project('diff/base', [{file: 'priorities/media.md', replace: 'status: progressing', with: 'status: progresing'}])
    const failed = diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: broken, label: 'broken'})
    await expect(failed).rejects.toMatchObject({code: 'INVALID_PROJECT', exitCode: 3})
    await expect(failed).rejects.toThrow(/broken: priorities\/media\.md:5:9 error Unknown status "progresing"/)
  })
})

describe('diff formats', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: 'base'}, {type: 'directory', path: 'head'}, {cwd: path.join(fixtures, 'diff')})
  })

  it('text: summary, loud edited quotation, status moves with direction and steps, word changes', () => {
    const text = formatDiffText(diff, {color: false})
    const lines = text.split('\n')
    expect(lines[0]).toBe('Scorecard diff: base → head')
    expect(lines[1]).toBe(
      '1 upgrade, 1 downgrade, 1 priority added, 1 priority removed, 1 priority renamed; evidence: 1 EDITED QUOTATION, 1 added, 1 removed; 1 report chapter changed.',
    )
    expect(text).toContain('!! EDITED QUOTATION: news-2010-07-17 (evidence/news-2010-07-17.md)')
    expect(text).toContain('The ministers agreed to update the Vienna Document before the {+Astana +}summit.')
    expect(lines).toContain('  ▼ media            ▲ Progressing → ■ Stalled (downgrade, 2 steps)')
    expect(lines).toContain('  ▲ vienna-document  ▲ Progressing → ✔ Achieved (upgrade, 1 step)')
    expect(lines).toContain('  + water            ◆ Limited progress (added)')
    expect(lines).toContain('  - elections        ◆ Limited progress (removed)')
    expect(text).toContain('    renamed: tolerance → tolerance-and-non-discrimination (same file)')
    expect(text).toContain('    evidence added: report-2010-09')
    expect(text).toContain('    stated commitment: {+promised to +}protect journalists')
    expect(text).toContain('Talks [-moved forward-]{+concluded+} in the [-summer-]{+autumn+}')
    expect(text).toContain('  news-2010-07-17  Ministers Meet (evidence/news-2010-07-17.md) [modified] EDITED QUOTATION')
    // No colour codes unless asked for.
    expect(text).not.toMatch(/\u001b\[/)
    expect(formatDiffText(diff, {color: true})).toMatch(/\u001b\[31m\[-moved forward-\]/)
  })

  it('markdown: summary line, status table with ▲/▼, caution alert for edited quotations, details', () => {
    const markdown = formatDiffMarkdown(diff)
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('### Scorecard: Test Programme')
    expect(lines[2]).toBe(
      'Changes from `base` to `head`: **▲ 1 upgrade, ▼ 1 downgrade, 1 priority added, 1 priority removed, 1 priority renamed; evidence: 1 EDITED QUOTATION, 1 added, 1 removed; 1 report chapter changed.**',
    )
    expect(markdown).toContain('> [!CAUTION]\n> **EDITED QUOTATION.**')
    expect(markdown).toContain('> The ministers agreed to update the Vienna Document before the <ins>Astana</ins> summit.')
    const table = lines.filter((line) => line.startsWith('| '))
    expect(table).toEqual([
      '| | Priority | Before | After | Change |',
      '| :-: | --- | --- | --- | --- |',
      '| ▼ | Media freedom (`media`) | ▲ Progressing | ■ Stalled | downgrade, 2 steps |',
      '| ▲ | Updating the Vienna Document (`vienna-document`) | ▲ Progressing | ✔ Achieved | upgrade, 1 step |',
      '| ＋ | Water management (`water`) | — | ◆ Limited progress | added |',
      '| − | Election observation (`elections`) | ◆ Limited progress | — | removed |',
    ])
    expect(markdown).toContain('- **Election observation** (`elections`, `priorities/elections.md`) — **removed**')
    expect(markdown).toContain('  - renamed: tolerance → tolerance-and-non-discrimination (same file)')
    expect(markdown).toContain('  - evidence added: `report-2010-09`')
    expect(markdown).toContain('Talks <del>moved forward</del><ins>concluded</ins> in the <del>summer</del><ins>autumn</ins> \\[@news-2010-07-17\\]')
    expect(markdown).toContain('- `news-2010-07-17` — Ministers Meet (`evidence/news-2010-07-17.md`) — modified — ⚠️ **EDITED QUOTATION**')
  })

  it('markdown escapes content so titles cannot break the table or inject HTML', async () => {
    const dir = await project('diff/base', [{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: "Media | <b>freedom</b> *now*"'}])
    const changed = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    const markdown = formatDiffMarkdown(changed)
    expect(markdown).toContain('title: Media freedom → Media \\| &lt;b&gt;freedom&lt;/b&gt; \\*now\\*')
    expect(markdown).not.toContain('<b>')
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

  it('gates: downgrade, edited-quotation, removed and any-change', () => {
    expect(trippedGates(diff, ['downgrade', 'edited-quotation', 'removed', 'any-change'])).toEqual([
      'downgrade',
      'edited-quotation',
      'removed',
      'any-change',
    ])
    expect(trippedGates(diff, [])).toEqual([])
  })

  it('word excerpts keep a few words of context around each change', () => {
    const before = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    const after = before.replace('ten', 'TEN')
    expect(textChange(before, after, {context: 3, clip: 40})).toEqual({
      segments: [
        {op: 'equal', text: '… seven eight nine '},
        {op: 'delete', text: 'ten'},
        {op: 'insert', text: 'TEN'},
        {op: 'equal', text: ' eleven twelve thirteen …'},
      ],
      wordsAdded: 1,
      wordsRemoved: 1,
      truncated: false,
    })
    expect(textChange(before, `${before}\n`, {context: 3, clip: 40})).toBeNull()
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

describe('scorecard diff (real binary)', () => {
  const diffFixtures = path.join(fixtures, 'diff')

  it('prints text by default, and exits 0 without --fail-on', async () => {
    const {code, stdout, stderr} = await run(['diff', 'base', 'head'], diffFixtures)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Scorecard diff: base → head\n1 upgrade, 1 downgrade/)
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
    const up = await project('diff/base', [{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: achieved'}])
    expect((await run(['diff', baseDir, up, '--fail-on', 'downgrade'], diffFixtures)).code).toBe(0)
    expect((await run(['diff', baseDir, up, '--fail-on', 'any-change'], diffFixtures)).code).toBe(1)
    expect((await run(['diff', 'base', 'base', '--fail-on', 'any-change'], diffFixtures)).code).toBe(0)
  })

  it('exits 2 on bad usage and unknown revisions, 3 when a side fails check', async () => {
    expect((await run(['diff', 'base', 'head', '--fail-on', 'upgrade'], diffFixtures)).code).toBe(2)
    expect((await run(['diff', 'base', 'head', '--format', 'yaml'], diffFixtures)).code).toBe(2)
    expect((await run(['diff'], diffFixtures)).code).toBe(2)
    const unknown = await run(['diff', 'not-a-folder-or-revision', 'head'], diffFixtures)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('scorecard: "not-a-folder-or-revision" is neither a folder nor a revision')
    const broken = await project('diff/base', [{file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: 2010-13-01'}])
    const failed = await run(['diff', baseDir, broken], diffFixtures)
    expect(failed.code).toBe(3)
    expect(failed.stderr).toContain('does not pass check (1 error)')
    expect(failed.stderr).toContain('evidence/news-2010-07-17.md:5:7 error')
    expect(failed.stdout).toBe('')
  })

  it('diffs git revisions, the head defaulting to the working tree, as markdown for a PR comment', async () => {
    const repo = await repository()
    const cwd = path.join(repo, 'assessment')
    const {code, stdout} = await run(['diff', 'HEAD~1', '--format', 'markdown'], cwd)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Changes from `HEAD~1 \([0-9a-f]{7}\)` to `working tree`: \*\*▲ 1 upgrade, ▼ 1 downgrade/m)
    expect(stdout).toContain('| ▼ | Media freedom (`media`) | ▲ Progressing | ■ Stalled | downgrade, 2 steps |')
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

/** Structural checks of the redline page. */
function checkRedline(html: string): void {
  const tree = fromHtml(html)
  expect(select('html', tree)?.properties.lang).toBe('en')
  expect(select('script', tree)).toBeUndefined()
  expect(select('link', tree)).toBeUndefined()
  expect(select('meta[http-equiv="Content-Security-Policy"]', tree)?.properties.content).toContain("default-src 'none'")
  expect(hastToString(select('h1', tree)!)).toBe('Changes to Test Programme')
  // Screen readers are told where changes start and end.
  expect(html).toMatch(/ins::before\{content:" \[insertion start\] "\}/)
  expect(html).toMatch(/del::before\{content:" \[deletion start\] "\}/)

  // The edited quotation comes first, loudly.
  const alert = select('section.alert', tree)!
  expect(hastToString(select('h2', alert)!)).toBe('Edited quotation')
  expect(selectAll('ins', alert).map(hastToString)).toEqual(['Astana'])

  const articles = selectAll('article.priority', tree)
  expect(articles.map((node) => node.properties.id)).toEqual([
    'priority-removed-elections',
    'priority-media',
    'priority-tolerance-and-non-discrimination',
    'priority-vienna-document',
    'priority-water',
  ])
  const vienna = select('#priority-vienna-document', tree) as Element
  // The rendered assessment, word by word: deleted words are kept inside <del>.
  const assessment = select('.assessment', vienna)!
  expect(selectAll('del', assessment).map(hastToString)).toContain('moved forward')
  expect(selectAll('ins', assessment).map(hastToString)).toContain('concluded')
  // Endnote numbers depend on the whole chapter; the redline shows the evidence cited instead.
  expect(selectAll('sup.cite', assessment).map(hastToString)).toContain('[analysis-2010-10, p. 7]')
  expect(select('a[role="doc-noteref"]', assessment)).toBeUndefined()
  // Status: both badges, with the direction in words (not colour alone).
  const status = hastToString(select('.status-line', vienna)!)
  expect(status).toContain('Progressing')
  expect(status).toContain('Achieved')
  expect(status).toContain('(upgrade, 1 step)')
  // An added priority is one insertion; a removed one one deletion.
  expect(select('#priority-water .assessment > ins.block', tree)).toBeDefined()
  expect(select('#priority-removed-elections .assessment > del.block', tree)).toBeDefined()
  // Unchanged priorities are not shown.
  expect(html).not.toContain('Gender equality')
}

describe('redline', () => {
  it('keeps the new structure and puts deleted words back, well formed', async () => {
    const {html} = await redlineProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    checkRedline(html)
  })

  it('has no WCAG 2.1 AA violations (axe-core in real Chromium)', async () => {
    const {html} = await redlineProjects({type: 'directory', path: baseDir}, {type: 'directory', path: headDir})
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    const browser = await puppeteer.launch({
      executablePath: findBrowser().path,
      // Root (CI containers) cannot use Chromium's sandbox.
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      userDataDir: await mkdtemp(path.join(tmpdir(), 'scorecard-redline-profile-')),
    })
    try {
      const page = await browser.newPage()
      // The page forbids script by CSP; the audit has to run axe anyway.
      await page.setBypassCSP(true)
      await page.setContent(html, {waitUntil: 'load'})
      await page.evaluate(axeSource)
      const result = (await page.evaluate(() =>
        (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<unknown>}}).axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        }),
      )) as {violations: {id: string; nodes: {target: string[]}[]}[]}
      expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
    } finally {
      await browser.close()
    }
  })
})

describe('check --format github (real binary): annotations point at the right file and line', () => {
  it('from the project folder and from the repository root', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'scorecard-annotations-'))
    const dir = path.join(repo, 'assessment')
    await mkdir(dir)
    for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report']) await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
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
      expect.stringMatching(/^::error file=priorities\/vienna-document\.md,line=5,col=9,title=unknown-status::Unknown status "progresing"; .*Hint: /),
    )
    const evidenceText = await readFile(path.join(dir, 'evidence', 'rferl-2010-07-17.md'), 'utf8')
    const line = evidenceText.split('\n').findIndex((text) => text.startsWith('publsher:')) + 1
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^::error file=evidence/rferl-2010-07-17\\.md,line=${line},col=1,title=unknown-field::Unknown field "publsher"`)),
    )
    // Run from the repository root, as CI does: paths are relative to it, which is what GitHub needs.
    const fromRoot = await run(['check', 'assessment', '--format', 'github'], repo)
    expect(fromRoot.stdout).toContain('::error file=assessment/priorities/vienna-document.md,line=5,col=9,title=unknown-status::')
    expect(fromRoot.stderr).toBe('')
  })
})

it('the fixture pair is what the tests say it is', () => {
  expect(existsSync(path.join(baseDir, 'priorities', 'elections.md'))).toBe(true)
  expect(existsSync(path.join(headDir, 'priorities', 'elections.md'))).toBe(false)
})
