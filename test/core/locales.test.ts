import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {en, formatString, hasLocale, isStringKey, localeFor, ru, shippedLocales} from '../../src/core/locales/index.js'
import {build, check} from '../../src/index.js'
import {project} from '../helpers.js'

describe('locale tables', () => {
  it('ship English and Russian, each with every key of the English table and no other', () => {
    expect(shippedLocales).toEqual(['en', 'ru'])
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort())
    for (const [key, value] of Object.entries(ru)) {
      // The same placeholders in every plural form (no value lost in translation).
      const names = (text: string) => [...new Set(text.match(/\{[A-Za-z]+\}/g) ?? [])].sort()
      const english = names(en[key as keyof typeof en])
      for (const form of value.split('|')) expect.soft(names(form).every((name) => english.includes(name)), `${key}: ${form}`).toBe(true)
    }
  })

  it('choose the table by the primary subtag, English when none is shipped', () => {
    expect(hasLocale('ru-RU')).toBe(true)
    expect(hasLocale('kk')).toBe(false)
    expect(localeFor('en-GB').table).toBe('en')
    expect(localeFor('kk').table).toBe('en')
    expect(localeFor('kk').t('executiveSummary')).toBe('Executive Summary')
    expect(localeFor('ru').t('executiveSummary')).toBe('Резюме')
  })

  it('Russian plurals: one, few, many', () => {
    const {t} = localeFor('ru')
    const subject = (count: number) => t('pdfSubject', {subtitle: 'Оценка', count, date: 'x'})
    expect(subject(1)).toContain('1 заявленный приоритет,')
    expect(subject(2)).toContain('2 заявленных приоритета,')
    expect(subject(5)).toContain('5 заявленных приоритетов,')
    expect(subject(11)).toContain('11 заявленных приоритетов,')
    expect(subject(21)).toContain('21 заявленный приоритет,')
    expect(subject(22)).toContain('22 заявленных приоритета,')
    expect(subject(112)).toContain('112 заявленных приоритетов,')
    expect(t('steps', {count: 1})).toBe('1 ступень')
    expect(t('steps', {count: 3})).toBe('3 ступени')
    expect(t('steps', {count: 14})).toBe('14 ступеней')
    expect(localeFor('en').t('steps', {count: 1})).toBe('1 step')
    expect(localeFor('en').t('steps', {count: 0})).toBe('0 steps')
  })

  it('dates in the table forms, only the precision given, no ICU', () => {
    expect(localeFor('en').date('2010-07-17')).toBe('17 July 2010')
    expect(localeFor('en').date('2010-07')).toBe('July 2010')
    expect(localeFor('en').date('2010')).toBe('2010')
    expect(localeFor('ru').date('2010-07-01')).toBe('1 июля 2010 г.')
    expect(localeFor('ru').date('2010-07')).toBe('июль 2010 г.')
    expect(localeFor('ru').date('2010')).toBe('2010 г.')
  })

  it('quotation marks follow the table; strings of scorecard.yml override it', () => {
    expect(localeFor('ru').quotes).toEqual({open: '«', close: '»', innerOpen: '„', innerClose: '“'})
    expect(localeFor('en').quotes.open).toBe('“')
    const custom = localeFor('ru', {executiveSummary: 'Краткое изложение', nonsense: 'x'})
    expect(custom.t('executiveSummary')).toBe('Краткое изложение')
    expect(custom.strings).not.toHaveProperty('nonsense')
    expect(isStringKey('sourceTypeBlogPost')).toBe(true)
    expect(isStringKey('executiveSumary')).toBe(false)
  })

  it('fills in values and leaves unknown names as written', () => {
    expect(formatString('a {x} {y}', {x: 1})).toBe('a 1 {y}')
  })
})

describe('a report in Russian', () => {
  it('uses the Russian table for the words the tool writes, and scorecard.yml overrides', async () => {
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: ru\nstrings:\n  ratingScale: Шкала\n  sourceTypeNews: новостное сообщение'},
    ])
    await build(dir, {cwd: dir, formats: ['html']})
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('>Содержание</h2>')
    expect(html).toContain('По состоянию на <time datetime="2010-10-31">31 октября 2010 г.</time>')
    expect(html).toContain('>Шкала</h3>')
    expect(html).toContain('новостное сообщение')
    expect(html).toContain('>Примечания</h3>')
    for (const english of ['Contents', 'Rating scale', 'Appendix: Evidence', 'Cited by', 'As of', 'Notes', 'Status by dimension', 'October']) expect.soft(html.replace(/<style>[^]*?<\/style>/, ''), english).not.toContain(english)
  })
})

describe('excerpts in translation', () => {
  it('show the translation in the text, the original in the appendix, marked with who translated it', async () => {
    const dir = await project('minimal', [
      {file: 'scorecard.yml', replace: 'lang: en', with: 'lang: ru'},
      {
        file: 'evidence/news-2010-07-17.md',
        replace: 'type: news\n',
        with: 'type: news\nlang: en\ntranslation:\n  text: Министры договорились обновить Венский документ до саммита.\n  by: authors\n',
      },
      {
        file: 'evidence/analysis-2010-10.md',
        replace: /\n---\n/,
        with: '\nlang: en\ntranslation:\n  text: Председатель обещал защищать журналистов.\n  by: published\n  source: Example Translations, 2011\n---\n',
      },
      {file: 'priorities/vienna-document.md', replace: 'words: summary', with: 'words: summary\n  translation: обновить Венский документ'},
    ])
    const result = await check(dir, {cwd: dir})
    expect(result.files.flatMap((file) => file.messages.map((m) => m.ruleId))).toEqual([])
    await build(dir, {cwd: dir, formats: ['html']})
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    // In the text: the translation, in the Russian quotation marks.
    expect(html).toContain('<blockquote class="stated__quote"><p>«обновить Венский документ»</p></blockquote>')
    // In the appendix: the translation, then the original, in its language, marked.
    expect(html).toContain('<blockquote class="excerpt__text excerpt__text--translation"><p>Министры договорились обновить Венский документ до саммита.</p></blockquote>')
    expect(html).toContain('<p class="excerpt__original-label">Перевод авторов. Оригинал (английский):</p>')
    expect(html).toContain('<blockquote class="excerpt__text excerpt__text--original" lang="en"><p>The ministers agreed to update the Vienna Document before the summit.</p></blockquote>')
    expect(html).toContain('<p class="excerpt__original-label">Перевод: Example Translations, 2011. Оригинал (английский):</p>')
  })

  it('a published translation must name its source', async () => {
    const dir = await project('minimal', [
      {file: 'evidence/news-2010-07-17.md', replace: 'type: news\n', with: 'type: news\ntranslation:\n  text: x\n  by: published\n'},
    ])
    const result = await check(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(result.files.flatMap((file) => file.messages.map((m) => m.reason)).join('\n')).toContain('must name its source')
  })
})
