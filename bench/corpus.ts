/**
 * A deterministic, seeded generator of synthetic Scorecard projects for the
 * benchmark: N priorities with 10·N evidence excerpts, shaped like the bundled
 * example (body lengths, citations per priority, front matter, histories,
 * sources shared by many excerpts), so that timings on it say something about
 * real reports.
 *
 * Same options and seed, same bytes: nothing here reads the clock, the file
 * system or `Math.random`.
 */
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Number of priorities. */
  priorities: number
  /** Evidence excerpts per priority. Default 10. */
  evidencePerPriority?: number
  /** PRNG seed. Default 2010. */
  seed?: number
}

/** A generated project: file contents by POSIX path relative to the project root. */
export interface Corpus {
  files: Map<string, string>
  priorities: number
  evidence: number
  /** Bytes of Markdown body text (front matter excluded), the input of the bare-unified baseline. */
  markdownBytes: number
  /** Path (relative) of one priority, for edit benchmarks. */
  samplePriority: string
}

/*
 * Distributions measured on the bundled example (priorities/, evidence/,
 * report/ at the repository root, October 2010 edition): body length in
 * characters after the front matter, and bracketed citations per priority.
 * They are fixed here rather than re-measured at run time so that figures
 * stay comparable when the example's wording changes.
 */
const priorityBodyLengths = [1158, 1177, 1230, 1244, 1255, 1293, 1338, 1356, 1382, 1384, 1389, 1398, 1406, 1424, 1499, 1529, 1538, 1566, 1905]
const priorityCitations = [4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 8, 14]
const evidenceBodyLengths = [
  57, 88, 92, 101, 108, 109, 110, 113, 115, 116, 120, 126, 135, 145, 147, 156, 156, 166, 172, 172, 173, 173, 176, 181, 182, 187, 187, 189, 190, 192,
  193, 197, 198, 199, 201, 202, 203, 207, 211, 215, 217, 217, 222, 223, 231, 231, 231, 232, 232, 233, 234, 249, 249, 252, 253, 254, 260, 261, 267,
  267, 267, 267, 278, 281, 282, 283, 293, 301, 307, 309, 310, 316, 316, 316, 317, 322, 322, 323, 325, 328, 331, 331, 333, 339, 341, 342, 343, 345,
  353, 356, 356, 358, 361, 363, 385, 401, 419, 420, 428, 430, 460, 476, 512, 530, 530, 546, 549, 566, 604,
]
const proseBodyLengths = [2040, 2116, 3041]
/** 3 of 19 priorities have a history; 1 of 19 lists extra evidence; about one evidence file in 6 names a speaker. */
const historyShare = 3 / 19
const extraEvidenceShare = 1 / 19
const speakerShare = 19 / 109

const words = (
  'the chair of participating states security cooperation dialogue commitment mission summit assessment conflict ' +
  'settlement border water energy transport migration tolerance media freedom elections observation reform progress ' +
  'agreement negotiations ministers council forum office representative proposal initiative framework regional ' +
  'stability confidence measures treaty document review implementation support funding delegation report ' +
  'government parliament police advisory group crisis violence refugees assistance recovery monitoring mandate ' +
  'consensus declaration principles trust transparency tradition tolerance human rights dimension economic ' +
  'environmental politico-military cross-cutting process platform meeting conference envoy talks format ' +
  'in on to and for with by from as at within without between under across over toward against'
).split(' ')
const titleWords = (
  'Border Water Energy Transport Migration Tolerance Media Elections Security Dialogue Reform Summit Treaty ' +
  'Cooperation Confidence Police Mission Gender Rights Freedom Corridors Trafficking Narcotics Terrorism Environment ' +
  'Governance Education Minorities Observation Mediation Settlement Architecture Transparency'
).split(' ')
const publishers = [
  'Center for Strategic and International Studies (CSIS)',
  'Government of Kazakhstan',
  'Radio Free Europe/Radio Liberty',
  'OSCE Secretariat',
  'International Crisis Group',
  'Office for Democratic Institutions and Human Rights',
]
const authors = ['Janusz Bugajski', 'Margarita Assenova', 'Bruce Pannier', 'Daniel Witt', 'Aigerim Seitkali', 'Pavel Baev']
const types = ['analysis', 'analysis', 'analysis', 'official-statement', 'news']
const scale = [
  {id: 'achieved', label: 'Achieved', symbol: '✔', color: '#1e6b3a', description: 'The commitment was delivered in substance.'},
  {id: 'progressing', label: 'Progressing', symbol: '▲', color: '#1f5f99', description: 'Concrete steps were taken and the outcome is within reach.'},
  {id: 'limited', label: 'Limited progress', symbol: '◆', color: '#8a6100', description: 'Some activity, but little change in substance.'},
  {id: 'stalled', label: 'Stalled', symbol: '■', color: '#9c3d10', description: 'No meaningful movement during the period.'},
  {id: 'setback', label: 'Setback', symbol: '▼', color: '#8b1a1a', description: 'The situation moved away from the commitment.'},
]
const asOf = '2010-10-31'

