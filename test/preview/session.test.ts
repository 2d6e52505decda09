/**
 * The preview's rebuild loop (src/session.ts): a one-file prose edit is
 * rendered alone and put in place, and must give the very bytes a full
 * rebuild gives; anything that could change more than that body is rebuilt
 * in full.
 */
import {appendFile, cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import type {Evidence} from '../../src/core/model.js'
import {createSession, type Session, type SessionUpdate} from '../../src/preview/session.js'
import {build, check} from '../../src/pipeline/index.js'
import {repoRoot} from '../helpers.js'

/** A copy of the bundled example. */
async function example(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-session-'))
  for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report', 'assets', 'editions'])
    await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
  return dir
}

/** What a fresh session makes of the project as it now is. */
async function fresh(dir: string): Promise<SessionUpdate> {
  return createSession(dir).update()
}

/** report.html as `scorecard build` writes it, and the diagnostics `scorecard check` reports, for the project as it now is. */
async function built(dir: string): Promise<{html: string; messages: string[]}> {
  const out = await mkdtemp(path.join(tmpdir(), 'scorecard-session-out-'))
  try {
    const checked = await check(dir, {cwd: dir})
    if (checked.errors > 0) throw new Error(`The project does not check: ${messagesOf(checked.files).join('; ')}`)
    await build(dir, {out, formats: ['html'], cwd: dir})
    return {html: await readFile(path.join(out, 'report.html'), 'utf8'), messages: messagesOf(checked.files)}
  } finally {
    await rm(out, {recursive: true, force: true})
  }
}

function messagesOf(files: SessionUpdate['files']): string[] {
  return files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`))
}

function summary(update: SessionUpdate) {
  return {
    errors: update.errors,
    warnings: update.warnings,
    messages: update.files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`)),
  }
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const text = await readFile(file, 'utf8')
  const next = change(text)
  expect(next).not.toBe(text)
  await writeFile(file, next)
}

/** Add to an excerpt's text and update the session with that file. */
async function editExcerpt(excerpt: Evidence): Promise<SessionUpdate> {
  const file = path.resolve(excerpt.source.file.cwd, excerpt.source.file.path)
  await edit(file, (text) => `${text.trimEnd()} [sic]\n`)
  return session.update([file])
}

let dir: string
let session: Session
let first: SessionUpdate
beforeEach(async () => {
  dir = await example()
  session = createSession(dir)
  first = await session.update()
})

