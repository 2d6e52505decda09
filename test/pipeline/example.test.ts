/**
 * The bundled example is evidence, so it must be honest: every excerpt is a
 * verbatim quotation from one of the three source documents, with that
 * document's real title, publisher and date.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {check, type ScoredReport} from '../../src/index.js'
import {repoRoot} from '../helpers.js'

const sourcesDir = path.resolve(repoRoot, '..', 'shared', 'sources')
const haveSources = existsSync(sourcesDir)

/** What ../shared/sources/README.md says about each document. */
const documents = [
  {
    file: 'csis-2010-kazakhstan-osce-chairmanship-interim-report.txt',
    title: "Kazakhstan's OSCE Chairmanship 2010: Interim Report",
    publisher: /Center for Strategic and International Studies/,
    date: '2010-10',
  },
  {
    file: 'kazakhstan-2010-practical-approach-humanitarian-crisis-kyrgyzstan.txt',
    title: "Kazakhstan's Practical Approach to Alleviating Humanitarian Crisis in Kyrgyzstan",
    publisher: /^Government of Kazakhstan$/,
    date: '2010-07',
  },
  {
    file: 'rferl-2010-07-osce-stalls-on-police-mission-to-kyrgyzstan.txt',
    title: 'OSCE Stalls On Police Mission To Kyrgyzstan',
    publisher: /^Radio Free Europe\/Radio Liberty$/,
    date: '2010-07-17',
  },
]

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

let report: ScoredReport

beforeAll(async () => {
  const result = await check(repoRoot, {strict: true, cwd: repoRoot})
  // No error or warning; an info says "not verified" only where ../shared/sources is absent.
  expect(result.files.flatMap((file) => file.messages.filter((m) => m.fatal !== undefined).map(String))).toEqual([])
  const infos = result.files.flatMap((file) => file.messages.filter((m) => m.fatal === undefined))
  if (existsSync(path.join(repoRoot, '..', 'shared', 'sources'))) expect(infos.map(String)).toEqual([])
  else expect(infos.map((m) => m.ruleId)).toEqual(infos.map(() => 'source-not-verified'))
  expect(result.report).toBeDefined()
  report = result.report!
})

describe('bundled example: coverage', () => {
  it('has at least 16 priorities over all four dimension groups, and 40 excerpts', () => {
    expect(report.priorities.length).toBeGreaterThanOrEqual(16)
    expect(report.evidence.length).toBeGreaterThanOrEqual(40)
    expect(new Set(report.priorities.map((p) => p.dimension))).toEqual(new Set(report.config.dimensions.map((d) => d.id)))
  })

  it('covers the topics the chairmanship stated', () => {
    const ids = report.priorities.map((p) => p.id)
    for (const id of [
      'four-ts', 'astana-summit', 'european-security-dialogue', 'moldova', 'georgia', 'nagorno-karabakh', 'cfe-treaty',
      'vienna-document', 'afghanistan', 'kyrgyzstan-crisis', 'transnational-threats', 'transport-and-border-crossings',
      'energy-security', 'migration', 'water-management', 'odihr-and-elections', 'tolerance', 'media-freedom', 'gender',
    ])
      expect(ids).toContain(id)
  })

  it('cites at least two excerpts in every assessment', () => {
    for (const priority of report.priorities) {
      const cited = new Set(report.bodies.get(priority)!.citations.flatMap((c) => c.items.map((i) => i.id)))
      expect(cited.size, priority.id).toBeGreaterThanOrEqual(2)
    }
  })

  it('uses more than one rating', () => {
    expect(new Set(report.priorities.map((p) => p.status)).size).toBeGreaterThanOrEqual(3)
  })
})

