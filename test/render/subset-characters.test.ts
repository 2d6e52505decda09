/**
 * subsetCharacters finds the distinct characters of megabytes of text in one
 * pass over UTF-16 units; it must give exactly what the plain definition
 * gives (each character in both cases, character references decoded by the
 * entities library, fixed extras).
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {decodeHTML} from 'entities'
import {describe, expect, it} from 'vitest'
import {distinctCharacters, subsetCharacters, subsetCharactersOf} from '../../src/render/fonts.js'
import {repoRoot} from '../helpers.js'

/** The definition, character by character. */
function reference(text: string): string {
  const set = new Set<string>()
  const add = (value: string): void => {
    for (const character of value) {
      set.add(character)
      for (const other of [character.toLowerCase(), character.toUpperCase()]) if ([...other].length === 1) set.add(other)
    }
  }
  add(text)
  for (const match of text.matchAll(/&#?[0-9a-z]+;/gi)) add(decodeHTML(match[0]))
  for (let code = 0x20; code < 0x7f; code++) set.add(String.fromCharCode(code))
  add('\u00a0\u00b7\u2002\u2009\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2192\u21a9')
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('')
}

describe('subsetCharacters', () => {
  it('matches the definition on astral, lone-surrogate, case-changing and referenced characters', () => {
    for (const text of ['', 'aß\u{1F600}x\uD800y\uDC00 ǅ İ ﬀ Ωω ſ K &#x1F600; &#305; &#0; &rarr; &Omega; &amp;#306; &unknown; & loose;', '\uD83D', 'end\uDBFF', 'Қазақстан Lajčák ’'])
      expect(subsetCharacters(text)).toBe(reference(text))
  })

  it('matches the definition on the example report’s own text', async () => {
    const text = (await readFile(path.join(repoRoot, 'README.md'), 'utf8')) + (await readFile(path.join(repoRoot, 'evidence', 'csis-aral-pilot-project.md'), 'utf8'))
    expect(subsetCharacters(text)).toBe(reference(text))
  })
})

describe('subsetCharactersOf', () => {
  it('gives for several texts what subsetCharacters gives for them joined, each reference whole in its text', () => {
    const texts = ['aß\u{1F600}x\uD800', 'y\uDC00 ǅ İ &#x1F600;', '', 'Қазақстан &rarr; &Omega;', '\uD83D', 'end\uDBFF']
    expect(subsetCharactersOf(texts.map(distinctCharacters))).toBe(subsetCharacters(texts.join(' ')))
    // A lone surrogate at the end of one text and its partner at the start of the next stay two characters.
    expect(subsetCharactersOf(['x\uD83D', '\uDE00y'].map(distinctCharacters))).toBe(subsetCharacters('x\uD83D \uDE00y'))
    // The marks each call leaves are cleared: the same text gives the same set twice.
    expect([...distinctCharacters('abc')]).toEqual([...distinctCharacters('abc')])
    expect([...distinctCharacters('b')]).toEqual([0x62])
  })
})
