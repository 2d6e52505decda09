/**
 * The fast `normalize` and heading lookup (issue 17) against the
 * implementations they replaced, kept verbatim in test/verify/reference/:
 * same text, same offset map, same locator verdicts, on every code unit, on
 * the sources and the bundled example, and on random strings heavy in the
 * characters normalisation treats specially.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Locator} from '../../src/core/locator.js'
import {linkProject, loadProject, validateProject} from '../../src/index.js'
import {excerptText} from '../../src/link/index.js'
import {plainText, readSource, type SourceText} from '../../src/verify/extract.js'
import {checkLocator} from '../../src/verify/locators.js'
import {excerptParts, normalize, normalizeText} from '../../src/verify/normalize.js'
import {repoRoot} from '../helpers.js'
import {checkLocator as referenceCheckLocator} from './reference/locators-reference.js'
import {normalize as referenceNormalize} from './reference/normalize-reference.js'

const sourcesDir = path.resolve(repoRoot, '..', 'shared', 'sources')
const haveSources = existsSync(sourcesDir)

/** Both normalisations of `text`, as plain values; the fast one's map is a typed array. */
function both(text: string, lineBreakHyphens: boolean) {
  const fast = normalize(text, {lineBreakHyphens})
  const reference = referenceNormalize(text, {lineBreakHyphens})
  return {fast: {text: fast.text, map: Array.from(fast.map)}, reference}
}

function expectSame(text: string): void {
  for (const lineBreakHyphens of [false, true]) {
    const {fast, reference} = both(text, lineBreakHyphens)
    if (fast.text !== reference.text || fast.map.length !== reference.map.length || fast.map.some((at, i) => at !== reference.map[i]))
      expect({input: JSON.stringify(text), lineBreakHyphens, ...fast}).toEqual({input: JSON.stringify(text), lineBreakHyphens, text: reference.text, map: reference.map})
  }
  const textOnly = normalizeText(text)
  if (textOnly !== referenceNormalize(text).text) expect({input: JSON.stringify(text), text: textOnly}).toEqual({input: JSON.stringify(text), text: referenceNormalize(text).text})
}

/** Characters normalisation treats specially, and some it copies (Latin, Cyrillic, Kazakh, CJK, an astral letter as a surrogate pair). */
const special = [
  ...'\u2018\u2019\u201A\u201B\u2032\u02BC`\'',
  ...'\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB"',
  ...'-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D',
  ...' \t\n\r\v\f\u00A0\u1680\u2000\u2005\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF',
  ...'\u200B\u200C\u200D\u2060\u00AD\u2026.:',
]
const letters = [...'aAzZéÉßıİжЖқҚ漢', '\u{1D41A}', '\u{1D400}', 'x', 'y', '1']
const alphabet = fc.constantFrom(...special, ...letters, ' \n', '-\n', 'a-\n', '-\r\n', 'a- \n b', '\n\n')
const randomText = fc.array(alphabet, {maxLength: 60}).map((parts) => parts.join(''))

describe('fast normalize (and normalizeText): same text and map as the reference', () => {
  it('on every UTF-16 code unit, alone and between letters, at a line end and after a dash', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code)
      for (const text of [char, `a ${char}b`, `a-\n${char}b`, `${char}-\nb`, `a${char}\nb`]) expectSame(text)
    }
  })

  it('on a few thousand random strings drawn from the special characters', () => {
    fc.assert(fc.property(randomText, (text) => expectSame(text)), {numRuns: 4000, seed: 17})
  })

  it('on random Unicode strings, and on long ones', () => {
    fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 80}), (text) => expectSame(text)), {numRuns: 2000, seed: 17})
    fc.assert(fc.property(fc.array(alphabet, {minLength: 200, maxLength: 2000}), (parts) => expectSame(parts.join(''))), {numRuns: 100, seed: 17})
  })

  it('on edge cases: empty, only spaces, only dashes, ellipses, a dash at the end, a line-break hyphen 39 characters on', () => {
    for (const text of ['', ' ', '\u00A0\u3000', '---', '\u2014 \u2013', '\u2026', 'a\u2026b', ' \u2026 ', 'a-', 'a-\n', 'a-\nb', 'a-\nB', `a-${' '.repeat(37)}\nb`, `a-${' '.repeat(38)}\nb`, `a-\n${' '.repeat(38)}b`, 'a\u00AD-\nb', '\u{1D41A}-\nb', 'a-\n\u{1D41A}'])
      expectSame(text)
  })
})

