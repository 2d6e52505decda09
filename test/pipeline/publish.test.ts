/**
 * Issue 13: published editions never rewrite the past. `publish` freezes an
 * edition; rebuilding it and comparing later editions read the snapshot; and
 * `check` reports edits that would rewrite what an edition said.
 */
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check, linkProject, loadProject, publish, renderReport, scoreProject, validateProject, type EditionSnapshot} from '../../src/index.js'
import {project, repoRoot, runCli, type Edit} from '../helpers.js'

/** The minimal fixture with two editions: "mid" (31 July) and "final" (31 October, the report's date). */
const withEditions: Edit = {
  file: 'scorecard.yml',
  replace: 'dimensions:',
  with: 'editions:\n  - id: mid\n    title: Mid-Year Review\n    asOf: 2010-07-31\n  - id: final\n    title: Final Report\n    asOf: 2010-10-31\ndimensions:',
}

/** Give the media priority a history: progressing in July, stalled in October. */
const mediaHistory: Edit = {
  file: 'priorities/media.md',
  replace: 'stated:',
  with: 'history:\n  - date: 2010-07-17\n    status: progressing\n    note: Early talks with editors.\n    evidence: [news-2010-07-17]\n  - date: 2010-10\n    status: stalled\n    note: Laws tightened.\n    evidence: [analysis-2010-10]\nstated:',
}

