/**
 * `scorecard new priority` / `new evidence`: ids, validation against
 * scorecard.yml, and files that `check` accepts.
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check, ScorecardError} from '../../src/index.js'
import {newEvidence, newPriority, titleFromUrl} from '../../src/author/new.js'
import {evidenceId, priorityId, slugify, uniqueId} from '../../src/core/slug.js'
import {authorProject} from '../author-helpers.js'
import {repoRoot, runCli} from '../helpers.js'

const bin = path.join(repoRoot, 'bin', 'scorecard.js')
const evidenceIdInFixture = 'rferl-2010-07-17'

async function run(args: string[], cwd: string, input?: string): Promise<{code: number | null; stdout: string; stderr: string}> {
  if (input === undefined) {
    return runCli(args, cwd)
  }
  const child = spawn(process.execPath, [bin, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(input)
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  return {code, stdout, stderr}
}

async function messagesOf(dir: string, relative: string): Promise<string[]> {
  const result = await check(dir, {cwd: dir})
  return result.files.filter((file) => file.path === relative).flatMap((file) => file.messages.map((message) => `${message.ruleId}:${message.fatal ? 'error' : 'warning'}`))
}

async function rejection(promise: Promise<unknown>): Promise<ScorecardError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ScorecardError) return error
    throw error
  }
  throw new Error('Expected a ScorecardError')
}

describe('id rules', () => {
  it('slugs titles: ASCII, diacritics stripped, Cyrillic transliterated, & and apostrophes handled', () => {
    expect(priorityId('Updating the Vienna Document')).toBe('updating-the-vienna-document')
    expect(priorityId("Kazakhstan's OSCE Chairmanship: 2010 & Beyond!")).toBe('kazakhstans-osce-chairmanship-2010-and-beyond')
    expect(priorityId('Miroslav Lajčák’s visit to Straße Ørsted')).toBe('miroslav-lajcaks-visit-to-strasse-orsted')
    expect(priorityId('Қазақстан Республикасы')).toBe('qazaqstan-respublikasy')
    expect(priorityId('Организация по безопасности')).toBe('organizatsiya-po-bezopasnosti')
    expect(priorityId('  --Media   freedom--  ')).toBe('media-freedom')
    expect(priorityId('欧洲安全')).toBe('')
  })

  it('cuts long titles at a hyphen', () => {
    const id = priorityId('Strengthening the Vienna Document on confidence and security building measures in parallel')
    expect(id.length).toBeLessThanOrEqual(60)
    expect(id).toBe('strengthening-the-vienna-document-on-confidence-and-security')
    expect(slugify('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghij')
  })

  it('makes evidence ids from the title and the date at its precision', () => {
    expect(evidenceId('OSCE Stalls On Police Mission To Kyrgyzstan', '2010-07-17')).toBe('osce-stalls-on-police-mission-to-kyrgyzstan-2010-07-17')
    expect(evidenceId('Interim Report', '2010-10')).toBe('interim-report-2010-10')
    expect(evidenceId('A very long title of a report on the chairmanship of the organization', '2010')).toBe(
      'a-very-long-title-of-a-report-on-the-chairmanship-2010',
    )
  })

  it('appends -2, -3… on collision', () => {
    const taken = new Set(['media', 'media-2'])
    expect(uniqueId('media', (id) => taken.has(id))).toBe('media-3')
    expect(uniqueId('gender', (id) => taken.has(id))).toBe('gender')
  })

  it('derives a title from a URL path, or nothing', () => {
    expect(titleFromUrl('https://www.rferl.org/a/OSCE_Stalls_On_Police_Mission_To_Kyrgyzstan/2103483.html')).toBe('OSCE Stalls On Police Mission To Kyrgyzstan')
    expect(titleFromUrl('https://example.org/news/2010/07/17/osce-meets-in-almaty.html')).toBe('Osce meets in almaty')
    expect(titleFromUrl('https://example.org/docs/Interim%20Report%202010.pdf')).toBe('Interim Report 2010')
    expect(titleFromUrl('https://example.org/12345')).toBeUndefined()
    expect(titleFromUrl('https://example.org/')).toBeUndefined()
  })
})

describe('new priority', () => {
  it('creates a file check accepts when it cites evidence and quotes the commitment', async () => {
    const dir = await authorProject('preview')
    const created = await newPriority(dir, {
      title: 'Ministerial support for a police mission',
      dimension: 'security',
      status: 'stalled',
      cite: [evidenceIdInFixture],
      quote: 'sending an international police mission to Kyrgyzstan',
    })
    expect(created.path).toBe(path.join(dir, 'priorities', 'ministerial-support-for-a-police-mission.md'))
    expect(await readFile(created.path, 'utf8')).toBe(
      [
        '---',
        'id: ministerial-support-for-a-police-mission',
        'title: Ministerial support for a police mission',
        'dimension: security',
        'status: stalled',
        'stated:',
        '  quote: sending an international police mission to Kyrgyzstan',
        `  cite: ${evidenceIdInFixture}`,
        '  words: summary',
        '---',
        '',
      ].join('\n'),
    )
    const result = await check(dir, {cwd: dir})
    expect(result.errors).toBe(0)
    expect(await messagesOf(dir, 'priorities/ministerial-support-for-a-police-mission.md')).toEqual(['empty-assessment:warning'])

    // With the assessment written, even --strict is satisfied by the new file.
    await writeFile(created.path, `${await readFile(created.path, 'utf8')}Nothing moved [@${evidenceIdInFixture}].\n`)
    expect(await messagesOf(dir, 'priorities/ministerial-support-for-a-police-mission.md')).toEqual([])
    expect(created.nextSteps.join('\n')).toContain('Write the assessment')
  })

  it('without --cite, says that check will report no-evidence', async () => {
    const dir = await authorProject('preview')
    const created = await newPriority(dir, {title: 'Gender equality', dimension: 'human', status: 'achieved'})
    expect(await messagesOf(dir, 'priorities/gender-equality.md')).toContain('no-evidence:error')
    expect(created.nextSteps[0]).toContain('no-evidence')
  })

  it('lists plain citations under evidence:', async () => {
    const dir = await authorProject('preview')
    const created = await newPriority(dir, {title: 'Tolerance', dimension: 'human', status: 'achieved', cite: [evidenceIdInFixture], order: 3})
    expect(await readFile(created.path, 'utf8')).toContain(`evidence:\n  - ${evidenceIdInFixture}\norder: 3\n`)
    expect((await check(dir, {cwd: dir})).errors).toBe(0)
  })

  it('appends -2 to a taken id, and refuses a taken --id', async () => {
    const dir = await authorProject('preview')
    const first = await newPriority(dir, {title: 'Media', dimension: 'human', status: 'stalled'})
    expect(first.id).toBe('media-2')
    const error = await rejection(newPriority(dir, {title: 'Anything', id: 'media', dimension: 'human', status: 'stalled'}))
    expect(error.code).toBe('WRITE_FAILED')
    expect(error.message).toContain('"media" is taken')
    expect((await rejection(newPriority(dir, {title: 'X', id: 'Not A Slug', dimension: 'human', status: 'stalled'}))).code).toBe('INVALID_OPTION')
  })

  it('checks dimension, status and citations against the project, with did-you-mean', async () => {
    const dir = await authorProject('preview')
    const dimension = await rejection(newPriority(dir, {title: 'X', dimension: 'securty', status: 'stalled'}))
    expect(dimension.code).toBe('INVALID_OPTION')
    expect(dimension.message).toBe('Unknown dimension "securty" (did you mean "security"?); expected one of security, human.')
    const status = await rejection(newPriority(dir, {title: 'X', dimension: 'security'}))
    expect(status.message).toBe('Missing --status: choose one of achieved, stalled.')
    const cite = await rejection(newPriority(dir, {title: 'X', dimension: 'security', status: 'stalled', cite: ['rferl-2010-07-71']}))
    expect(cite.message).toContain('Unknown evidence id "rferl-2010-07-71" (did you mean "rferl-2010-07-17"?)')
    const quote = await rejection(newPriority(dir, {title: 'X', dimension: 'security', status: 'stalled', quote: 'we will'}))
    expect(quote.message).toContain('--quote needs --cite')
    expect(existsSync(path.join(dir, 'priorities', 'x.md'))).toBe(false)
  })
})

describe('new evidence', () => {
  it('creates a file check accepts (uncited is only a warning)', async () => {
    const dir = await authorProject('preview')
    const created = await newEvidence(dir, {
      title: 'OSCE Chairman Addresses Permanent Council',
      publisher: 'OSCE',
      date: '2010-01-14',
      type: 'official-statement',
      url: 'https://www.osce.org/cio/example',
      excerpt: 'The excerpt, word for word.',
    })
    expect(created.id).toBe('osce-chairman-addresses-permanent-council-2010-01-14')
    const text = await readFile(created.path, 'utf8')
    expect(text).toBe(
      [
        '---',
        'id: osce-chairman-addresses-permanent-council-2010-01-14',
        'title: OSCE Chairman Addresses Permanent Council',
        'publisher: OSCE',
        'date: 2010-01-14',
        'url: https://www.osce.org/cio/example',
        'type: official-statement',
        '---',
        'The excerpt, word for word.',
        '',
      ].join('\n'),
    )
    expect((await check(dir, {cwd: dir})).errors).toBe(0)
    expect(await messagesOf(dir, `evidence/${created.id}.md`)).toEqual(['uncited-evidence:warning'])
  })

  it('derives the title from --from-url, but never the publisher or the date', async () => {
    const dir = await authorProject('preview')
    const url = 'https://www.rferl.org/a/Kazakhstan_Criticized_For_New_Internet_Law/1789334.html'
    const missing = await rejection(newEvidence(dir, {url, publisher: '', date: ''}))
    expect(missing.code).toBe('INVALID_OPTION')
    expect(missing.message).toBe('Missing --publisher, --date.')

    const created = await newEvidence(dir, {url, publisher: 'Radio Free Europe/Radio Liberty', date: '2010-07'})
    expect(created.derivedTitle).toBe('Kazakhstan Criticized For New Internet Law')
    expect(created.id).toBe('kazakhstan-criticized-for-new-internet-law-2010-07')
    expect(created.nextSteps.join('\n')).toContain('derived from the URL')
    expect(created.nextSteps.join('\n')).toContain('empty-excerpt')
    expect(await readFile(created.path, 'utf8')).toContain(`url: ${url}\ntype: document\n`)
    // Same source, same date: the next one gets -2.
    const again = await newEvidence(dir, {url, publisher: 'RFE/RL', date: '2010-07', excerpt: 'Another excerpt.'})
    expect(again.id).toBe('kazakhstan-criticized-for-new-internet-law-2010-07-2')

    const untitled = await rejection(newEvidence(dir, {url: 'https://example.org/123', publisher: 'P', date: '2010'}))
    expect(untitled.message).toContain('--title (none could be derived from the URL)')
  })

  it('refuses invalid dates, URLs and types', async () => {
    const dir = await authorProject('preview')
    const base = {title: 'T', publisher: 'P', date: '2010-07-17'}
    expect((await rejection(newEvidence(dir, {...base, date: '17 July 2010'}))).message).toContain('Invalid --date "17 July 2010"')
    expect((await rejection(newEvidence(dir, {...base, date: '2010-02-30'}))).message).toContain('Invalid --date')
    expect((await rejection(newEvidence(dir, {...base, url: 'javascript:alert(1)'}))).message).toContain('must be an absolute http(s) URL')
    expect((await rejection(newEvidence(dir, {...base, type: 'News Report'}))).message).toContain('Invalid --type')
  })
})

describe('scorecard new (real binary)', () => {
  it('prints the new path on stdout and the check result on stderr', async () => {
    const dir = await authorProject('preview')
    const result = await run(['new', 'priority', 'Border management', '--dimension', 'security', '--status', 'stalled', '--cite', evidenceIdInFixture], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('priorities/border-management.md\n')
    expect(result.stderr).toContain('Created priorities/border-management.md (id border-management)')
    expect(result.stderr).toContain('priorities/border-management.md:2:5 warning Priority "border-management" has no assessment text [empty-assessment]')
    expect(result.stderr).toContain('Next:')
  })

  it('reads the excerpt from standard input with --excerpt -', async () => {
    const dir = await authorProject('preview')
    const excerpt = 'Ministers said: “We support the mission.”\n\nA second paragraph.'
    const result = await run(['new', 'evidence', '--title', 'Statement', '--publisher', 'OSCE', '--date', '2010-07', '--excerpt', '-'], dir, excerpt)
    expect(result.code).toBe(0)
    expect(await readFile(path.join(dir, 'evidence', 'statement-2010-07.md'), 'utf8')).toContain(`---\n${excerpt}\n`)
  })

  it('exits 2 with did-you-mean on an unknown dimension, and 3 outside a project', async () => {
    const dir = await authorProject('preview')
    const unknown = await run(['new', 'priority', 'X', '--dimension', 'humn', '--status', 'stalled'], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('scorecard: Unknown dimension "humn" (did you mean "human"?)')
    expect(unknown.stdout).toBe('')
    const outside = await run(['new', 'priority', 'X', '--dimension', 'human', '--status', 'stalled'], tmpdir())
    expect(outside.code).toBe(3)
    expect(outside.stderr).toContain('No scorecard.yml')
    // From inside the project, the project is found above, as git finds its repository.
    const inside = await run(['new', 'priority', 'X', '--dimension', 'human', '--status', 'stalled'], path.join(dir, 'priorities'))
    expect(inside.code).toBe(0)
    expect(inside.stdout).toBe('x.md\n')
    expect(existsSync(path.join(dir, 'priorities', 'x.md'))).toBe(true)
  })
})
