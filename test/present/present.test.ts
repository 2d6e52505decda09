/**
 * The present stage: the bundled example as one ReportView, read by every output.
 */
import type {Element} from 'hast'
import {selectAll} from 'hast-util-select'
import {beforeAll, describe, expect, it} from 'vitest'
import {noteRefClass, priorityAnchor} from '../../src/core/dom-contract.js'
import type {ScoredReport} from '../../src/core/model.js'
import {sourceKey} from '../../src/core/source-key.js'
import type {ReportView} from '../../src/core/view.js'
import {check} from '../../src/pipeline/index.js'
import {movementPhrase, presentReport, quoted} from '../../src/present/index.js'
import {repoRoot} from '../helpers.js'

let report: ScoredReport
let view: ReportView
let midYear: ReportView
let midYearReport: ScoredReport
beforeAll(async () => {
  report = (await check(repoRoot, {cwd: repoRoot})).report!
  view = presentReport(report)
  midYearReport = (await check(repoRoot, {cwd: repoRoot, edition: 'mid-year'})).report!
  midYear = presentReport(midYearReport)
}, 60_000)

describe('presentReport', () => {
  it('builds the title line once, for the layout and the PDF', () => {
    expect(view.subtitle).toBe('Interim Assessment')
    // Shown typeset (issue 15): the curly apostrophe of the prose; the data keeps the title as written.
    expect(view.fullTitle).toBe('Kazakhstan’s OSCE Chairmanship 2010: Interim Assessment')
    expect(view.title).toBe('Kazakhstan’s OSCE Chairmanship 2010')
    expect(view.asWritten).toEqual({title: report.config.title, subtitle: 'Interim Assessment', shortTitle: report.config.shortTitle})
    expect(report.config.title).toBe("Kazakhstan's OSCE Chairmanship 2010")
    expect(view.pdf.title).toBe(view.fullTitle)
    expect(view.pdf.subject).toBe(`Interim Assessment of ${report.priorities.length} stated priorities, as of ${view.asOfDisplay}`)
    expect(midYear.fullTitle).toBe('Kazakhstan’s OSCE Chairmanship 2010: Mid-Year Review')
  })

  it('lists priorities in report order, the same objects as in the chapters', () => {
    expect(view.priorities.map((item) => item.id)).toEqual(report.ordered.map((item) => item.id))
    const inChapters = view.chapters.flatMap((chapter) => (chapter.kind === 'dimension' ? chapter.priorities : []))
    expect(inChapters).toHaveLength(view.priorities.length)
    inChapters.forEach((item, index) => expect(item).toBe(view.priorities[index]))
    for (const item of view.priorities) expect(item.anchor).toBe(priorityAnchor(item.id))
  })

  it('gives each body as hast, with the citation behind every note reference', () => {
    let references = 0
    for (const item of view.priorities) {
      const refs = selectAll(`sup.${noteRefClass}`, item.body.hast)
      expect(refs).toHaveLength(item.body.referenced.length)
      references += refs.length
      for (const citation of item.body.referenced) for (const {id} of citation.items) expect(item.evidence).toContain(id)
    }
    expect(references).toBeGreaterThan(10)
  })

  it('numbers each chapter’s notes 1, 2, 3… and every reference points at one of them', () => {
    for (const chapter of view.chapters) {
      if (chapter.kind !== 'dimension') continue
      const notes = chapter.notes ?? []
      expect(notes.map((note) => note.number)).toEqual(notes.map((_, index) => index + 1))
      const ids = new Set(notes.map((note) => note.id))
      for (const item of chapter.priorities) {
        for (const ref of selectAll(`sup.${noteRefClass} > a`, item.body.hast)) expect(ids.has(String((ref as Element).properties.href).slice(1))).toBe(true)
        if (item.stated?.note) expect(ids.has(item.stated.note.id)).toBe(true)
        for (const entry of item.history) if (entry.ref) expect(ids.has(entry.ref.id)).toBe(true)
      }
    }
  })

  it('gives each source in full on its first note in a chapter and short after, and never names one source twice in a note', () => {
    let again = 0
    for (const chapter of view.chapters) {
      const seen = new Set<string>()
      for (const note of chapter.notes ?? []) {
        note.items.forEach((item, index) => {
          const key = sourceKey(view.evidence.find((entry) => entry.anchor === item.anchor)!)
          const previous = note.items[index - 1]
          const previousKey = previous && sourceKey(view.evidence.find((entry) => entry.anchor === previous.anchor)!)
          // The same source right after itself in a note: only its locator, never the source a second time.
          expect(item.again).toBe(previousKey === key)
          if (item.again) again++
          else expect(item.full).toBe(!seen.has(key))
          seen.add(key)
        })
      }
    }
    expect(again).toBeGreaterThan(0)
  })

  it('writes source types as words', () => {
    expect(view.appendix.groups.map((group) => group.typeLabel).sort()).toEqual(['Analysis', 'News', 'Official statement'])
  })

  it('leaves out evidence after the as-of date everywhere, once', () => {
    const excluded = new Set(midYear.excludedEvidence)
    expect(excluded.size).toBeGreaterThan(0)
    expect(midYear.excludedEvidence).toEqual([...midYearReport.excludedEvidence].sort())
    expect(midYear.evidence.some((item) => excluded.has(item.id))).toBe(false)
    for (const item of midYear.priorities) {
      expect(item.evidence.filter((id) => excluded.has(id))).toEqual([])
      for (const entry of item.history) expect(entry.evidence.filter((id) => excluded.has(id))).toEqual([])
      for (const citation of item.body.referenced) expect(citation.items.filter(({id}) => excluded.has(id))).toEqual([])
    }
    // The full edition shows them.
    expect(view.evidence.filter((item) => excluded.has(item.id))).toHaveLength(excluded.size)
  })

  it('groups the appendix by source document, one group per source key', () => {
    const keys = view.appendix.groups.map((group) => group.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const group of view.appendix.groups) for (const item of group.items) expect(sourceKey(item)).toBe(group.key)
    expect(view.appendix.groups.flatMap((group) => group.items)).toEqual(view.evidence)
    expect(view.evidence.map((item) => item.label)).toEqual(view.evidence.map((_, index) => `E${index + 1}`))
  })

  it('labels statuses and movement in one vocabulary', () => {
    const labels = new Map(report.config.scale.map((entry) => [entry.id, entry.label]))
    for (const item of view.priorities) {
      expect(item.status.label).toBe(item.statusId === undefined ? 'Not yet rated' : labels.get(item.statusId))
      if (item.stated) expect(item.stated.quoted).toBe(quoted(item.stated.quote))
      if (!item.change) continue
      expect(item.movement?.kind).toBe(item.change.movement)
      expect(item.movement?.since).toBe('Mid-Year Review')
    }
    const moved = view.priorities.filter((item) => item.change)
    expect(moved.length).toBeGreaterThan(0)
    expect(view.changes?.total).toBe(moved.length)
    for (const group of view.changes!.groups) for (const entry of group.items) expect(view.priorities.find((item) => item.anchor === entry.anchor)?.change?.movement).toBe(group.kind)
    // The words diff uses are the same phrase: `Up 1 step from Limited progress` is `up 1 step`, capitalised.
    for (const item of moved) expect(item.movement!.text.toLowerCase().startsWith(movementPhrase(item.change!).toLowerCase())).toBe(true)
    expect(movementPhrase({movement: 'down', steps: 2})).toBe('down 2 steps')
    expect(movementPhrase({movement: 'new', steps: 0})).toBe('newly rated')
    // The "What changed" table and the chart list the same kinds, in one order, with the view's counts.
    expect(view.changes!.kinds.map((entry) => `${entry.symbol} ${entry.title}`)).toEqual(['▲ Moved up', '= Unchanged', '▼ Moved down', '+ Newly rated'])
    for (const entry of view.changes!.kinds) expect(entry.count).toBe(view.changes!.counts[entry.kind])
  })

  it('keeps an evidence catalogue of every excerpt shown as of the date, cited or not', () => {
    const shown = report.evidence.filter((item) => !report.excludedEvidence.has(item.id)).map((item) => item.id)
    expect(view.evidence.map((item) => item.id).sort()).toEqual([...shown].sort())
    const midYearShown = midYearReport.evidence.filter((item) => !midYearReport.excludedEvidence.has(item.id)).map((item) => item.id)
    expect(midYear.evidence.map((item) => item.id).sort()).toEqual([...midYearShown].sort())
    for (const item of view.evidence) expect(item.excerpt.length).toBeGreaterThan(0)
  })

  it('gives what diff compares: the file, order and Markdown as written, the prose files, scorecard.yml as written', () => {
    for (const item of view.priorities) {
      const priority = report.priorities.find((one) => one.id === item.id)!
      expect(item.file).toBe(`priorities/${item.id}.md`)
      expect(item.order).toBe(priority.order)
      expect(item.markdown).toBe(priority.source.body.trim())
    }
    // The mid-year edition shows the snapshot's text, but the Markdown is the file's.
    const afghanistan = midYear.priorities.find((item) => item.id === 'afghanistan')!
    expect(afghanistan.markdown).toBe(view.priorities.find((item) => item.id === 'afghanistan')!.markdown)
    const prose = view.chapters.flatMap((chapter) => (chapter.kind === 'summary' || chapter.kind === 'closing') && chapter.source ? [chapter.source.file] : [])
    expect(prose.sort()).toEqual(['report/about-this-assessment.md', 'report/executive-summary.md', 'report/major-challenges-ahead.md'])
    // The view's subtitle and as-of date are the edition's; settings are scorecard.yml's.
    expect(midYear.subtitle).toBe('Mid-Year Review')
    expect(midYear.asOf).toBe('2010-07-31')
    expect(midYear.settings).toEqual({subtitle: 'Interim Assessment', shortTitle: report.config.shortTitle, asOf: '2010-10-31', pageSize: report.config.pageSize})
  })

  it('gives the same view of the same report twice', () => {
    const again = presentReport(report)
    expect(JSON.stringify(again)).toBe(JSON.stringify(view))
  })
})