describe('createSession', () => {
  it('starts with a full rebuild of a clean project', () => {
    expect(first.mode).toBe('full')
    expect(first.errors).toBe(0)
    expect(first.html).toContain('<!doctype html>')
  })

  it('renders a priority whose prose changed alone, with the bytes a full rebuild gives', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    await appendFile(file, '\nA sentence added while editing, with *emphasis*.\n')
    const update = await session.update([file])
    expect(update.mode).toBe('fragment')
    expect(update.html).toContain('A sentence added while editing, with <em>emphasis</em>.')
    const full = await fresh(dir)
    expect(update.html).toBe(full.html)
    expect(summary(update)).toEqual(summary(full))

    // Again on the same file, then on another: each edit starts from the last.
    await edit(file, (text) => text.replace('A sentence added while editing', 'A sentence rewritten'))
    expect((await session.update([file])).mode).toBe('fragment')
    const other = path.join(dir, 'priorities', 'moldova.md')
    await appendFile(other, '\nAnother paragraph.\n')
    const again = await session.update([other])
    expect(again.mode).toBe('fragment')
    expect(again.html).toBe((await fresh(dir)).html)
  })

  it('gives, after a run of prose edits, the report.html and the diagnostics of a fresh build and check', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    const other = path.join(dir, 'priorities', 'moldova.md')
    for (const [index, target] of [file, other, file].entries()) {
      await appendFile(target, `\nEdit ${index} of the prose.\n`)
      const update = await session.update([target])
      expect(update.mode).toBe('fragment')
      const fresh = await built(dir)
      expect(update.html).toBe(fresh.html)
      expect(messagesOf(update.files)).toEqual(fresh.messages)
    }
  })

  it('cuts the fonts to the characters an edit brings, and drops those it takes away, as a full build does', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    const original = await readFile(file, 'utf8')
    // Letters the example does not use (Hungarian, Old Norse, an astral one), in a new paragraph.
    await appendFile(file, '\nŐrség, Ærøskøbing, þing and 𝔄 are new here.\n')
    const added = await session.update([file])
    expect(added.mode).toBe('fragment')
    expect(added.html).not.toBe(first.html)
    expect(added.html).toBe((await built(dir)).html)
    await writeFile(file, original)
    const removed = await session.update([file])
    expect(removed.mode).toBe('fragment')
    expect(removed.html).toBe(first.html)
    expect(removed.html).toBe((await built(dir)).html)
  })

  it('rebuilds in full when a status changes, or a priority or excerpt is added or removed', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    // The status and the latest history entry, which records it (the earlier one is in a published edition).
    await edit(file, (text) => text.replace(/^status: limited$/m, 'status: progressing').replace('- date: 2010-10\n    status: limited', '- date: 2010-10\n    status: progressing'))
    const rated = await session.update([file])
    expect(rated.mode).toBe('full')
    expect(rated.html).toBe((await built(dir)).html)

    const added = path.join(dir, 'priorities', 'zz-new-priority.md')
    const gender = await readFile(path.join(dir, 'priorities', 'gender.md'), 'utf8')
    await writeFile(added, gender.replace('id: gender', 'id: zz-new-priority').replace('title: Gender equality', 'title: A new priority').replace('order: 19', 'order: 30'))
    const withNew = await session.update([added])
    expect(withNew.mode).toBe('full')
    const fresh = await built(dir)
    expect(withNew.html).toBe(fresh.html)
    expect(messagesOf(withNew.files)).toEqual(fresh.messages)

    await rm(added)
    const without = await session.update([added])
    expect(without.mode).toBe('full')
    expect(without.html).toBe((await built(dir)).html)
  })

  it('renders an excerpt whose text changed alone, when no stated commitment quotes it', async () => {
    const stated = new Set(first.report!.priorities.flatMap((priority) => (priority.stated ? [priority.stated.cite] : [])))
    const excerpt = first.report!.evidence.find((item) => !stated.has(item.id) && !item.source.body.includes('!['))!
    const update = await editExcerpt(excerpt)
    expect(update.mode).toBe('fragment')
    expect(update.html).toBe((await fresh(dir)).html)
  })

  it('rebuilds in full when an excerpt quoted by a stated commitment changes', async () => {
    const priority = first.report!.priorities.find((item) => item.stated)!
    const excerpt = first.report!.evidence.find((item) => item.id === priority.stated!.cite)!
    const update = await editExcerpt(excerpt)
    expect(update.mode).toBe('full')
    expect(update.html).toBe((await fresh(dir)).html)
  })

  it('rebuilds in full when citations, front matter or several files change', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    const cited = first.report!.bodies.get(first.report!.priorities.find((item) => item.id === 'afghanistan')!)!.citations[0]!.items[0]!.id
    await appendFile(file, `\nOne more citation [@${cited}].\n`)
    const citation = await session.update([file])
    expect(citation.mode).toBe('full')
    expect(citation.html).toBe((await fresh(dir)).html)

    await edit(file, (text) => text.replace(/^title: .*$/m, 'title: Afghanistan, renamed'))
    const frontMatter = await session.update([file])
    expect(frontMatter.mode).toBe('full')
    expect(frontMatter.html).toContain('Afghanistan, renamed')

    const other = path.join(dir, 'priorities', 'moldova.md')
    await appendFile(file, '\nProse.\n')
    await appendFile(other, '\nProse.\n')
    expect((await session.update([file, other])).mode).toBe('full')
    await appendFile(other, '\nMore prose.\n')
    expect((await session.update()).mode).toBe('full')
  })

  it('rebuilds in full, and reports, when the edit brings a problem', async () => {
    const file = path.join(dir, 'priorities', 'afghanistan.md')
    await edit(file, (text) => `${text.trimEnd()}\n\n![Map](https://example.org/map.png)\n`)
    const image = await session.update([file])
    expect(image.mode).toBe('full')
    expect(summary(image).messages).toContainEqual(expect.stringMatching(/afghanistan\.md:\d+:\d+ remote-resource$/))

    await edit(file, (text) => text.replace('\u0000', '') + 'x'.repeat(200_001) + '\n')
    const long = await session.update([file])
    expect(long.mode).toBe('full')
    expect(long.errors).toBeGreaterThan(0)
    expect(summary(long)).toEqual(summary(await fresh(dir)))
    // With errors, what passed is rendered all the same (partial), but not handed out as the report.
    expect(long.partial).toBe(true)
    expect(long.report).toBeUndefined()
    expect(long.html).toContain('<!doctype html>')
    expect(long.html).toContain('Moldova')
  })

  it('after evidence is deleted, no suggestion or reference points at its id', async () => {
    const priority = path.join(dir, 'priorities', 'afghanistan.md')
    await edit(priority, (text) => text.replace('[@csis-afghanistan-bridge', '[@csis-afghanistan-brige'))
    const typo = await session.update([priority])
    const reasons = (update: SessionUpdate) => update.files.flatMap((file) => file.messages.map((message) => message.reason))
    expect(reasons(typo)).toContainEqual(expect.stringContaining('did you mean "csis-afghanistan-bridge"'))

    const evidence = path.join(dir, 'evidence', 'csis-afghanistan-bridge.md')
    await rm(evidence)
    const deleted = await session.update([evidence])
    expect(deleted.mode).toBe('full')
    expect(reasons(deleted).filter((reason) => reason.includes('did you mean "csis-afghanistan-bridge"'))).toEqual([])
    expect(reasons(deleted)).toContainEqual(expect.stringContaining('unknown evidence "csis-afghanistan-bridge"'))
    expect(summary(deleted)).toEqual(summary(await fresh(dir)))
    expect(reasons(deleted)).toEqual(reasons(await fresh(dir)))
  })
})
