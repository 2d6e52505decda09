/**
 * The Russian example (examples/ru-2010/): a report in the Russian locale
 * whose excerpts are quoted in English with the authors' translation. It
 * checks clean against the sources, builds HTML, JSON and PDF twice to the
 * same bytes, and no English string of the locale table shows anywhere a
 * reader sees, in the HTML or in the PDF's text, outside the quoted
 * originals (marked lang="en").
 */
import {execFileSync} from 'node:child_process'
import {cp, mkdtemp, readdir, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {beforeAll, describe, expect, it} from 'vitest'
import {en} from '../../src/core/locales/index.js'
import {build, check} from '../../src/index.js'
import {repoRoot} from '../helpers.js'
import {expectScanMatchesPdfjs} from '../print/pdf-helpers.js'

const example = path.join(repoRoot, 'examples', 'ru-2010')
const sources = path.join(repoRoot, '..', 'shared', 'sources')
const epoch = '1288483200'
let dir: string
let html: string
let pdfText: string
const bytes: Record<string, Buffer[]> = {}

/** Every English fragment of the locale table: each plural form split at its values, trimmed to words. */
function englishFragments(): string[] {
  const found = new Set<string>()
  for (const value of Object.values(en))
    for (const form of value.split('|'))
      for (const piece of form.split(/\{[A-Za-z]+\}/)) {
        const text = piece.replace(/^[^A-Za-z]+|[^A-Za-z.]+$/g, '')
        if ((text.match(/[A-Za-z]/g) ?? []).length >= 2) found.add(text)
      }
  return [...found].sort()
}

/** The words and English source metadata the project itself writes: titles, publishers, names, the sources' section headings. */
async function contentText(): Promise<string> {
  const folder = path.join(example, 'evidence')
  const files = await readdir(folder)
  const texts = await Promise.all(files.map((file) => readFile(path.join(folder, file), 'utf8')))
  // Only the source's own metadata, never the excerpts (those are marked lang="en" and left out of the scan).
  return texts.flatMap((text) => text.split('\n').filter((line) => /^\s*(?:title|publisher|author|section):/.test(line)).map((line) => line.replace(/^\s*\w+:\s*/, ''))).join('\n')
}

/** What a reader sees in the HTML (text and accessible names), without styles and without elements in another language. */
function visibleText(tree: Root | Element): string {
  const parts: string[] = []
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'text') parts.push(node.value)
    if (node.type !== 'element' && node.type !== 'root') return
    if (node.type === 'element') {
      if (node.tagName === 'style' || node.tagName === 'script') return
      const lang = node.properties.lang
      if (typeof lang === 'string' && !lang.startsWith('ru')) return
      for (const name of ['ariaLabel', 'alt', 'title', 'content'] as const) {
        const value = node.properties[name]
        if (typeof value === 'string') parts.push(value)
      }
    }
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return parts.join(' ')
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scorecard-ru-'))
  await cp(example, dir, {recursive: true, filter: (source) => !source.includes(`${path.sep}out`)})
  const previous = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = epoch
  try {
    for (const out of ['a', 'b']) {
      const result = await build(dir, {cwd: dir, out, formats: ['html', 'json', 'pdf'], sources})
      expect(result.ok).toBe(true)
      expect(result.printWarnings).toEqual([])
      // Typeset as well as the English example: the layout audit finds nothing.
      expect(result.layout.map((finding) => `p. ${finding.page}: ${finding.reason}`)).toEqual([])
      for (const file of ['report.html', 'scorecard.json', 'report.pdf']) (bytes[file] ??= []).push(await readFile(path.join(dir, out, file)))
    }
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH
    else process.env.SOURCE_DATE_EPOCH = previous
  }
  html = bytes['report.html']![0]!.toString('utf8')
  pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a', 'report.pdf'), '-'], {encoding: 'utf8'}).replace(/\s+/gu, ' ')
}, 300_000)