describe.runIf(haveSources)('bundled example: quotations are verbatim (needs ../shared/sources)', () => {
  // Read lazily: the describe body runs even when the block is skipped.
  let texts = new Map<string, string>()
  beforeAll(() => {
    // A running head with a page number ("10 | kazakhstan's …", "janusz bugajski | 7") marks a page break, not the text:
    // an excerpt may run across it.
    const withoutRunningHeads = (text: string) => text.replace(/^[ \t]*(?:\d+ \| kazakhstan’s osce chairmanship 2010: interim report|janusz bugajski \| \d+)[ \t]*$/gm, '')
    // A compound hyphenated at a line end ("non-\nuse") keeps its hyphen and loses the break.
    const joinHyphens = (text: string) => text.replace(/(\p{L})-[ \t]*\n[ \t]*(\p{L})/gu, '$1-$2')
    texts = new Map(documents.map((doc) => [doc.title, collapse(joinHyphens(withoutRunningHeads(readFileSync(path.join(sourcesDir, doc.file), 'utf8'))))]))
  })

  it('attributes every excerpt to one of the three documents with its real metadata', () => {
    for (const evidence of report.evidence) {
      const doc = documents.find((d) => d.title === evidence.title)
      expect(doc, `${evidence.id}: unknown source title "${evidence.title}"`).toBeDefined()
      expect(evidence.publisher, evidence.id).toMatch(doc!.publisher)
      expect(evidence.date, evidence.id).toBe(doc!.date)
    }
  })

  it('quotes every excerpt word for word from its document, and keeps it short', () => {
    for (const evidence of report.evidence) {
      // "[sic]" is the editors' mark on a typo of the source, not the source's words.
      const body = collapse(evidence.source.body.replace(/\s*\[sic\]/g, ''))
      expect(texts.get(evidence.title)!.includes(body), `${evidence.id} is not verbatim`).toBe(true)
      expect(body.length, evidence.id).toBeLessThanOrEqual(900)
    }
  })

  it('quotes every stated commitment word for word from its cited excerpt', () => {
    const byId = new Map(report.evidence.map((e) => [e.id, e]))
    for (const priority of report.priorities) {
      expect(priority.stated, priority.id).toBeDefined()
      const excerpt = byId.get(priority.stated!.cite)!
      expect(collapse(excerpt.source.body).includes(collapse(priority.stated!.quote)), priority.id).toBe(true)
    }
  })
})

describe('bundled example: whose words', () => {
  it("shows as the chairmanship's own words only direct speech or statements of those officeHolder lists", () => {
    expect(report.config.officeHolder).toEqual({
      name: "Kazakhstan's 2010 OSCE Chairmanship",
      speakers: ['Kanat Saudabayev', 'Nursultan Nazarbayev', "Kazakhstan's OSCE chairmanship", 'Government of Kazakhstan'],
    })
    const byId = new Map(report.evidence.map((e) => [e.id, e]))
    // Each checked against ../shared/sources: the CSIS report quotes these speakers in quotation marks
    // ("The Kazakhstan chairmanship stated it was “…”", "It stressed … “…”", "the Kazakh government said it
    // would “…”"), and the Kyrgyzstan paper is the Government of Kazakhstan's own.
    const own = report.priorities
      .filter((p) => p.stated?.words === 'own')
      .map((p) => {
        const cited = byId.get(p.stated!.cite)!
        return [p.id, cited.voice, cited.voice === 'direct' ? cited.speaker : `${cited.type} by ${cited.publisher}`]
      })
    expect(own).toEqual(
      expect.arrayContaining([
        ['afghanistan', 'direct', 'Nursultan Nazarbayev, President of Kazakhstan'],
        ['cfe-treaty', 'direct', 'Kanat Saudabayev, Kazakh foreign minister and OSCE Chairman-in-Office'],
        ['vienna-document', 'direct', 'Kanat Saudabayev, Kazakh foreign minister and OSCE Chairman-in-Office'],
        ['georgia', 'direct', 'Kazakhstan’s OSCE chairmanship'],
        ['georgia-breakaway-regions', 'direct', 'Kazakhstan’s OSCE chairmanship'],
        ['moldova', 'direct', 'Government of Kazakhstan (chairmanship programme)'],
        ['kyrgyzstan-crisis', 'narrative', 'official-statement by Government of Kazakhstan'],
      ]),
    )
    expect(own).toHaveLength(7)
  })
})
