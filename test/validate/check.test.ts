import {describe, expect, it} from 'vitest'
import {check, formatDiagnostics} from '../../src/index.js'
import {isRuleId, ruleUrl} from '../../src/core/rules.js'
import {project, type Edit} from '../helpers.js'

/** Check a copy of the minimal fixture with `edits`; messages as `file:line:col rule severity`. */
async function messages(edits: Edit[], options: {strict?: boolean} = {}) {
  const dir = await project('minimal', edits)
  const result = await check(dir, {cwd: dir, ...options})
  // Every diagnostic's rule is registered, and its url is the rule's documentation.
  for (const file of result.files)
    for (const m of file.messages) {
      expect(isRuleId(m.ruleId), `unregistered rule ${m.ruleId}`).toBe(true)
      expect(m.url).toBe(ruleUrl(m.ruleId as Parameters<typeof ruleUrl>[0]))
    }
  const list = result.files.flatMap((file) =>
    file.messages.map((m) => ({
      at: `${m.file}:${m.line}:${m.column}`,
      rule: m.ruleId,
      severity: m.fatal ? 'error' : 'warning',
      reason: m.reason,
      hint: m.note,
    })),
  )
  return {result, list, dir}
}

describe('check on a valid project', () => {
  it('reports nothing and passes', async () => {
    const {result, list} = await messages([])
    expect(list).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.report?.priorities.map((p) => p.id).sort()).toEqual(['media', 'vienna-document'])
  })
})

