import {describe, expect, it} from 'vitest'
import type {ParsedBody} from '../../src/core/model.js'
import {parseBody} from '../../src/link/index.js'
import {defaultLimits, parseSource} from '../../src/load/index.js'
import {bodyHtml, renderBody} from '../../src/render/body.js'
import {nestQuotes, quoteMarks, rehypeTypographer, typesetText} from '../../src/render/rehype-typographer.js'
import {bodyContext, h, root, runPass, t} from './helpers.js'

/** A priority body parsed as link parses it. */
function parsed(markdown: string): ParsedBody {
  const source = parseSource(Buffer.from(`---\nid: p\ntitle: P\ndimension: d\nstatus: s\n---\n${markdown}`), 'priority', {path: 'priority.md', cwd: '/'}, defaultLimits)
  return parseBody(source, {citations: true})
}

/** The HTML of `markdown` rendered as the authors' prose in `lang` (or as an excerpt). */
function typeset(markdown: string, lang = 'en', ownWords = true): string {
  const body = parsed(markdown)
  const context = {...bodyContext(body.citations, {notes: ownWords ? [] : undefined}), ownWords, lang}
  return bodyHtml(renderBody(body, context).hast)
}

describe('rehypeTypographer', () => {
  it('curls quotes and apostrophes, and sets dashes and ellipses, in English', () => {
    expect(typeset(`The chair's "four Ts" -- trust, tradition, transparency, tolerance --- were a motto... not a plan.\n`)).toBe(
      '<p>The chair’s “four Ts” – trust, tradition, transparency, tolerance — were a motto… not a plan.</p>',
    )
  })

  it('pairs quotes across emphasis and links, and curls apostrophes in plain paragraphs too', () => {
    expect(typeset('He called it "*a test* of the [OSCE](https://osce.org)" in April.\n')).toBe(
      '<p>He called it “<em>a test</em> of the <a href="https://osce.org">OSCE</a>” in April.</p>',
    )
    expect(typeset("Kazakhstan's chairmanship was the first of a post-Soviet state.\n")).toBe('<p>Kazakhstan’s chairmanship was the first of a post-Soviet state.</p>')
  })

  it('turns a double quotation inside a double quotation into single quotes', () => {
    expect(typeset('CSIS writes that "the chair called it "a test of vitality" in June".\n')).toBe(
      '<p>CSIS writes that “the chair called it ‘a test of vitality’ in June”.</p>',
    )
  })

  it('uses the quotation marks of the report language: Russian «…» with „…“ inside, British English the other way round', () => {
    expect(typeset('Назарбаев назвал это "испытанием "на прочность"" ОБСЕ.\n', 'ru')).toBe('<p>Назарбаев назвал это «испытанием „на прочность“» ОБСЕ.</p>')
    expect(typeset('The chair\'s "four Ts" and "the \'crisis\' of confidence".\n', 'en-GB')).toBe('<p>The chair’s ‘four Ts’ and ‘the “crisis” of confidence’.</p>')
    expect(quoteMarks('ru-RU')).toEqual(quoteMarks('ru'))
    expect(quoteMarks('xx')).toEqual(quoteMarks('en'))
  })

  it('takes its quotation marks from the locale tables, with the project\'s strings: overrides', async () => {
    const {localeFor} = await import('../../src/core/locales/index.js')
    for (const lang of ['en', 'en-GB', 'ru', 'de', 'uk', 'xx']) {
      const quotes = localeFor(lang).quotes
      expect(quoteMarks(lang)).toEqual({outer: [quotes.open, quotes.close], inner: [quotes.innerOpen, quotes.innerClose]})
    }
    expect(localeFor('de').quotes).toEqual({open: '„', close: '“', innerOpen: '‚', innerClose: '‘'})
    const overrides = {quoteOpen: '»', quoteClose: '«', quoteInnerOpen: '›', quoteInnerClose: '‹'}
    expect(typesetText('The "four \'T\' words" of the chair.', 'de', overrides)).toBe('The »four ›T‹ words« of the chair.')
    expect(localeFor('de', overrides).quotes.open).toBe('»')
    // One home for quotation marks: the typographer holds no table of its own.
    const {readFile} = await import('node:fs/promises')
    const source = await readFile(new URL('../../src/render/rehype-typographer.ts', import.meta.url), 'utf8')
    expect(source).not.toMatch(/outer: \['/)
  })

  it('never touches code, block quotations or inline quotations', () => {
    const html = typeset('Run `scorecard build --format "pdf"` now -- or later.\n\n```\nx -- "y"...\n```\n\n> The chair\'s "words" -- as written...\n')
    expect(html).toContain('<code>scorecard build --format "pdf"</code> now – or later.')
    expect(html).toContain('<code>x -- "y"...\n</code>')
    expect(html).toContain('<blockquote>\n<p>The chair\'s "words" -- as written...</p>\n</blockquote>')
    const tree = runPass(rehypeTypographer, root(h('p', {}, [t('He said '), h('q', {}, [t("it's \"fine\"")]), t(" -- didn't he?")])), {...bodyContext([]), ownWords: true, lang: 'en'})
    expect(tree).toEqual(root(h('p', {}, [t('He said '), h('q', {}, [t("it's \"fine\"")]), t(' – didn’t he?')])))
  })

  it('leaves an excerpt (not the authors\' own words) and a link showing its address as written', () => {
    expect(typeset(`The chair's "four Ts" -- a motto...\n`, 'en', false)).toBe(`<p>The chair's "four Ts" -- a motto...</p>`)
    expect(typeset('See <https://example.org/a--b...> for "more".\n')).toBe('<p>See <a href="https://example.org/a--b...">https://example.org/a--b...</a> for “more”.</p>')
  })

  it('keeps apostrophes inside single quotations and after plurals', () => {
    expect(nestQuotes('“the ‘chair’s role’ and the states’ views”', quoteMarks('ru'))).toBe('«the „chair’s role“ and the states’ views»')
  })

  it('typesets a line of plain-text prose (a rating history note) the same way', () => {
    expect(typesetText(`The chair's "crisis of confidence" -- conceded...`, 'en')).toBe('The chair’s “crisis of confidence” – conceded…')
    expect(typesetText('Plain words', 'en')).toBe('Plain words')
  })

  it('typesets a title or label as one line of prose, in the language\'s marks (issue 15)', () => {
    expect(typesetText("Kazakhstan's OSCE Chairmanship 2010", 'en')).toBe('Kazakhstan’s OSCE Chairmanship 2010')
    expect(typesetText('"Reset" with Russia -- a test', 'en')).toBe('“Reset” with Russia – a test')
    expect(typesetText('The "four Ts" and the chair\'s "crisis of confidence"', 'en-GB')).toBe('The ‘four Ts’ and the chair’s ‘crisis of confidence’')
    expect(typesetText('Председательство "ОБСЕ"', 'ru')).toBe('Председательство «ОБСЕ»')
    expect(typesetText('Der "Gipfel" von Astana', 'de')).toBe('Der „Gipfel“ von Astana')
    expect(typesetText('A "title" with "nested \'marks\'" in it', 'en')).toBe('A “title” with “nested ‘marks’” in it')
    expect(typesetText('Interim Assessment', 'en')).toBe('Interim Assessment')
    expect(typesetText('', 'en')).toBe('')
  })

  it('gives the same HTML on every run', () => {
    const markdown = 'A "quoted" phrase -- and an aside... and the chair\'s view.\n'
    expect(typeset(markdown)).toBe(typeset(markdown))
  })
})