describe.runIf(haveSources)('fast normalize on the sources and the bundled example (needs ../shared/sources)', () => {
  const files = haveSources ? readdirSync(sourcesDir).filter((name) => name !== 'README.md') : []

  it('on every source, as read for verification and as its raw file, and on every heading', async () => {
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) {
      const source = await readSource(path.join(sourcesDir, name))
      expectSame(source.text)
      expectSame(readFileSync(path.join(sourcesDir, name), 'utf8'))
      for (const heading of source.headings) expectSame(heading.text)
    }
  })

  it('on every excerpt, its parts, stated quotation and section locator of the example; and every locator at offsets across its source', async () => {
    const loaded = await loadProject(repoRoot, {cwd: repoRoot})
    const linked = linkProject(validateProject(loaded))!
    const sources = new Map<string, SourceText>()
    for (const name of files) sources.set(name, await readSource(path.join(sourcesDir, name)))
    let locators = 0
    for (const item of linked.evidence) {
      const body = linked.bodies.get(item)
      if (body) {
        const text = excerptText(body)
        expectSame(text)
        for (const part of excerptParts(text)) expectSame(part)
      }
      const locator = item.locatorParts
      const source = item.sourceFile === undefined ? undefined : sources.get(item.sourceFile)
      if (!locator || !source) continue
      if (locator.section !== undefined) expectSame(locator.section)
      locators++
      expectSameLocator(locator, source, [0, source.text.length, ...Array.from({length: 60}, (_, i) => Math.floor((i * source.text.length) / 60) + i)])
    }
    for (const priority of linked.priorities) if (priority.stated) expectSame(priority.stated.quote)
    expect(locators).toBeGreaterThan(50)
  })
})

function expectSameLocator(locator: Locator, source: SourceText, offsets: readonly number[]): void {
  for (const offset of offsets) expect({locator, offset, problem: checkLocator(locator, source, offset, 'source')}).toEqual({locator, offset, problem: referenceCheckLocator(locator, source, offset, 'source')})
}

describe('fast heading lookup: same locator verdicts as the reference', () => {
  it('on random plain-text sources, with sections taken from their lines (altered in typography) or made up, at random offsets', () => {
    const line = fc.array(fc.constantFrom(...letters, ' ', ':', '.', '\u2019', '\u2014', '-', '\u2026', '\u00A0', 'Part', 'One'), {maxLength: 12}).map((parts) => parts.join(''))
    // Headings that recur, in one typography or another, so a section has several matches and the last before the excerpt counts.
    const recurring = fc.constantFrom('Part One', 'Part One:', 'Part  One.', 'Part One . .', 'Kyrgyzstan\u2019s role', "Kyrgyzstan's role", 'Afghanistan \u2014 a bridge', 'Afghanistan - a bridge', 'Afghanistan--a bridge')
    const document = fc.array(fc.oneof(line, recurring, recurring, fc.constant(''), fc.constant('7 | running head')), {minLength: 1, maxLength: 30}).map((lines) => lines.join('\n'))
    fc.assert(
      fc.property(document, fc.nat(), fc.constantFrom('as is', 'typography', 'colon', 'full stop', 'made up'), fc.array(fc.nat(), {minLength: 1, maxLength: 8}), fc.option(fc.integer({min: 1, max: 4})), (raw, pick, how, offsets, paragraph) => {
        const source: SourceText = {...plainText(raw), sha256: ''}
        const heading = source.headings[pick % Math.max(1, source.headings.length)]?.text ?? 'Part One'
        const section = how === 'as is' ? heading : how === 'typography' ? heading.replace(/\u2019/g, "'").replace(/\u2014/g, ' - ').replace(/ /g, '  ') : how === 'colon' ? `${heading}:` : how === 'full stop' ? `${heading}.` : `${heading} x`
        const locator: Locator = paragraph === null ? {section} : {section, paragraph}
        expectSameLocator(locator, source, offsets.map((offset) => offset % (source.text.length + 1)))
      }),
      {numRuns: 1500, seed: 17},
    )
  })
})