describe('the Russian example', () => {
  it('is read by the layout audit’s fast reader as pdfjs reads it (Cyrillic text)', async () => {
    const pages = await expectScanMatchesPdfjs(new Uint8Array(bytes['report.pdf']![0]!))
    expect(pages.flatMap((page) => page.texts).some((text) => /[а-я]/u.test(text.text))).toBe(true)
  }, 60_000)

  it('checks clean, every excerpt verified in its original against the sources', async () => {
    const result = await check(dir, {cwd: dir, sources})
    expect(result.files.flatMap((file) => file.messages.map((m) => `${m.file}:${m.line} ${m.ruleId} ${m.reason}`))).toEqual([])
    expect(result.report?.verification?.verified.size).toBe(12)
    expect([...result.report!.verification!.verified.values()].every(Boolean)).toBe(true)
  })

  it('builds the same bytes twice (HTML, JSON, PDF)', () => {
    for (const [file, [first, second]] of Object.entries(bytes)) expect(first!.equals(second!), file).toBe(true)
  })

  it('shows no English string of the locale table in the HTML or the PDF, outside the quoted originals', async () => {
    const content = await contentText()
    const fragments = englishFragments()
    // Words of the table that the sources' own titles, publishers and headings contain are not the tool's labels.
    const pattern = (fragment: string) => new RegExp(`(?<![A-Za-z])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`)
    const inContent = fragments.filter((fragment) => pattern(fragment).test(content))
    expect(inContent).toEqual([])
    const scanned = fragments.filter((fragment) => !inContent.includes(fragment))
    expect(scanned.length).toBeGreaterThan(100)
    // The scan does find the English labels where they are.
    expect(scanned.filter((fragment) => pattern(fragment).test('Rating history; Cited by: 17 July 2010'))).toEqual(['Cited by', 'July', 'Rating history'])
    const text = visibleText(fromHtml(html))
    expect(scanned.filter((fragment) => pattern(fragment).test(text))).toEqual([])
    // The PDF has the originals too: only the table's labels are looked for, not words an English excerpt may hold.
    const originals = visibleTextOfOriginals(html)
    expect(scanned.filter((fragment) => pattern(fragment).test(pdfText) && !pattern(fragment).test(originals))).toEqual([])
    expect(pdfText).not.toMatch(/\bp\. \d/)
  })

  it('writes dates, plurals and quotation marks by the Russian table', () => {
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('По состоянию на <time datetime="2010-10-31">31 октября 2010 г.</time>')
    expect(html).toContain('октябрь 2010 г.')
    expect(html).toContain('<blockquote class="stated__quote"><p>«сделать ещё один шаг к вступлению в силу»</p></blockquote>')
    expect(html).toContain('Перевод авторов. Оригинал (английский):')
    expect(html).toContain('с. 6')
    expect(pdfText).toContain('Содержание')
    expect(pdfText).toContain('Приложение: материалы')
  })

  it('carries the Russian subject in the PDF, with the plural of four', () => {
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', path.join(dir, 'a', 'report.pdf')], {encoding: 'utf8'})
    expect(info).toMatch(/Subject:\s+Промежуточная оценка \(избранные приоритеты\): 4 заявленных приоритета, по состоянию на 31 октября 2010 г\./)
  })
})

/** The text of the quoted originals (elements marked with another language). */
function visibleTextOfOriginals(source: string): string {
  const parts: string[] = []
  const walk = (node: Root | RootContent, inside: boolean): void => {
    if (node.type === 'text' && inside) parts.push(node.value)
    if (node.type !== 'element' && node.type !== 'root') return
    const lang = node.type === 'element' ? node.properties.lang : undefined
    const here = inside || (typeof lang === 'string' && !lang.startsWith('ru'))
    for (const child of node.children) walk(child, here)
  }
  walk(fromHtml(source), false)
  return parts.join(' ').replace(/\s+/gu, ' ')
}
