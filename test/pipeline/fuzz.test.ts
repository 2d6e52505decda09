/**
 * Property-based tests: whatever front matter and Markdown a contributor
 * writes, `check` and `build` answer with diagnostics or success, never an
 * uncaught exception.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {stringify} from 'yaml'
import {beforeAll, describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {project} from '../helpers.js'

let dir: string
beforeAll(async () => {
  dir = await project('minimal')
})

const keys = ['id', 'title', 'dimension', 'status', 'stated', 'evidence', 'order', 'quote', 'cite', 'date', '__proto__', 'constructor']
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    {depthSize: 'small'},
    fc.string(),
    fc.constantFrom('media', 'human', 'stalled', 'news-2010-07-17', '2010-07', '', '~', 'null', '!!js/function x'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), {maxLength: 3}),
    fc.dictionary(fc.constantFrom(...keys), tie('value'), {maxKeys: 3}),
  ),
})).value

const frontMatter = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), value, {maxKeys: 8}).map((data) => stringify(data)),
  fc.string({maxLength: 200}),
)

const markdown = fc
  .array(
    fc.oneof(
      fc.constantFrom('[@', '@', ']', '[', '[@news-2010-07-17]', '[@analysis-2010-10, p. 7; @nope]', '>', '*', '_', '#', '|', '-', '\n', '\n\n', '\r\n',
        '<div>', '</div>', '<script>', '<img src=x onerror=alert(1)>', '`', '```', '![x](', '](', ')', ' ', '1.', '---', '{{', '}}', '\u200B', '\uFEFF', '&amp;', '<!--', '$$'),
      fc.string({maxLength: 10}),
    ),
    {maxLength: 60},
  )
  .map((parts) => parts.join(''))

async function attempt(text: string): Promise<void> {
  await writeFile(path.join(dir, 'priorities', 'media.md'), text)
  const checked = await check(dir, {cwd: dir})
  expect(checked.ok).toBe(checked.errors === 0)
  const built = await build(dir, {cwd: dir, out: 'out'})
  expect(built.ok).toBe(checked.ok)
}

describe('check and build never throw on arbitrary content', () => {
  it('arbitrary front matter', async () => {
    await fc.assert(fc.asyncProperty(frontMatter, markdown, (yaml, body) => attempt(`---\n${yaml}\n---\n${body}\n`)), {numRuns: 60, seed: 42})
  })

  it('arbitrary Markdown under valid front matter', async () => {
    const head = '---\nid: media\ntitle: Media freedom\ndimension: human\nstatus: stalled\n---\n'
    await fc.assert(fc.asyncProperty(markdown, (body) => attempt(`${head}${body}\n [@news-2010-07-17]`)), {numRuns: 80, seed: 7})
  })

  it('arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({maxLength: 300}), async (bytes) => {
        await writeFile(path.join(dir, 'priorities', 'media.md'), bytes)
        await check(dir, {cwd: dir})
      }),
      {numRuns: 60, seed: 3},
    )
  })
})
