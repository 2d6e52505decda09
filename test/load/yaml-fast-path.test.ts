/**
 * The front matter fast path (src/load/yaml-fast-path.ts) must read exactly what the
 * yaml package reads, or decline. Checked on generated YAML (both what a
 * serializer writes and hand-written-looking lines with awkward scalars), on
 * every file of the bundled example, and on cases picked by hand.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {parseDocument, stringify} from 'yaml'
import {describe, expect, it} from 'vitest'
import {parsePlainYaml} from '../../src/load/yaml-fast-path.js'

const root = path.resolve(import.meta.dirname, '../..')

/** What `parseYaml` reads with the yaml package: the data, or undefined if it has errors or warnings. */
function reference(source: string): unknown {
  const doc = parseDocument(source, {schema: 'core', customTags: [], uniqueKeys: true, strict: true, prettyErrors: false})
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined
  return doc.toJS()
}

/** How many sources the fast path read (did not decline): a test that only saw declines would prove nothing. */
let accepted = 0

/** The fast path either declines or agrees with the yaml package. */
function agrees(source: string): boolean {
  const fast = parsePlainYaml(source)
  if (fast === undefined) return true
  accepted++
  expect(fast, source).toStrictEqual(reference(source))
  return true
}

/** Scalars that stress the plain/quoted rules: indicators, numbers, specials, escapes. */
const scalarText = fc.oneof(
  fc.string({maxLength: 12}),
  fc.constantFrom(
    '2010-07-17', '007', '0', '12', '1e3', '0x1F', '0o7', '.5', '-5', '+5', '12.', '1_000', '123456789012345678',
    'null', 'Null', '~', 'true', 'False', 'yes', 'on', 'a: b', 'a #b', 'C#', 'a:b', 'end:', "it's", 'say "hi"',
    '- x', '? x', '[x]', '{x}', '&a', '*a', '!tag', '|', '>', '%x', '@x', '`x', ' lead', 'trail ', '\\n', 'é ü Қазақстан',
  ),
)
const quoted = (text: string): fc.Arbitrary<string> =>
  fc.constantFrom(text, JSON.stringify(text), `'${text.replace(/'/g, "''")}'`, `"${text}"`, `'${text}'`)
const scalarLine = scalarText.chain(quoted)
const key = fc.constantFrom('id', 'title', 'status', 'evidence', 'quote', 'date', 'null', 'yes', 'a-b', 'x_1', 'Key', '1a', '"id"')
const tree = fc.letrec((tie) => ({
  map: fc
    .array(
      fc.tuple(key, fc.oneof({depthSize: 'small'}, scalarLine.map((text) => ` ${text}`), tie('nested') as fc.Arbitrary<string>)),
      {minLength: 1, maxLength: 4},
    )
    .map((pairs) => pairs.map(([name, value]) => `${name}:${value}`).join('\n')),
  nested: fc.oneof(
    tie('map').map((text) => `\n${indent(text as string, 2)}`),
    fc.array(scalarLine, {minLength: 1, maxLength: 3}).map((items) => `\n${items.map((item) => `  - ${item}`).join('\n')}`),
    fc.array(scalarLine, {minLength: 1, maxLength: 3}).map((items) => `\n${items.map((item) => `- ${item}`).join('\n')}`),
    tie('map').map((text) => `\n  - ${indent(text as string, 4).trimStart()}`),
  ),
}))

function indent(text: string, by: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(by) + line)
    .join('\n')
}

describe('parsePlainYaml', () => {
  it('reads what the yaml package reads, or declines, on generated front matter', () => {
    accepted = 0
    fc.assert(fc.property(tree.map as fc.Arbitrary<string>, agrees), {numRuns: 2000, seed: 8})
    expect(accepted).toBeGreaterThan(200)
  })

  it('agrees with the yaml package on what a serializer writes', () => {
    const value = fc.dictionary(
      fc.constantFrom('id', 'title', 'quote', 'order', 'tags', 'source'),
      fc.oneof(fc.string(), fc.integer({min: 0, max: 10 ** 9}), fc.array(fc.string(), {maxLength: 3}), fc.dictionary(fc.constantFrom('a', 'b'), fc.string())),
    )
    accepted = 0
    fc.assert(fc.property(value, (data) => agrees(stringify(data))), {numRuns: 1000, seed: 8})
    expect(accepted).toBeGreaterThan(300)
  })

  it('reads every file of the bundled example as the yaml package does, declining none of the priorities and evidence', async () => {
    let read = 0
    for (const folder of ['priorities', 'evidence']) {
      for (const name of (await readdir(path.join(root, folder))).filter((file) => file.endsWith('.md'))) {
        const text = await readFile(path.join(root, folder, name), 'utf8')
        const source = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1]
        expect(source, name).toBeDefined()
        const fast = parsePlainYaml(source!)
        expect(fast, `${folder}/${name} should take the fast path`).toBeDefined()
        expect(fast).toStrictEqual(reference(source!))
        read++
      }
    }
    expect(read).toBeGreaterThan(100)
  })

  it('reads the usual shapes exactly', () => {
    expect(parsePlainYaml('id: kz-1\norder: 007\ntitle: "Trust \\u00e9 \\"T\\""\nquote: \'it\'\'s\'\nevidence:\n  - a\n  - b\nhistory:\n  - date: 2010-06\n    status: stalled\n')).toStrictEqual({
      id: 'kz-1',
      order: 7,
      title: 'Trust é "T"',
      quote: "it's",
      evidence: ['a', 'b'],
      history: [{date: '2010-06', status: 'stalled'}],
    })
  })

  it('declines what it does not read itself', () => {
    for (const source of [
      'a: 1\na: 2', // duplicate key: an error, the yaml package words it
      'a: null',
      'a: ~',
      'a: true',
      'a: 1.5',
      'a: 1e3',
      'a: 0x10',
      'a: -1',
      'a: [1, 2]',
      'a: {b: 1}',
      'a: &x 1\nb: *x',
      'a: !!str 1',
      'a: |\n  text',
      'a: >\n  text',
      'a: b # comment',
      '# comment\na: b',
      'a: one\n  two', // a multi-line plain scalar
      'a: "x\\ty" tail',
      'a: "\\x41"',
      'a:\tb',
      'a:',
      'a:\n- b', // a sequence level with its key: valid, but not what Scorecard writes
      '  a: b',
      'null: b',
      '"a": b',
      '__proto__: x',
      'a: "\\ud800"',
      'a: b\u2028c',
    ])
      expect(parsePlainYaml(source), source).toBeUndefined()
  })

  it('never lets a key reach the prototype', () => {
    const data = parsePlainYaml('constructor: x\ntoString: y')
    expect(data).toStrictEqual(reference('constructor: x\ntoString: y'))
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
  })
})
