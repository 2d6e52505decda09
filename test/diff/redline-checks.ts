/**
 * Structural checks of the redline page made from the fixture pair, shared
 * by the library and the binary tests.
 */
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toString as hastToString} from 'hast-util-to-string'
import {expect} from 'vitest'

/** Structural checks of the redline page. */
export function checkRedline(html: string): void {
  const tree = fromHtml(html)
  expect(select('html', tree)?.properties.lang).toBe('en')
  expect(select('script', tree)).toBeUndefined()
  expect(select('link', tree)).toBeUndefined()
  expect(select('meta[http-equiv="Content-Security-Policy"]', tree)?.properties.content).toContain("default-src 'none'")
  expect(hastToString(select('h1', tree)!)).toBe('Changes to Test Programme')
  // Screen readers are told where changes start and end.
  expect(html).toMatch(/ins::before\{content:" \[insertion start\] "\}/)
  expect(html).toMatch(/del::before\{content:" \[deletion start\] "\}/)

  // The edited quotation comes first, loudly.
  const alert = select('section.alert', tree)!
  expect(hastToString(select('h2', alert)!)).toBe('Edited quotation')
  expect(selectAll('ins', alert).map(hastToString)).toEqual(['Astana'])

  const articles = selectAll('article.priority', tree)
  expect(articles.map((node) => node.properties.id)).toEqual([
    'priority-removed-elections',
    'priority-media',
    'priority-tolerance-and-non-discrimination',
    'priority-vienna-document',
    'priority-water',
  ])
  const vienna = select('#priority-vienna-document', tree) as Element
  // The rendered assessment, word by word: deleted words are kept inside <del>.
  const assessment = select('.assessment', vienna)!
  expect(selectAll('del', assessment).map(hastToString)).toContain('moved forward')
  expect(selectAll('ins', assessment).map(hastToString)).toContain('concluded')
  // Endnote numbers depend on the whole chapter; the redline shows the evidence cited instead.
  expect(selectAll('sup.cite', assessment).map(hastToString)).toContain('[analysis-2010-10, p. 7]')
  expect(select('a[role="doc-noteref"]', assessment)).toBeUndefined()
  // Status: both badges, with the direction in words (not colour alone).
  const status = hastToString(select('.status-line', vienna)!)
  expect(status).toContain('Progressing')
  expect(status).toContain('Achieved')
  expect(status).toContain('(up 1 step)')
  // An added priority is one insertion; a removed one one deletion.
  expect(select('#priority-water .assessment > ins.block', tree)).toBeDefined()
  expect(select('#priority-removed-elections .assessment > del.block', tree)).toBeDefined()
  // Unchanged priorities are not shown.
  expect(html).not.toContain('Gender equality')
}

