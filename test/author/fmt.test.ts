/**
 * `scorecard fmt`: canonical front matter, prose untouched, idempotent;
 * `--check` lists what would change; the bundled example is formatted.
 */
import {readdirSync} from 'node:fs'
import {cp, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {parse, stringify} from 'yaml'
import {describe, expect, it} from 'vitest'
import {fmtProject, formatFile, type FormatResult} from '../../src/author/fmt.js'
import {check} from '../../src/index.js'
import {fixtures, repoRoot, runCli} from '../helpers.js'


async function run(args: string[], cwd: string) {
  return runCli(args, cwd)
}

function formatted(result: FormatResult): string {
  if (!result.ok) throw new Error(`Not formatted: ${result.reason}`)
  return result.text
}

/** The YAML between the fences, parsed with the core schema, and the body after them. */
function split(text: string): {data: unknown; body: string} {
  const match = /^---\n([\s\S]*?)^---\n([\s\S]*)$/m.exec(text)
  if (!match) throw new Error('No front matter')
  return {data: parse(match[1]!, {schema: 'core'}), body: match[2]!}
}

async function copy(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `scorecard-fmt-`))
  await cp(path.join(fixtures, name), dir, {recursive: true})
  return dir
}

describe('formatFile: priorities', () => {
  const messy = [
    '---',
    "order: 3",
    'x-reviewer: someone   # kept, after the known keys',
    'status: "progressing"',
    'evidence: [b-evidence, "a-evidence"]',
    'stated: {cite: news-2010-07-17, quote: "update the Vienna Document"}',
    "title: 'Updating the Vienna Document: a test'",
    'dimension: security',
    'id: vienna-document',
    'a-extra: 1',
    '---',
    'Body with *emphasis*,  two spaces, a trailing space ',
    '',
    '---',
    'A thematic break above, and [@cite] here.',
    '',
    '',
  ].join('\n')

  it('orders keys as documented, unknown keys after in their original order, block lists, minimal quoting', () => {
    expect(formatted(formatFile(messy, 'priority'))).toBe(
      [
        '---',
        'id: vienna-document',
        'title: "Updating the Vienna Document: a test"',
        'dimension: security',
        'status: progressing',
        'stated:',
        '  quote: update the Vienna Document',
        '  cite: news-2010-07-17',
        'evidence:',
        '  - b-evidence',
        '  - a-evidence',
        'order: 3',
        'x-reviewer: someone # kept, after the known keys',
        'a-extra: 1',
        '---',
        'Body with *emphasis*,  two spaces, a trailing space ',
        '',
        '---',
        'A thematic break above, and [@cite] here.',
        '',
      ].join('\n'),
    )
  })

  it('orders each entry of a list of mappings (history) by its documented keys', () => {
    const text = formatted(formatFile('---\nid: a\nhistory:\n  - note: Talks began\n    status: limited\n    date: 2010-03\n  - {status: progressing, date: 2010-07, note: "Agreed: a text"}\n---\nx\n', 'priority'))
    expect(text).toBe(
      '---\nid: a\nhistory:\n  - date: 2010-03\n    status: limited\n    note: Talks began\n  - date: 2010-07\n    status: progressing\n    note: "Agreed: a text"\n---\nx\n',
    )
  })

  it('puts status on line 5, as the README and the check tests rely on', () => {
    expect(formatted(formatFile(messy, 'priority')).split('\n')[4]).toBe('status: progressing')
  })

  it('is idempotent', () => {
    const once = formatted(formatFile(messy, 'priority'))
    expect(formatFile(once, 'priority')).toEqual({ok: true, text: once, changed: false})
  })

  it('keeps the data the same', () => {
    const before = split(messy.replace(/^---\n/, '---\n'))
    const after = split(formatted(formatFile(messy, 'priority')))
    expect(after.data).toEqual(before.data)
  })
})