async function rules(dir: string): Promise<string[]> {
  const result = await check(dir, {cwd: dir})
  // Priorities written here have no stated commitment; that warning is not the point.
  // Info messages (a source not at hand, so not verified) depend on where the copy sits.
  return result.files.flatMap((file) => file.messages.filter((m) => m.ruleId !== 'missing-stated' && m.fatal !== undefined).map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
}

/** A copy of the fixture with the "mid" edition published, then `edits` applied. */
async function published(edits: readonly Edit[] = [], before: readonly Edit[] = [withEditions, mediaHistory]): Promise<string> {
  const dir = await project('minimal', before)
  const result = await publish(dir, {edition: 'mid', cwd: dir})
  expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
  expect(result.written).toBe(path.join(dir, 'editions', 'mid.json'))
  for (const edit of edits) {
    const target = path.join(dir, edit.file)
    if ('remove' in edit) await rm(target)
    else if ('write' in edit) await writeFile(target, edit.write)
    else if ('replace' in edit) {
      const text = await readFile(target, 'utf8')
      const next = text.replace(edit.replace, edit.with)
      if (next === text) throw new Error(`Edit did not apply to ${edit.file}`)
      await writeFile(target, next)
    }
  }
  return dir
}

const snapshotOf = async (dir: string, id = 'mid') => JSON.parse(await readFile(path.join(dir, 'editions', `${id}.json`), 'utf8')) as EditionSnapshot

describe('scorecard publish', () => {
  it('writes what the edition said: ratings, the text of that time, cited evidence with hashes', async () => {
    const dir = await published()
    const snapshot = await snapshotOf(dir)
    expect(snapshot.edition).toEqual({id: 'mid', title: 'Mid-Year Review', asOf: '2010-07-31'})
    const media = snapshot.priorities.find((p) => p.id === 'media')!
    // The July note stands for the assessment: the body was written later.
    expect(media).toMatchObject({status: 'progressing', assessment: 'Early talks with editors. [@news-2010-07-17]\n'})
    expect(media.evidence.map((e) => e.id)).toEqual(['news-2010-07-17'])
    expect(media.evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
    // Without history, the one rating and the body stand.
    expect(snapshot.priorities.find((p) => p.id === 'vienna-document')).toMatchObject({status: 'progressing', assessment: expect.stringContaining('Talks moved forward')})
  })

  it('is deterministic, and never rewrites a published edition without --force', async () => {
    const dir = await published()
    const first = await readFile(path.join(dir, 'editions', 'mid.json'), 'utf8')
    await expect(publish(dir, {edition: 'mid', cwd: dir})).rejects.toMatchObject({code: 'INVALID_OPTION', message: expect.stringContaining('already published')})
    await publish(dir, {edition: 'mid', cwd: dir, force: true})
    expect(await readFile(path.join(dir, 'editions', 'mid.json'), 'utf8')).toBe(first)
    expect(first.endsWith('}\n')).toBe(true)
  })

  it('refuses an unknown edition', async () => {
    const dir = await project('minimal', [withEditions])
    await expect(publish(dir, {edition: 'nope', cwd: dir})).rejects.toMatchObject({code: 'INVALID_OPTION'})
  })

  it('runs from the CLI; --as-of with a different --edition is a usage error', async () => {
    const dir = await project('minimal', [withEditions, mediaHistory])
    const done = await runCli(['publish', '--edition', 'mid'], dir)
    expect(done.code, done.stderr).toBe(0)
    expect(done.stderr).toContain('Published Mid-Year Review (as of 2010-07-31): 2 of 2 priorities rated')
    expect((await runCli(['publish', '--edition', 'mid'], dir)).code).toBe(2)
    const clash = await runCli(['build', '--edition', 'mid', '--as-of', '2010-07-30', '--format', 'json'], dir)
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain('disagrees with edition "mid"')
    expect((await runCli(['build', '--edition', 'mid', '--as-of', '2010-07-31', '--format', 'json'], dir)).code).toBe(0)
  })
})

describe('a published edition is rebuilt from its snapshot', () => {
  it('shows the frozen rating and text even after the files moved on', async () => {
    // After publishing, the July entry is reworded (allowed: same status); the edition keeps its words.
    const dir = await published([{file: 'priorities/media.md', replace: 'Early talks with editors.', with: 'Reworded much later.'}])
    const result = await check(dir, {cwd: dir, edition: 'mid'})
    const rendered = await renderReport(result.report!)
    expect(await rendered.html).toContain('Early talks with editors.')
    expect(result.report!.statusOf.get('media')).toBe('progressing')
  })

  it('measures "What changed" against the snapshot, not a recomputation', async () => {
    const dir = await published()
    const snapshot = await snapshotOf(dir)
    snapshot.priorities.find((p) => p.id === 'media')!.status = 'achieved'
    const linked = linkProject(validateProject(await loadProject(dir, {cwd: dir})))!
    const report = scoreProject(linked, {published: new Map([['mid', {snapshot}]])})
    expect(report.previousStatusOf.get('media')).toBe('achieved')
    expect(report.movementOf.get('media')).toEqual({movement: 'down', steps: 2})
    // Recomputed from today's files it would read progressing → stalled.
    expect(scoreProject(linked).movementOf.get('media')).toEqual({movement: 'down', steps: 1})
  })

  it('shows a priority first rated after the edition as new, never unchanged', async () => {
    const later = 'history:\n  - date: 2010-10\n    status: stalled\n    note: First rated in October.\n    evidence: [analysis-2010-10]\n'
    const dir = await published([
      {file: 'priorities/water.md', write: `---\nid: water\ntitle: Water\ndimension: security\nstatus: stalled\n${later}---\nNothing moved [@analysis-2010-10].\n`},
    ])
    expect(await rules(dir)).toEqual([])
    const result = await check(dir, {cwd: dir})
    expect(result.report!.movementOf.get('water')).toEqual({movement: 'new', steps: 0})
    expect(result.report!.summary.changes).toEqual({up: 0, same: 1, down: 1, new: 1})
  })

  it('records the summary and closing chapters as they read when published, and shows them in that edition only', async () => {
    const dir = await published([{file: 'report/summary.md', replace: /\n---\n[\s\S]*$/, with: '\n---\nWritten in October, with hindsight.\n'}])
    const snapshot = await snapshotOf(dir)
    expect(snapshot.schemaVersion).toBe(2)
    expect(snapshot.chapters).toEqual([{id: 'summary', role: 'summary', title: expect.any(String), text: expect.not.stringContaining('hindsight')}])
    const mid = await (await renderReport((await check(dir, {cwd: dir, edition: 'mid'})).report!)).html
    expect(mid).toContain(snapshot.chapters[0]!.text.trim().split('\n')[0]!.slice(0, 30))
    expect(mid).not.toContain('Written in October, with hindsight.')
    const final = await (await renderReport((await check(dir, {cwd: dir})).report!)).html
    expect(final).toContain('Written in October, with hindsight.')
  })

  it('leaves a priority added after the edition out of it, and shows it as new in the next', async () => {
    const later = 'history:\n  - date: 2010-10\n    status: stalled\n    note: First rated in October.\n    evidence: [analysis-2010-10]\n'
    const dir = await published([
      {file: 'priorities/water.md', write: `---\nid: water\ntitle: Water\ndimension: security\nstatus: stalled\n${later}---\nNothing moved [@analysis-2010-10].\n`},
    ])
    const mid = (await check(dir, {cwd: dir, edition: 'mid'})).report!
    expect(mid.ordered.map((p) => p.id).sort()).toEqual(['media', 'vienna-document'])
    expect(await (await renderReport(mid)).html).not.toContain('First rated in October.')
    const final = (await check(dir, {cwd: dir})).report!
    expect(final.movementOf.get('water')).toEqual({movement: 'new', steps: 0})
  })

  it('shows "not yet rated" when no rating is dated by the edition', async () => {
    const dir = await project('minimal', [withEditions, {...mediaHistory, with: mediaHistory.with.replace(/  - date: 2010-07-17[\s\S]*?(?=  - date: 2010-10)/, '')}])
    const result = await check(dir, {cwd: dir, edition: 'mid'})
    expect(result.report!.statusOf.get('media')).toBeUndefined()
    const snapshot = (await publish(dir, {edition: 'mid', cwd: dir})).snapshot!
    expect(snapshot.priorities.find((p) => p.id === 'media')).toMatchObject({status: null, assessment: '', evidence: []})
  })
})

describe('check: editions never rewrite the past', () => {
  it('status-change-without-history: a new status with no dated entry', async () => {
    const dir = await published([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: achieved'}])
    expect(await rules(dir)).toEqual(['priorities/vienna-document.md:5:9 status-change-without-history'])
    const result = await check(dir, {cwd: dir})
    expect(result.files.flatMap((f) => f.messages.map((m) => m.reason))).toEqual([
      'Status "achieved" differs from "progressing" in the published Mid-Year Review (31 July 2010), and no history entry dated after it records the change',
    ])
  })

  it('accepts the same change recorded as dated history', async () => {
    const dir = await published([
      {
        file: 'priorities/vienna-document.md',
        replace: 'status: progressing',
        with: 'status: achieved\nhistory:\n  - date: 2010-07-17\n    status: progressing\n    note: Talks began.\n  - date: 2010-10\n    status: achieved\n    note: Agreed.\n    evidence: [analysis-2010-10]',
      },
    ])
    expect(await rules(dir)).toEqual([])
    expect((await check(dir, {cwd: dir})).report!.movementOf.get('vienna-document')).toEqual({movement: 'up', steps: 1})
  })

  it('history-contradicts-edition: an entry on or before the edition that says otherwise', async () => {
    const dir = await published([{file: 'priorities/media.md', replace: 'status: progressing', with: 'status: achieved'}])
    expect(await rules(dir)).toEqual(['priorities/media.md:8:13 history-contradicts-edition'])
  })

  it('backdated-rating: a priority added later that would count as rated in the edition', async () => {
    const dir = await published([
      {file: 'priorities/water.md', write: '---\nid: water\ntitle: Water\ndimension: security\nstatus: stalled\n---\nNothing moved [@news-2010-07-17].\n'},
    ])
    expect(await rules(dir)).toEqual(['priorities/water.md:5:9 backdated-rating'])
  })

  it('rating-without-evidence: a rating dated before any evidence it cites', async () => {
    const dir = await project('minimal', [withEditions, {...mediaHistory, replace: 'stated:', with: mediaHistory.with.replace('date: 2010-07-17', 'date: 2010-03')}])
    expect(await rules(dir)).toEqual(['priorities/media.md:7:11 rating-without-evidence'])
  })

  it('rating-without-evidence: a single rating that an edition shows before any evidence', async () => {
    const dir = await project('minimal', [
      withEditions,
      mediaHistory,
      {file: 'priorities/vienna-document.md', replace: /Talks moved forward[^\n]*\n/, with: 'Talks moved forward\n'},
      {file: 'priorities/vienna-document.md', replace: 'cite: news-2010-07-17', with: 'cite: analysis-2010-10'},
    ])
    expect(await rules(dir)).toContain('priorities/vienna-document.md:5:9 rating-without-evidence')
  })

  it('edition-evidence-changed (warning) and missing-evidence on the snapshot', async () => {
    const changed = await published([{file: 'evidence/news-2010-07-17.md', replace: 'The ministers agreed', with: 'The ministers all agreed'}])
    const result = await check(changed, {cwd: changed})
    const messages = result.files.flatMap((f) => f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId} ${m.fatal}`))
    expect(messages[0]).toMatch(/^editions\/mid\.json:\d+:\d+ edition-evidence-changed false$/)
    expect(result.errors).toBe(0)
    expect(result.warnings).toBe(messages.length)

    const deleted = await published([{file: 'evidence/news-2010-07-17.md', remove: true}])
    expect(await rules(deleted)).toContainEqual(expect.stringMatching(/^editions\/mid\.json:\d+:\d+ missing-evidence$/))
  })

  it('invalid-snapshot: a version-1 snapshot (no chapters) is refused with a clear message; publish --force replaces it', async () => {
    const dir = await published()
    const snapshot = await snapshotOf(dir)
    const {chapters: _chapters, ...rest} = snapshot
    await writeFile(path.join(dir, 'editions', 'mid.json'), JSON.stringify({...rest, schemaVersion: 1}, null, 2) + '\n')
    const result = await check(dir, {cwd: dir})
    const messages = result.files.flatMap((file) => file.messages).filter((m) => m.ruleId === 'invalid-snapshot')
    expect(messages.map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual(['editions/mid.json:2:3'])
    expect(messages[0]!.reason).toContain('format 1, which does not record the edition\'s executive summary and closing chapters')
    expect(result.ok).toBe(false)
    const again = await publish(dir, {edition: 'mid', cwd: dir, force: true})
    expect(again.written).toBe(path.join(dir, 'editions', 'mid.json'))
    expect((await snapshotOf(dir)).schemaVersion).toBe(2)
    expect(await rules(dir)).toEqual([])
  })

  it('invalid-snapshot: unreadable or misnamed snapshots are reported, with a position', async () => {
    const dir = await published([{file: 'editions/mid.json', write: '{\n  "schemaVersion": 1,\n  "edition": oops\n}\n'}])
    expect(await rules(dir)).toEqual([expect.stringMatching(/^editions\/mid\.json:3:\d+ invalid-snapshot$/)])
  })
})

describe('the bundled example', () => {
  /** A copy of the example's content (not the whole repository). */
  async function exampleCopy(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-example-'))
    for (const name of ['scorecard.yml', 'priorities', 'evidence', 'report', 'editions', 'assets']) await cp(path.join(repoRoot, name), path.join(dir, name), {recursive: true})
    return dir
  }

  it('builds the Mid-Year Review from its snapshot: 9 rated, 10 not yet rated', async () => {
    const snapshot = JSON.parse(await readFile(path.join(repoRoot, 'editions', 'mid-year.json'), 'utf8')) as EditionSnapshot
    const result = await check(repoRoot, {cwd: repoRoot, edition: 'mid-year'})
    const report = result.report!
    expect(report.summary.unrated).toBe(10)
    for (const entry of snapshot.priorities) expect(report.statusOf.get(entry.id) ?? null, entry.id).toBe(entry.status)
    // Only evidence dated by 31 July supports a mid-year rating.
    for (const entry of snapshot.priorities) for (const item of entry.evidence) expect(item.date <= '2010-07-31', item.id).toBe(true)
    const rendered = await renderReport(report)
    const html = await rendered.html
    expect(html).not.toContain('A pledge came only in October')
    // The chapters are the mid-year ones from the snapshot, not the October prose.
    expect(snapshot.chapters.map((c) => c.id)).toEqual(['executive-summary', 'major-challenges-ahead', 'about-this-assessment'])
    expect(html).toContain('first seven months of its chairmanship, to 31 July 2010')
    expect(html).not.toContain('first ten months of its chairmanship')
    expect(html).not.toContain('Warsaw')
    // Priorities added for the Interim Assessment were not in the Mid-Year Review.
    expect(report.ordered).toHaveLength(19)
    for (const id of ['georgia-breakaway-regions', 'trafficking-in-human-beings', 'domestic-reform']) expect(report.ordered.some((p) => p.id === id), id).toBe(false)
  })

  it('shows the priorities added after the Mid-Year Review as new in the Interim Assessment', async () => {
    const report = (await check(repoRoot, {cwd: repoRoot})).report!
    expect(report.ordered).toHaveLength(22)
    for (const id of ['georgia-breakaway-regions', 'trafficking-in-human-beings', 'domestic-reform']) expect(report.movementOf.get(id), id).toEqual({movement: 'new', steps: 0})
    expect(report.summary.changes).toEqual({up: 4, same: 5, down: 0, new: 13})
    const html = await (await renderReport(report)).html
    expect(html).toContain('first ten months of its chairmanship')
  })

  it('fails check when a past rating is changed on a priority without history', async () => {
    const dir = await exampleCopy()
    // The Mid-Year Review rated the summit bid "limited"; drop the history and change the status.
    const file = path.join(dir, 'priorities', 'astana-summit.md')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace(/history:\n(?: {2}.*\n)+/, '').replace(/^status: \S+$/m, 'status: achieved'))
    expect(await rules(dir)).toContain('priorities/astana-summit.md:5:9 status-change-without-history')
    expect((await check(dir, {cwd: dir})).ok).toBe(false)
  })

  it('fails check when a past rating is edited without a dated history entry', async () => {
    const dir = await exampleCopy()
    expect(await rules(dir)).toEqual([])
    const file = path.join(dir, 'priorities', 'tolerance.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('  - date: 2010-07\n    status: limited', '  - date: 2010-07\n    status: progressing'))
    expect(await rules(dir)).toEqual(['priorities/tolerance.md:13:13 history-contradicts-edition'])
    const media = path.join(dir, 'priorities', 'media-freedom.md')
    await writeFile(media, (await readFile(media, 'utf8')).replace(/history:\n(?: {2}.*\n)+/, ''))
    expect(await rules(dir)).toContain('priorities/media-freedom.md:5:9 backdated-rating')
  })
})
