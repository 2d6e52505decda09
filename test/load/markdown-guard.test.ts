/**
 * Pathological Markdown (issue 14, finding 2): each shape below once crashed
 * `build` with an internal error, or ran for tens of seconds to minutes on a
 * file under the size limit. Each is generated here (nothing large is
 * committed) and must be refused with a diagnostic naming the file, or built
 * within a generous time budget. Whatever `check` accepts, `build` renders.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {parseSource} from '../../src/load/index.js'
import {project} from '../helpers.js'

const head = '---\nid: media\ntitle: Media freedom\ndimension: human\nstatus: stalled\n---\nSee [@news-2010-07-17].\n\n'
/** Seconds a whole check + build of one generated file may take on a busy shared machine. */
const budgetMs = 20_000

let dir: string
beforeAll(async () => {
  dir = await project('minimal')
})

async function outcome(body: string) {
  await writeFile(path.join(dir, 'priorities', 'media.md'), `${head}${body}\n`)
  const started = Date.now()
  const checked = await check(dir, {cwd: dir})
  const messages = checked.files.flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
  const built = checked.ok ? await build(dir, {cwd: dir}) : undefined
  return {checked, built, messages, ms: Date.now() - started}
}

describe('pathological Markdown is refused, naming the file', () => {
  const refused: [string, () => string, string][] = [
    ['"- " × 800 then x (once a RangeError in build)', () => `${'- '.repeat(800)}x`, 'nesting-too-deep'],
    ['"- " × 2,500 (once a RangeError in check)', () => `${'- '.repeat(2_500)}x`, 'nesting-too-deep'],
    ['"<b>" × 2,000 (once a RangeError in build)', () => `${'<b>'.repeat(2_000)}x`, 'nesting-too-deep'],
    ['"- " × 49,000 (once still running after 120 s)', () => `${'- '.repeat(49_000)}x`, 'nesting-too-deep'],
    ['"1. " × 33,000', () => `${'1. '.repeat(33_000)}x`, 'nesting-too-deep'],
    ['"- > " × 24,000', () => `${'- > '.repeat(24_000)}x`, 'nesting-too-deep'],
    ['"*a **a" × 8,000 in one paragraph (once 12.8 s)', () => '*a **a'.repeat(8_000), 'markdown-too-complex'],
    ['"*_" × 24,000 (once 33 s)', () => '*_'.repeat(24_000), 'markdown-too-complex'],
    ['"~~a" × 30,000 (once 13 s)', () => '~~a'.repeat(30_000), 'markdown-too-complex'],
    ['a 150,000-row GFM table, 900 KB (once 43 s and 2.8 GB)', () => `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(150_000)}`, 'markdown-too-complex'],
    ['50,000 citations in one file (once 34 s)', () => Array.from({length: 500}, () => 'Text [@news-2010-07-17]. '.repeat(100)).join('\n\n').slice(0, 1_000_000), 'markdown-too-complex'],
  ]
  for (const [name, body, rule] of refused) {
    it(name, async () => {
      const result = await outcome(body())
      expect(result.checked.ok).toBe(false)
      expect(result.messages).toContainEqual(expect.stringMatching(new RegExp(`^priorities/media\\.md:\\d+:\\d+ ${rule}$`)))
      expect(result.ms).toBeLessThan(budgetMs)
    })
  }
})

describe('content just under the budgets builds within the time budget', () => {
  const accepted: [string, () => string][] = [
    ['a list nested 90 deep', () => Array.from({length: 90}, (_, i) => `${'  '.repeat(i)}- level ${i} [@news-2010-07-17]`).join('\n')],
    ['HTML nested 90 deep', () => `${'<span>'.repeat(90)}deep${'</span>'.repeat(90)}`],
    ['ten paragraphs of 900 emphasis runs', () => Array.from({length: 10}, () => '*a* '.repeat(450)).join('\n\n')],
    ['1,900 table rows', () => `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(1_900)}`],
    ['1,900 citations in paragraphs of 400', () => Array.from({length: 5}, () => 'Text [@news-2010-07-17]. '.repeat(380)).join('\n\n')],
    ['1 MB of ordinary prose', () => Array.from({length: 1_100}, () => 'The chairmanship said it would press for progress on the file, and it did so in May. '.repeat(10)).join('\n\n').slice(0, 1_000_000)],
  ]
  for (const [name, body] of accepted) {
    it(name, async () => {
      // The budget is linear in size: 20 s for small files, 40 s for a whole MB.
      const result = await outcome(body())
      expect(result.messages).toEqual([])
      expect(result.built?.ok).toBe(true)
      expect(result.built?.written.length).toBeGreaterThan(0)
      expect(result.ms).toBeLessThan(budgetMs * (1 + body().length / 1_000_000))
    })
  }
})

describe('fuzz: whatever check accepts, build renders', () => {
  // Adversarial pieces, each repeated up to thousands of times: bodies far
  // beyond the 600 characters of the older fuzz (test/pipeline/fuzz.test.ts).
  const piece = fc.constantFrom('- ', '1. ', '> ', '- > ', '* ', '  ', '*a ', '**', '_', '~~', '*_', '[', ']', '[@news-2010-07-17]', '(', ')', '![x](', '<b>', '</b>', '<div>', '<span>', '|', '|-|', '`', '```', '\\', '&#x', '<!--', '-->', 'x', ' ', '\n', '\n\n', '\n    ')
  const run = fc.tuple(piece, fc.integer({min: 1, max: 3_000})).map(([text, times]) => text.repeat(times))
  const body = fc.array(run, {minLength: 1, maxLength: 6}).map((runs) => runs.join(''))

  it('deeply nested and adversarial bodies up to ~100 KB', async () => {
    const started = Date.now()
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const t0 = Date.now()
        await writeFile(path.join(dir, 'priorities', 'media.md'), `${head}${text}\n`)
        const checked = await check(dir, {cwd: dir})
        if (checked.ok) {
          const built = await build(dir, {cwd: dir})
          expect(built.ok).toBe(true)
          expect(built.written.length).toBeGreaterThan(0)
        }
        expect(Date.now() - t0).toBeLessThan(budgetMs)
      }),
      {numRuns: 40, seed: 14},
    )
    expect(Date.now() - started).toBeLessThan(240_000)
  }, 300_000)
})

describe('line limits in load (parseSource)', () => {
  const front = '---\nid: a\n---\n'
  const problem = (body: string) => parseSource(front + body, 'priority', {path: 'a.md', cwd: '.'}).file.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)
  it('names the line and column of too deep quotes, indentation and runs, however the line starts', () => {
    expect(problem(`text\n${'> '.repeat(101)}x`)).toEqual(['nesting-too-deep 5:1'])
    expect(problem(`text\n${'>'.repeat(100)} x`)).toEqual([])
    expect(problem(`${'\t'.repeat(51)}x`)).toEqual(['nesting-too-deep 4:1'])
    expect(problem(`${'\u00a0'.repeat(201)}x`)).toEqual(['nesting-too-deep 4:1'])
    expect(problem(`${'\u00a0'.repeat(200)}x`)).toEqual([])
    expect(problem(`a\n\nb ${'*'.repeat(101)}`)).toEqual(['nesting-too-deep 6:3'])
    expect(problem(`a\n\nb ${'*'.repeat(100)} ${'['.repeat(100)}`)).toEqual([])
    expect(problem(`ok\n${'x'.repeat(100_001)}`)).toEqual(['line-too-long 5:1'])
  })
})