describe('check rules', () => {
  it('unknown-status: points at the value, lists the scale and suggests the closest', async () => {
    const {result, list} = await messages([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: progresing'}])
    expect(result.ok).toBe(false)
    expect(list).toEqual([
      {
        at: 'priorities/vienna-document.md:5:9',
        rule: 'unknown-status',
        severity: 'error',
        reason: 'Unknown status "progresing"; expected one of achieved, progressing, stalled (did you mean "progressing"?)',
        hint: expect.stringContaining('scorecard.yml'),
      },
    ])
    const text = formatDiagnostics(result.files, 'text')
    expect(text).toContain(
      'priorities/vienna-document.md:5:9 error Unknown status "progresing"; expected one of achieved, progressing, stalled (did you mean "progressing"?) [unknown-status]',
    )
    expect(text).toContain('  hint: ')
  })

  it('unknown-locale: a lang without a shipped table warns, and the report falls back to English', async () => {
    const {result, list} = await messages([{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: kk'}])
    expect(result.ok).toBe(true)
    expect(list).toMatchObject([{at: 'scorecard.yml:7:7', rule: 'unknown-locale', severity: 'warning', reason: expect.stringContaining('"kk"')}])
    const shipped = await messages([{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: ru-RU'}])
    expect(shipped.list).toEqual([])
  })

  it('untranslated-excerpt: an excerpt in another language than the report, without a translation', async () => {
    const {result, list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: 'type: news\nlang: ru'}])
    expect(result.ok).toBe(true)
    expect(list).toMatchObject([{at: 'evidence/news-2010-07-17.md:8:7', rule: 'untranslated-excerpt', severity: 'warning', reason: 'Excerpt is in "ru" and the report in "en", and it has no translation'}])
    // Translated: clean; a regional tag of the report's language is the same language.
    const translated = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: 'type: news\nlang: ru\ntranslation:\n  text: The ministers agreed.\n  by: authors'}])
    expect(translated.list).toEqual([])
    expect((await messages([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: 'type: news\nlang: en-GB'}])).list).toEqual([])
  })

  it("needless-translation: a translation on an excerpt in the report's language (lang equal or unset)", async () => {
    const translation = 'translation:\n  text: The ministers agreed.\n  by: authors'
    const same = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: `type: news\nlang: en\n${translation}`}])
    expect(same.result.ok).toBe(true)
    expect(same.list).toMatchObject([{at: 'evidence/news-2010-07-17.md:9:1', rule: 'needless-translation', severity: 'warning', reason: 'Excerpt has a translation but is in the report\'s language ("en")'}])
    const unset = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'type: news', with: `type: news\n${translation}`}])
    expect(unset.list).toMatchObject([{at: 'evidence/news-2010-07-17.md:8:1', rule: 'needless-translation'}])
  })

  it('unknown-string: a key under strings: that the locale table lacks, with a suggestion', async () => {
    const {result, list} = await messages([{file: 'scorecard.yml', replace: 'lang: en', with: 'lang: en\nstrings:\n  executiveSumary: Summary\n  ratingScale: Scale\n  sourceTypeBlog: blog'}])
    expect(result.ok).toBe(true)
    expect(list).toMatchObject([
      {at: 'scorecard.yml:9:3', rule: 'unknown-string', severity: 'warning', reason: 'Unknown string "executiveSumary" under strings: (did you mean "executiveSummary"?)'},
    ])
  })

  it('unknown-dimension', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'dimension: human', with: 'dimension: humna'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:4:12', rule: 'unknown-dimension', reason: expect.stringContaining('did you mean "human"')}])
  })

  it('yaml-syntax: invalid YAML is reported at its line', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: [Media freedom'}])
    expect(list[0]).toMatchObject({rule: 'yaml-syntax', severity: 'error'})
    expect(list[0]!.at).toMatch(/^priorities\/media\.md:[34]:\d+$/)
  })

  it('duplicate-key', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'status: stalled', with: 'status: stalled\ntitle: Again'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:6:1', rule: 'duplicate-key'}])
  })

  it('yaml-syntax: custom tags such as !!js/function are refused', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: !!js/function "function(){}"'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:3:8', rule: 'yaml-syntax', reason: expect.stringContaining('Unsupported YAML')}])
  })

  it('unclosed-front-matter', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', write: '---\nid: news-2010-07-17\ntitle: x\n'}])
    expect(list.filter((m) => m.rule !== 'missing-evidence' && m.rule !== 'no-evidence')).toMatchObject([
      {at: 'evidence/news-2010-07-17.md:1:1', rule: 'unclosed-front-matter'},
    ])
  })

  it('missing-front-matter', async () => {
    const {list} = await messages([{file: 'priorities/media.md', write: 'Just prose [@news-2010-07-17].\n'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:1:1', rule: 'missing-front-matter'}])
  })

  it('front-matter-language: ---js is an error, never executed', async () => {
    const {list} = await messages([
      {file: 'priorities/media.md', write: '---js\n{ id: (globalThis.pwned = 1, "media") }\n---\nText\n'},
    ])
    expect(list).toMatchObject([{at: 'priorities/media.md:1:1', rule: 'front-matter-language'}])
    expect((globalThis as {pwned?: number}).pwned).toBeUndefined()
  })

  it('empty-file', async () => {
    const {list} = await messages([{file: 'priorities/media.md', write: '  \n\n'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:1:1', rule: 'empty-file'}])
  })

  it('missing-field: names the field and the file', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'title: Media freedom\n', with: ''}])
    expect(list).toMatchObject([{at: 'priorities/media.md:2:1', rule: 'missing-field', reason: 'Missing required field "title"'}])
  })

  it('missing-field inside stated points at stated', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: '  cite: analysis-2010-10\n', with: ''}])
    expect(list).toMatchObject([{at: 'priorities/media.md:6:1', rule: 'missing-field', reason: 'Missing required field "stated.cite"'}])
  })

  it('unknown-field with a suggestion', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'publisher: Example News', with: 'publisher: Example News\npublsher: again'}])
    expect(list).toMatchObject([
      {at: 'evidence/news-2010-07-17.md:5:1', rule: 'unknown-field', reason: 'Unknown field "publsher" (did you mean "publisher"?)'},
    ])
    expect(list[0]!.hint).toContain('Allowed fields here: id, title, publisher')
  })

  it('invalid-type', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: [a, b]'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:3:8', rule: 'invalid-type', reason: 'Field "title" must be text, not a list'}])
  })

  it('invalid-date: a bad calendar date', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: 2010-02-30'}])
    expect(list).toMatchObject([{at: 'evidence/news-2010-07-17.md:5:7', rule: 'invalid-date'}])
  })

  it('invalid-date: words are not a date', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: last July'}])
    expect(list).toMatchObject([{at: 'evidence/news-2010-07-17.md:5:7', rule: 'invalid-date'}])
  })

  it('accepts reduced-precision dates (year, year-month)', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: 2010'}])
    expect(list).toEqual([])
  })

  it('invalid-url', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: 'url: https://example.org/news', with: 'url: javascript:alert(1)'}])
    expect(list).toMatchObject([{at: 'evidence/news-2010-07-17.md:6:6', rule: 'invalid-url'}])
  })

  it('invalid-id: ids must be slugs', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'id: media', with: 'id: Media Freedom'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:2:5', rule: 'invalid-id'}])
  })

  it('duplicate-id is reported on both files, each naming the other', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'id: media', with: 'id: vienna-document'}])
    expect(list).toMatchObject([
      {at: 'priorities/media.md:2:5', rule: 'duplicate-id', reason: expect.stringContaining('priorities/vienna-document.md')},
      {at: 'priorities/media.md:2:5', rule: 'id-file-mismatch', reason: 'The priority id "vienna-document" differs from its file name "media.md"'},
      {at: 'priorities/vienna-document.md:2:5', rule: 'duplicate-id', reason: expect.stringContaining('priorities/media.md')},
    ])
  })

  it('a front-matter error in a priority does not make the evidence it cites "uncited"', async () => {
    // Only media cites analysis-2010-10 once vienna-document's second citation goes.
    const vienna = {file: 'priorities/vienna-document.md', replace: /, and a second source\nagrees \[@analysis-2010-10, p\. 7\]/, with: ''}
    expect((await messages([vienna])).list).toEqual([])
    const {list} = await messages([vienna, {file: 'priorities/media.md', replace: 'status: stalled', with: 'status: [stalled]'}])
    expect(list.map((m) => m.rule)).toEqual(['invalid-type'])
  })

  it('missing-evidence: a citation of an unknown id, at the citation', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: '@news-2010-07-17]', with: '@news-2010-07-18]'}])
    expect(list).toMatchObject([
      {at: 'priorities/media.md:11:31', rule: 'missing-evidence', reason: 'Citation of unknown evidence "news-2010-07-18" (did you mean "news-2010-07-17"?)'},
    ])
  })

  it('missing-evidence: stated.cite to an unknown id', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'cite: analysis-2010-10', with: 'cite: analysis-2010-11'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:8:9', rule: 'missing-evidence'}])
  })

  it('missing-evidence: an unknown id in the evidence list', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: '---\nNew', with: 'evidence:\n  - nope\n---\nNew'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:11:5', rule: 'missing-evidence'}])
  })

  it('evidence-after-as-of, also for reduced precision', async () => {
    const {list} = await messages([{file: 'evidence/analysis-2010-10.md', replace: 'date: 2010-10', with: 'date: 2010-11'}])
    expect(list).toMatchObject([{at: 'evidence/analysis-2010-10.md:6:7', rule: 'evidence-after-as-of'}])
  })

  it('no-evidence: a priority that cites nothing', async () => {
    const {list} = await messages([
      {file: 'priorities/media.md', replace: /stated:\n.*\n.*\n.*\n---\n.*\n/, with: '---\nNew laws restricted the press.\n'},
    ])
    expect(list.map((m) => [m.at, m.rule, m.severity])).toEqual([
      ['priorities/media.md:2:1', 'missing-stated', 'warning'],
      ['priorities/media.md:2:5', 'no-evidence', 'error'],
    ])
  })

  it('uncited-evidence is a warning; --strict makes it fail', async () => {
    const edits: Edit[] = [
      {file: 'evidence/extra.md', write: '---\nid: extra\ntitle: T\npublisher: P\ndate: 2010\ntype: news\n---\nText.\n'},
    ]
    const loose = await messages(edits)
    expect(loose.list).toMatchObject([{at: 'evidence/extra.md:2:5', rule: 'uncited-evidence', severity: 'warning'}])
    expect(loose.result.ok).toBe(true)
    const strict = await messages(edits, {strict: true})
    expect(strict.result.ok).toBe(false)
  })

  it('stated-quote-mismatch warns when the quote is not in the cited excerpt', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'protect journalists"', with: 'free all journalists"'}])
    expect(list).toMatchObject([{at: 'priorities/media.md:7:10', rule: 'stated-quote-mismatch', severity: 'warning'}])
    // The message shows where the quote parts from the excerpt.
    expect(list[0]?.reason).toContain('the quote begins "free all journal…", which the excerpt does not contain')
  })

  it('stated-quote-mismatch shows the differing characters, with context', async () => {
    const {list} = await messages([{file: 'priorities/media.md', replace: 'protect journalists"', with: 'protect all journalists"'}])
    expect(list).toHaveLength(1)
    expect(list[0]?.reason).toContain('the quote has "protect all journalists" where the excerpt has "…protect journalists, and…"')
    expect(list[0]?.hint).toMatch(/word for word/)
  })

  it('stated-quote-mismatch hints at typographic marks when they are the only difference', async () => {
    const {list} = await messages([
      {file: 'evidence/analysis-2010-10.md', replace: 'protect journalists, and', with: 'protect journalists\u2019 work, and'},
      {file: 'priorities/media.md', replace: 'protect journalists"', with: "protect journalists' work\""},
    ])
    const mismatch = list.filter((m) => m.rule === 'stated-quote-mismatch')
    expect(mismatch).toHaveLength(1)
    expect(mismatch[0]?.reason).toContain("journalists' work")
    expect(mismatch[0]?.hint).toMatch(/curly quotes, apostrophes, ellipsis/)
  })

  it('citation-locator-mismatch: a prose citation gives a page the excerpt\'s locator does not support', async () => {
    const {list} = await messages([{file: 'priorities/vienna-document.md', replace: '[@analysis-2010-10, p. 7]', with: '[@analysis-2010-10, p. 9]'}])
    expect(list).toMatchObject([{at: 'priorities/vienna-document.md:12:8', rule: 'citation-locator-mismatch', severity: 'warning'}])
    expect(list[0]?.reason).toBe('Citation of "analysis-2010-10" gives p. 9, but the excerpt is located at p. 7')
    expect(list[0]?.hint).toContain('[@analysis-2010-10, p. 7]')
  })

  it('citation-locator-mismatch: a page for an excerpt with no verifiable locator; a matching page passes', async () => {
    const {list} = await messages([{file: 'priorities/vienna-document.md', replace: '[@news-2010-07-17]', with: '[@news-2010-07-17, p. 2]'}])
    expect(list.map((m) => m.rule)).toEqual(['citation-locator-mismatch'])
    expect(list[0]?.reason).toContain('no verifiable place')
    const same = await messages([{file: 'priorities/vienna-document.md', replace: '[@analysis-2010-10, p. 7]', with: '[@analysis-2010-10, p. 7] [@analysis-2010-10, p.7]'}])
    expect(same.list).toEqual([])
  })

  it('empty-excerpt', async () => {
    const {list} = await messages([{file: 'evidence/news-2010-07-17.md', replace: /---\nThe ministers.*\n/, with: '---\n'}])
    expect(list.filter((m) => m.rule === 'empty-excerpt')).toMatchObject([{at: 'evidence/news-2010-07-17.md:2:5', severity: 'error'}])
  })

  it('invalid-encoding: bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('---\nid: media\ntitle: M'), Buffer.from([0xff, 0xfe]), Buffer.from('\n---\n')])
    const {list} = await messages([{file: 'priorities/media.md', write: bytes}])
    expect(list).toMatchObject([{at: 'priorities/media.md:3:9', rule: 'invalid-encoding'}])
  })

  it('a BOM and CRLF line endings just work, with true positions', async () => {
    const dir = await project('minimal')
    const {readFile, writeFile} = await import('node:fs/promises')
    const file = `${dir}/priorities/media.md`
    const text = (await readFile(file, 'utf8')).replace('status: stalled', 'status: stale')
    await writeFile(file, `\uFEFF${text.replace(/\n/g, '\r\n')}`)
    const result = await check(dir, {cwd: dir})
    const all = result.files.flatMap((f) => f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
    expect(all).toEqual(['priorities/media.md:5:9 unknown-status'])
  })

  it('missing-file: scorecard.yml names a prose file that does not exist', async () => {
    const {list} = await messages([{file: 'report/summary.md', remove: true}])
    expect(list).toMatchObject([{at: 'scorecard.yml:8:10', rule: 'missing-file'}])
  })

  it('path-outside-project: prose paths cannot leave the project', async () => {
    const {list} = await messages([{file: 'scorecard.yml', replace: 'summary: report/summary.md', with: 'summary: ../../etc/passwd'}])
    expect(list).toMatchObject([{at: 'scorecard.yml:8:10', rule: 'path-outside-project'}])
  })

  it('reports every problem in every file in one run', async () => {
    const {list} = await messages([
      {file: 'priorities/media.md', replace: 'status: stalled', with: 'status: nope'},
      {file: 'priorities/vienna-document.md', replace: 'dimension: security', with: 'dimension: securty'},
      {file: 'evidence/news-2010-07-17.md', replace: 'date: 2010-07-17', with: 'date: 2010-13'},
      {file: 'evidence/analysis-2010-10.md', replace: 'type: analysis', with: 'type: analysis\ncolour: red'},
    ])
    expect(list.map((m) => `${m.at} ${m.rule}`).sort()).toEqual([
      'evidence/analysis-2010-10.md:8:1 unknown-field',
      'evidence/news-2010-07-17.md:5:7 invalid-date',
      'priorities/media.md:5:9 unknown-status',
      'priorities/vienna-document.md:4:12 unknown-dimension',
    ])
  })

  it('config problems are reported in scorecard.yml', async () => {
    const {list} = await messages([{file: 'scorecard.yml', replace: 'asOf: 2010-10-31', with: 'asOf: 2010-10'}])
    expect(list).toMatchObject([{at: 'scorecard.yml:6:7', rule: 'invalid-date', reason: expect.stringContaining('full ISO date')}])
  })

  it('a project without scorecard.yml is an operational error, not a crash', async () => {
    await expect(check('/nonexistent-dir-for-scorecard')).rejects.toMatchObject({code: 'NOT_FOUND_PROJECT'})
  })
})

describe('diagnostic formats', () => {
  it('github annotations and JSON carry file, line, rule and the rule\'s url', async () => {
    const {result} = await messages([{file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: progresing'}])
    expect(formatDiagnostics(result.files, 'github')).toMatch(
      // The whole range of the value: endLine and endColumn as well.
      /^::error file=priorities\/vienna-document\.md,line=5,col=9,endLine=5,endColumn=19,title=unknown-status::Unknown status/,
    )
    const json = JSON.parse(formatDiagnostics(result.files, 'json')) as {file: string; line: number; ruleId: string}[]
    expect(json).toMatchObject([{file: 'priorities/vienna-document.md', line: 5, column: 9, ruleId: 'unknown-status', url: 'https://github.com/scorecard-reports/scorecard/blob/main/docs/rules.md#unknown-status', severity: 'error'}])
    expect(formatDiagnostics(result.files, 'stylish')).toContain('unknown-status')
  })
})
