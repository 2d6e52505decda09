/**
 * One home for shared checks: the date checks, `statusAt`, the source key and
 * the path normaliser live in core/, and nothing in src/ writes its own copy.
 */
import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {dateBounds, isFullDate, isIsoDate, statusAt} from '../../src/core/dates.js'
import {toPosixPath} from '../../src/core/paths.js'
import {sourceKey} from '../../src/core/source-key.js'
import {repoRoot} from '../helpers.js'

describe('dates', () => {
  it('accepts real dates of any precision, and only real full dates as full', () => {
    expect(['2010', '2010-07', '2010-07-17', '2012-02-29'].map(isIsoDate)).toEqual([true, true, true, true])
    expect(['2010-13', '2010-02-30', '2011-02-29', '10-07-17', '2010-7-17', ''].map(isIsoDate)).toEqual([false, false, false, false, false, false])
    expect(['2010-07-17', '2012-02-29'].map(isFullDate)).toEqual([true, true])
    expect(['2010', '2010-07', '2010-02-30', '2010-07-17T00:00'].map(isFullDate)).toEqual([false, false, false, false])
    expect(dateBounds('2010-02')).toEqual({start: '2010-02-01', end: '2010-02-28'})
  })

  it('statusAt gives the latest entry on or before the day; reduced precision counts from its first day', () => {
    const history = [
      {date: '2010-01', status: 'stalled'},
      {date: '2010-06-15', status: 'progressing'},
      {date: '2010', status: 'ignored: a year starts before the others but is listed last'},
    ]
    expect(statusAt(history.slice(0, 2), '2009-12-31')).toBeUndefined()
    expect(statusAt(history.slice(0, 2), '2010-01-01')).toBe('stalled')
    expect(statusAt(history.slice(0, 2), '2010-06-14')).toBe('stalled')
    expect(statusAt(history.slice(0, 2), '2010-06-15')).toBe('progressing')
    // Entries are taken in order (validate reports any that are not oldest first).
    expect(statusAt(history, '2010-07-01')).toBe(history[2]!.status)
  })
})

describe('source key and paths', () => {
  it('source key: same document, same key; sorting by it sorts by date first', () => {
    const a = {date: '2010-07', title: 'Report', publisher: 'OSCE'}
    expect(sourceKey(a)).toBe(sourceKey({...a}))
    expect(sourceKey(a)).not.toBe(sourceKey({...a, publisher: 'OSCE PA'}))
    // NUL separators: fields cannot run into each other.
    expect(sourceKey({date: '2010', title: 'a b', publisher: 'c'})).not.toBe(sourceKey({date: '2010', title: 'a', publisher: 'b c'}))
    expect([sourceKey({...a, date: '2010-08', title: 'A'}), sourceKey(a)].sort()).toEqual([sourceKey(a), sourceKey({...a, date: '2010-08', title: 'A'})])
  })

  it('paths: platform separators become /', () => {
    expect(toPosixPath(['priorities', 'media.md'].join(path.sep))).toBe('priorities/media.md')
  })

  it('nothing in src/ writes its own copy of them', async () => {
    const entries = await readdir(path.join(repoRoot, 'src'), {withFileTypes: true, recursive: true})
    const copies: string[] = []
    const patterns: [string, RegExp][] = [
      ['core/dates.ts', /\\d\{4\}-\\d\{2\}-\\d\{2\}|function (?:isIsoDate|isFullDate|statusAt|dateBounds)\b/],
      ['core/paths.ts', /split\((?:path\.)?sep\)\.join\('\/'\)/],
      ['core/source-key.ts', /\$\{[\w.]*\b(?:date|title|publisher)\}\\u0000\$\{[\w.]*\b(?:date|title|publisher)\}/],
    ]
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.ts'))) {
      const file = path.relative(path.join(repoRoot, 'src'), path.join(entry.parentPath, entry.name))
      const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8')
      for (const [home, pattern] of patterns) if (file !== home && pattern.test(text)) copies.push(`${file}: ${pattern.source}`)
    }
    expect(copies).toEqual([])
  })
})
