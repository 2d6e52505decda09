/**
 * Issue 13: near-miss citations are errors at their place, never printed as
 * text; Pandoc's `[-@id]` is an ordinary note.
 */
import {describe, expect, it} from 'vitest'
import {check, renderReport} from '../../src/index.js'
import {project} from '../helpers.js'

async function messagesFor(body: string) {
  const dir = await project('minimal', [{file: 'priorities/vienna-document.md', replace: /Talks moved forward[\s\S]*$/, with: `${body}\n`}])
  const result = await check(dir, {cwd: dir})
  return result.files.flatMap((file) => file.messages.filter((m) => m.ruleId === 'citation-syntax').map((m) => `${m.line}:${m.column} ${m.reason}`))
}

describe('citation-syntax', () => {
  it('reports [id] without "@" when the id is an evidence id, not [sic]', async () => {
    expect(await messagesFor('Talks moved [news-2010-07-17] and [sic] stayed.')).toEqual([
      '11:13 "[news-2010-07-17]" is not a citation: it has no "@"; write [@news-2010-07-17]',
    ])
  })

  it('reports a space after "@"', async () => {
    expect(await messagesFor('Talks moved [@ news-2010-07-17].')).toEqual(['11:13 "[@ news-2010-07-17]" is not a citation: there is a space after "@"; write [@news-2010-07-17]'])
  })

  it('reports citations in parentheses, but not an @handle in parentheses', async () => {
    expect(await messagesFor('Talks moved (@news-2010-07-17), said (@someone).')).toEqual([
      '11:13 "(@news-2010-07-17)" is not a citation: citations go in square brackets; write [@news-2010-07-17]',
    ])
  })

  it('reports Unicode hyphens and dashes inside an id, naming the code point', async () => {
    expect(await messagesFor('Talks moved [@news\u20112010-07-17, p. 2] and [@news-2010\u201307-17].')).toEqual([
      '11:13 "[@news\u20112010-07-17, p. 2]" is not a citation: the id contains a Unicode hyphen or dash (U+2011); write [@news-2010-07-17, p. 2]',
      '11:42 "[@news-2010\u201307-17]" is not a citation: the id contains a Unicode hyphen or dash (U+2013); write [@news-2010-07-17]',
    ])
  })

  it('reports a narrative @id of an evidence id, not e-mail addresses or other handles', async () => {
    expect(await messagesFor('As @news-2010-07-17 says, mail a@news-2010-07-17.org or @someone.')).toEqual([
      '11:4 "@news-2010-07-17" is a Pandoc narrative citation, which Scorecard does not support; write [@news-2010-07-17]',
    ])
  })

  it('accepts [-@id] with Pandoc\'s meaning: in a note style, an ordinary note', async () => {
    const dir = await project('minimal', [{file: 'priorities/vienna-document.md', replace: '[@news-2010-07-17]', with: '[-@news-2010-07-17]'}])
    const result = await check(dir, {cwd: dir})
    expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([])
    const html = await (await renderReport(result.report!)).html
    expect(html).not.toContain('-@news')
    expect(html).toContain('href="#evidence-news-2010-07-17"')
  })

  it('keeps reporting near misses in a session that caches parsed bodies', async () => {
    const {createParseCache} = await import('../../src/index.js')
    const dir = await project('minimal', [{file: 'priorities/vienna-document.md', replace: '[@news-2010-07-17]', with: '[news-2010-07-17]'}])
    const cache = createParseCache()
    for (let run = 0; run < 2; run++) {
      const result = await check(dir, {cwd: dir, cache})
      expect(result.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toContain('citation-syntax')
    }
  })
})