describe('formatFile: evidence, quoting and dates', () => {
  const evidence = [
    '---',
    'type: news',
    "date: '2010-07'",
    'spokenOn: "2010"',
    'publisher: Example News',
    'title: "Ministers Meet"',
    'id: news-2010-07',
    'url: "https://example.org/a?b=c#d"',
    'note: "yes"',
    'speaker: "- a dash"',
    'locator: 7',
    'author: "Null"',
    '---',
    'The excerpt.',
  ].join('\n')

  it('quotes only what needs quoting, keeps dates as written, and a bare year as a number', () => {
    const text = formatted(formatFile(evidence, 'evidence'))
    expect(text).toBe(
      [
        '---',
        'id: news-2010-07',
        'title: Ministers Meet',
        'publisher: Example News',
        // "Null" would read back as null, so it stays quoted.
        'author: "Null"',
        // 2010-07 is a string in YAML 1.2; it needs no quotes.
        'date: 2010-07',
        'url: https://example.org/a?b=c#d',
        'type: news',
        'locator: 7',
        'speaker: "- a dash"',
        // A year alone is written as the number it means.
        'spokenOn: 2010',
        // A YAML 1.1 boolean word stays quoted for other tools.
        'note: "yes"',
        '---',
        'The excerpt.',
        '',
      ].join('\n'),
    )
    const {data} = split(text)
    expect(data).toMatchObject({date: '2010-07', spokenOn: 2010, author: 'Null', note: 'yes', locator: 7})
  })

  it('keeps a numeric year and full dates unquoted, and round-trips them', () => {
    const text = formatted(formatFile('---\nid: a\ndate: 2010\nspokenOn: 2010-06-30\n---\nx\n', 'evidence'))
    expect(text).toBe('---\nid: a\ndate: 2010\nspokenOn: 2010-06-30\n---\nx\n')
    expect(split(text).data).toEqual({id: 'a', date: 2010, spokenOn: '2010-06-30'})
  })

  it('keeps comments, and a header comment stays at the top', () => {
    const text = formatted(formatFile('---\n# Reviewed 2010-11\ntitle: T\n# the id\nid: a\n---\nx\n', 'evidence'))
    expect(text).toBe('---\n# Reviewed 2010-11\n# the id\nid: a\ntitle: T\n---\nx\n')
  })

  it('normalises line endings, the BOM and the end of the file; the body is otherwise byte for byte', () => {
    const body = 'First  line\\ with <b>html</b> & `code`\n\n> quote\n\n    indented code\n'
    const input = `\uFEFF---\r\ntitle: T\r\nid: a\r\n---\r\n${body.replace(/\n/g, '\r\n')}\r\n\r\n`
    const text = formatted(formatFile(input, 'evidence'))
    expect(text).toBe(`---\nid: a\ntitle: T\n---\n${body}`)
    // No body at all: the file ends after the closing fence.
    expect(formatted(formatFile('---\ntitle: T\n---', 'prose'))).toBe('---\ntitle: T\n---\n')
  })

  it('leaves files whose front matter does not parse alone, and says where', () => {
    expect(formatFile('---\ntitle: [Media\nid: a\n---\nBody\n', 'priority')).toMatchObject({ok: false, ruleId: 'yaml-syntax', line: expect.any(Number)})
    expect(formatFile('---\nid: a\nid: b\n---\nBody\n', 'priority')).toMatchObject({ok: false, ruleId: 'duplicate-key', line: 3})
    expect(formatFile('No front matter\n', 'priority')).toMatchObject({ok: false, ruleId: 'missing-front-matter'})
    expect(formatFile('---\nid: a\n', 'priority')).toMatchObject({ok: false, ruleId: 'unclosed-front-matter'})
    expect(formatFile('---\n- a\n- b\n---\n', 'priority')).toMatchObject({ok: false, reason: 'Front matter is not a mapping of fields'})
  })

  it('property: formatting keeps the data and the body, and formatting twice changes nothing', () => {
    const keys = fc.constantFrom('id', 'title', 'publisher', 'author', 'date', 'url', 'type', 'locator', 'speaker', 'spokenOn', 'note', 'extra', 'zz')
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constantFrom('2010', '2010-07', '2010-07-17', 'yes', 'no', 'null', '~', 'a: b', '#x', "it's", ' padded ', '“curly”', '- dash', '1.10', 'line\nbreak', ''),
      fc.array(fc.string({maxLength: 8}), {maxLength: 3}),
    )
    const data = fc.dictionary(keys, value, {minKeys: 1})
    const body = fc.string().map((text) => text.replace(/^---/gm, '- - -'))
    const style = fc.record({flow: fc.boolean(), quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE')})
    fc.assert(
      fc.property(data, body, style, (fields, text, how) => {
        const yamlText = stringify(fields, {
          collectionStyle: how.flow ? 'flow' : 'block',
          defaultStringType: how.quote as 'PLAIN',
          lineWidth: 0,
        })
        const input = `---\n${yamlText}---\n${text}`
        const result = formatFile(input, 'evidence')
        if (!result.ok) return // yaml's own output may need a schema we refuse (none expected)
        const out = split(result.text)
        // The one change of data fmt makes: a year written as a string becomes the number.
        const expected = parse(yamlText, {schema: 'core'}) as Record<string, unknown>
        for (const key of ['date', 'spokenOn']) if (typeof expected[key] === 'string' && /^\d{4}$/.test(expected[key])) expected[key] = Number(expected[key])
        expect(out.data).toEqual(expected)
        expect(out.body).toBe(text.replace(/\r\n?/g, '\n').replace(/\n+$/, '') + (text.replace(/\n+$/, '').length > 0 ? '\n' : ''))
        expect(formatFile(result.text, 'evidence')).toEqual({ok: true, text: result.text, changed: false})
      }),
      {numRuns: 300, seed: 20261207},
    )
  })
})

describe('fmtProject', () => {
  it('--check lists what would change and writes nothing; then formatting writes atomically, and is idempotent', async () => {
    const dir = await copy('diff/base')
    const media = path.join(dir, 'priorities', 'media.md')
    const original = (await readFile(media, 'utf8')).replace('id: media\ntitle: Media freedom\n', 'title: Media freedom\nid: media\n')
    await writeFile(media, original)
    await writeFile(path.join(dir, 'evidence', 'news-2010-07-17.md'), (await readFile(path.join(dir, 'evidence', 'news-2010-07-17.md'), 'utf8')).replace('title: Ministers Meet', 'title: "Ministers Meet"'))

    const checked = await fmtProject(dir, {check: true, cwd: dir})
    expect(checked.changed).toEqual(['evidence/news-2010-07-17.md', 'priorities/media.md'])
    expect(checked.failed).toEqual([])
    expect(checked.unchanged).toHaveLength(7)
    expect(await readFile(media, 'utf8')).toBe(original)

    const written = await fmtProject(dir, {cwd: dir})
    expect(written.changed).toEqual(checked.changed)
    expect((await readFile(media, 'utf8')).startsWith('---\nid: media\ntitle: Media freedom\n')).toBe(true)
    expect(readdirSync(path.join(dir, 'priorities')).filter((name) => name.startsWith('.'))).toEqual([])
    expect((await fmtProject(dir, {check: true, cwd: dir})).changed).toEqual([])
    expect((await check(dir, {cwd: dir})).ok).toBe(true)
  })

  it('formats only the files given, and reports files it cannot format without touching them', async () => {
    const dir = await copy('diff/base')
    const broken = '---\ntitle: [Media\n---\nBody\n'
    await writeFile(path.join(dir, 'priorities', 'media.md'), broken)
    await writeFile(path.join(dir, 'notes.txt'), 'not content\n')
    const vienna = path.join(dir, 'priorities', 'vienna-document.md')
    await writeFile(vienna, (await readFile(vienna, 'utf8')).replace('status: progressing', 'status: "progressing"'))

    const result = await fmtProject('.', {cwd: dir, files: ['priorities/media.md', 'priorities/vienna-document.md', 'notes.txt']})
    expect(result.changed).toEqual(['priorities/vienna-document.md'])
    expect(result.failed).toMatchObject([
      {file: 'notes.txt', ruleId: 'not-content'},
      {file: 'priorities/media.md', ruleId: 'yaml-syntax', line: expect.any(Number)},
    ])
    expect(await readFile(path.join(dir, 'priorities', 'media.md'), 'utf8')).toBe(broken)
    expect(await readFile(vienna, 'utf8')).toContain('\nstatus: progressing\n')
  })

  it('the bundled example is already formatted', async () => {
    const result = await fmtProject(repoRoot, {check: true, cwd: repoRoot})
    expect(result.failed).toEqual([])
    expect(result.changed).toEqual([])
    expect(result.unchanged.length).toBeGreaterThan(100)
  })
})

describe('scorecard fmt (real binary)', () => {
  it('--check exits 1 and lists the files; fmt fixes them; --check then exits 0', async () => {
    const dir = await copy('diff/base')
    const file = path.join(dir, 'evidence', 'analysis-2010-10.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('date: 2010-10', 'date: "2010-10"'))

    const checked = await run(['fmt', '--check'], dir)
    expect(checked.code).toBe(1)
    expect(checked.stdout).toBe('evidence/analysis-2010-10.md\n')
    expect(checked.stderr).toContain('1 file would be reformatted')

    const fixed = await run(['fmt'], dir)
    expect(fixed.code).toBe(0)
    expect(fixed.stdout).toBe('evidence/analysis-2010-10.md\n')
    expect(await readFile(file, 'utf8')).toContain('\ndate: 2010-10\n')

    const again = await run(['fmt', '--check'], dir)
    expect(again).toMatchObject({code: 0, stdout: ''})
    expect(again.stderr).toContain('already formatted')
  })

  it('exits 1 when a file cannot be parsed, naming it with its line', async () => {
    const dir = await copy('diff/base')
    await writeFile(path.join(dir, 'priorities', 'media.md'), '---\nid: media\nid: again\n---\nx\n')
    const result = await run(['fmt', '-C', dir], tmpdir())
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/priorities\/media\.md:3:1 error Duplicate key in front matter; left unchanged \[duplicate-key\]/)
  })

  it('exits 3 outside a project', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-fmt-empty-'))
    expect((await run(['fmt', '--check'], dir)).code).toBe(3)
  })
})