/** sfc32: small, fast and good enough; seeded through splitmix32. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

/** Generate a project in memory. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const random = createRandom(options.seed ?? 2010)
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const chance = (p: number): boolean => random() < p
  /** A length from an empirical distribution, jittered by ±10%. */
  const sampleLength = (lengths: readonly number[]): number => Math.round(pick(lengths) * (0.9 + random() * 0.2))
  const pad = (n: number, width: number): string => String(n).padStart(width, '0')

  const sentence = (min = 8, max = 24): string => {
    const count = int(min, max)
    const parts: string[] = []
    for (let i = 0; i < count; i++) {
      let word = pick(words)
      if (i > 2 && i < count - 1 && chance(0.015)) word = `**${word}**`
      else if (i > 2 && i < count - 1 && chance(0.01)) word = `*${word}*`
      parts.push(word)
    }
    const text = parts.join(' ')
    return text.charAt(0).toUpperCase() + text.slice(1)
  }
  const plainSentence = (): string => sentence(8, 24).replace(/\*/g, '')
  const slugWords = (count: number): string => Array.from({length: count}, () => pick(titleWords).toLowerCase()).join('-')

  const dimensionCount = options.priorities <= 100 ? 4 : 8
  const dimensions = Array.from({length: dimensionCount}, (_, index) => ({
    id: `dimension-${index + 1}`,
    title: `${pick(titleWords)} and ${pick(titleWords)} Dimension`,
  }))

  const files = new Map<string, string>()
  let markdownBytes = 0
  const addFile = (name: string, frontMatter: string, body: string): void => {
    files.set(name, `---\n${frontMatter}---\n${body}`)
    markdownBytes += Buffer.byteLength(body)
  }

  // Source documents: each shared by about 25 excerpts, as the CSIS report is in the example.
  const perPriority = options.evidencePerPriority ?? 10
  const evidenceCount = options.priorities * perPriority
  const documents = Array.from({length: Math.max(3, Math.ceil(evidenceCount / 25))}, (_, index) => {
    const month = int(1, 10)
    const date = chance(0.4) ? `2010-${pad(month, 2)}` : `2010-${pad(month, 2)}-${pad(int(1, 28), 2)}`
    return {
      title: `${pick(titleWords)} ${pick(titleWords)} in ${2009 + int(0, 1)}: ${pick(['Interim Report', 'Briefing', 'Statement', 'Review', 'Analysis'])} ${index + 1}`,
      publisher: pick(publishers),
      author: chance(0.83) ? pick(authors) : undefined,
      date,
      type: pick(types),
      url: chance(0.2) ? `https://example.org/reports/${index + 1}` : undefined,
      note: chance(0.9) ? plainSentence() + '.' : undefined,
      pages: int(20, 140),
    }
  })

  interface EvidenceItem {
    id: string
    excerpt: string
    /** The date of its document. */
    date: string
  }
  const evidence: EvidenceItem[] = []
  /** Each excerpt's page locator, if it has one. */
  const pages = new Map<string, number | undefined>()
  for (let index = 0; index < evidenceCount; index++) {
    const id = `ev-${pad(index + 1, 6)}-${slugWords(2)}`
    const target = sampleLength(evidenceBodyLengths)
    const sentences: string[] = []
    let length = 0
    while (length < target) {
      const next = plainSentence() + '.'
      sentences.push(next)
      length += next.length + 1
    }
    const quotedSpeech = chance(0.3)
    const excerpt = quotedSpeech ? `${sentences[0]} “${sentences.slice(1).join(' ') || sentences[0]}”` : sentences.join(' ')
    const document = pick(documents)
    const page = chance(0.94) ? int(1, document.pages) : undefined
    pages.set(id, page)
    const lines = [
      `id: ${id}`,
      `title: ${yamlString(document.title)}`,
      `publisher: ${yamlString(document.publisher)}`,
      ...(document.author ? [`author: ${document.author}`] : []),
      `date: ${document.date}`,
      ...(document.url ? [`url: ${document.url}`] : []),
      `type: ${document.type}`,
      ...(page === undefined ? [] : [`locator: p. ${page}`]),
      ...(chance(speakerShare) ? [`speaker: ${yamlString(`${pick(authors)}, ${pick(['Foreign Minister', 'Special Envoy', 'Chairman-in-Office', 'Secretary General'])}`)}`, ...(chance(0.8) ? ['spokenOn: 2010'] : [])] : []),
      ...(document.note ? [`note: ${yamlString(document.note)}`] : []),
    ]
    addFile(`evidence/${id}.md`, lines.join('\n') + '\n', excerpt + '\n')
    evidence.push({id, excerpt: sentences[0]!.slice(0, -1), date: document.date})
  }

  /** One bracketed citation: `[@a]`, `[@a, p. 7]`, `[see @a; @b]`. */
  const citation = (ids: readonly string[]): string =>
    `[${ids
      .map((id, index) => {
        const prefix = index === 0 && chance(0.05) ? 'see ' : ''
        // A prose locator must be one the excerpt's own supports (citation-locator-mismatch).
        const page = pages.get(id)
        const locator = chance(0.25) && page !== undefined ? `, p. ${page}` : ''
        return `${prefix}@${id}${locator}`
      })
      .join('; ')}]`

  let samplePriority = ''
  for (let index = 0; index < options.priorities; index++) {
    const own = evidence.slice(index * perPriority, (index + 1) * perPriority)
    const title = Array.from({length: int(2, 6)}, () => pick(titleWords)).join(' ')
    const id = `p-${pad(index + 1, 5)}-${slugWords(2)}`
    const status = pick(scale).id
    const stated = own[0]!

    // Every excerpt the priority owns is cited once (the stated one too, as in
    // the example), spread over a number of brackets from the example's
    // distribution; a few brackets also cite another priority's excerpt, so
    // that "cited by" lists have more than one entry.
    const bracketCount = Math.min(own.length, pick(priorityCitations))
    const groups: string[][] = Array.from({length: bracketCount}, () => [])
    own.forEach((item, position) => groups[position < bracketCount ? position : int(0, bracketCount - 1)]!.push(item.id))
    for (const group of groups) if (chance(0.15) && evidence.length > own.length) group.push(pick(evidence).id)

    const target = sampleLength(priorityBodyLengths)
    const paragraphs: string[] = []
    let paragraph: string[] = []
    let length = 0
    let bracket = 0
    const perSentence = Math.max(1, Math.round(target / 160 / bracketCount))
    let sentenceIndex = 0
    while (length < target || bracket < groups.length) {
      let text = sentence()
      if (bracket < groups.length && sentenceIndex % perSentence === 0) text += ` ${citation([...new Set(groups[bracket++]!)])}`
      text += '.'
      sentenceIndex++
      paragraph.push(text)
      length += text.length + 1
      if (paragraph.length >= int(3, 5)) {
        paragraphs.push(paragraph.join(' '))
        paragraph = []
      }
    }
    if (paragraph.length > 0) paragraphs.push(paragraph.join(' '))
    if (chance(0.08)) paragraphs.splice(1, 0, Array.from({length: int(2, 4)}, () => `- ${plainSentence()}`).join('\n'))
    if (chance(0.05)) paragraphs.splice(paragraphs.length - 1, 0, `### ${pick(titleWords)} outlook`)
    paragraphs.push(`The rating is **${scale.find((entry) => entry.id === status)!.label.toLowerCase()}**.`)

    const lines = [
      `id: ${id}`,
      `title: ${yamlString(title)}`,
      `dimension: ${pick(dimensions).id}`,
      `status: ${status}`,
      'stated:',
      `  quote: ${yamlString(stated.excerpt)}`,
      `  cite: ${stated.id}`,
      // The corpus marks no excerpt as direct speech, so a stated commitment is
      // a summary (stated-not-own-words); a warning on the sample priority would
      // send the preview bench's edit down the full-rebuild path.
      '  words: summary',
    ]
    if (chance(extraEvidenceShare)) lines.push('evidence:', `  - ${pick(evidence).id}`)
    if (chance(0.5)) lines.push(`order: ${int(1, 40)}`)
    if (chance(historyShare)) {
      // Each rating is dated when the excerpt it cites was published (rating-without-evidence),
      // one a month so that reduced-precision dates never tie.
      const byMonth = new Map<string, EvidenceItem>()
      for (let n = int(2, 4); n > 0; n--) {
        const cited = pick(own)
        byMonth.set(cited.date.slice(0, 7), cited)
      }
      const entries = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b))
      lines.push('history:')
      entries.forEach(([, cited], position) => {
        const last = position === entries.length - 1
        lines.push(
          `  - date: ${cited.date}`,
          `    status: ${last ? status : pick(scale).id}`,
          `    note: ${yamlString(plainSentence() + '.')}`,
          '    evidence:',
          `      - ${cited.id}`,
        )
      })
    }
    const name = `priorities/${id}.md`
    if (index === 0) samplePriority = name
    addFile(name, lines.join('\n') + '\n', paragraphs.join('\n\n') + '\n')
  }

  const prose = (title: string, cite: boolean): [string, string] => {
    const target = sampleLength(proseBodyLengths)
    const paragraphs: string[] = []
    let length = 0
    while (length < target) {
      const text = Array.from({length: int(3, 5)}, () => sentence() + (cite && chance(0.3) ? ` ${citation([pick(evidence).id])}` : '') + '.').join(' ')
      paragraphs.push(text)
      length += text.length + 2
    }
    return [`title: ${yamlString(title)}\n`, paragraphs.join('\n\n') + '\n']
  }
  addFile('report/executive-summary.md', ...prose('Executive Summary', true))
  addFile('report/challenges-ahead.md', ...prose('Challenges Ahead', true))
  addFile('report/about-this-assessment.md', ...prose('About This Assessment', false))

  const config = [
    '# Generated by bench/corpus.ts: a synthetic project for benchmarks.',
    `title: "Synthetic Chairmanship ${options.priorities}"`,
    'subtitle: Interim Assessment',
    'authors:',
    '  - name: Scorecard benchmark',
    'publisher: Scorecard',
    `asOf: ${asOf}`,
    'period:',
    '  start: 2010-01-01',
    '  end: 2010-12-31',
    'lang: en',
    'summary: report/executive-summary.md',
    'closing:',
    '  - report/challenges-ahead.md',
    '  - report/about-this-assessment.md',
    'dimensions:',
    ...dimensions.flatMap((dimension) => [`  - id: ${dimension.id}`, `    title: ${yamlString(dimension.title)}`]),
    'scale:',
    ...scale.flatMap((entry) => [
      `  - id: ${entry.id}`,
      `    label: ${entry.label}`,
      `    symbol: "${entry.symbol}"`,
      `    color: "${entry.color}"`,
      `    description: ${entry.description}`,
    ]),
    'editions:',
    '  - id: mid-year',
    '    title: Mid-Year Review',
    '    asOf: 2010-07-31',
    '  - id: interim',
    '    title: Interim Assessment',
    `    asOf: ${asOf}`,
  ]
  files.set('scorecard.yml', config.join('\n') + '\n')

  return {files, priorities: options.priorities, evidence: evidenceCount, markdownBytes, samplePriority}
}

/** Write a generated project into `dir` (emptied first). */
export async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  await rm(dir, {recursive: true, force: true})
  for (const folder of ['priorities', 'evidence', 'report']) await mkdir(path.join(dir, folder), {recursive: true})
  const entries = [...corpus.files]
  // Bounded concurrency: 55 000 files at once would exhaust file descriptors.
  for (let start = 0; start < entries.length; start += 256)
    await Promise.all(entries.slice(start, start + 256).map(([name, text]) => writeFile(path.join(dir, name), text)))
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function yamlString(text: string): string {
  return JSON.stringify(text)
}
