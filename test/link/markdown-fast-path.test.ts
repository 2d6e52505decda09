/**
 * The plain-paragraph fast path (src/link/markdown-fast-path.ts) must give exactly the tree remark gives
 * (positions and key order included), or decline.
 */
import fc from 'fast-check'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {loadProject} from '../../src/load/index.js'
import {VFile} from 'vfile'
import {generateCorpus} from '../../bench/corpus.js'
import {parsePlainParagraphs, parseSimpleProse, plainParagraphsHtml} from '../../src/link/markdown-fast-path.js'
import {remarkCitations} from '../../src/link/remark-citations.js'
import {sanitizeSchema} from '../../src/render/index.js'
import {repoRoot} from '../helpers.js'

/** The property tests' seed: fixed, so that CI gives the same verdict on the same code; FC_SEED=<n> explores others. */
const seed = Number(process.env.FC_SEED ?? 20261207)
const remark = unified().use(remarkParse).use(remarkGfm).freeze()
const parse = (body: string): string => JSON.stringify(remark.runSync(remark.parse(body)))
// The render stage's pipeline; its own plugins do nothing to paragraphs of text.
const toHtml = unified().use(remarkRehype, {allowDangerousHtml: true}).use(rehypeRaw).use(rehypeSanitize, sanitizeSchema).use(rehypeStringify).freeze()
const render = (body: string): string => toHtml.stringify(toHtml.runSync(remark.parse(body)))

/** Words and separators, many of them Markdown syntax, in lines and blank lines. */
const piece = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom('word', 'Vienna', 'OSCE', '2010', 'Қазақстан', 'Lajčák', '“quoted”', '(aside)', 'p. 7', '5%', '€3', 'a/b', 'it’s', 'x:y', '#tag', 'a=b', 'c+d', 'e-f', '^', '{x}')},
  {weight: 2, arbitrary: fc.constantFrom(' ', ' ', '  ', '\t', '.', ',', ';', ':', '?', '"', "'")},
  {
    weight: 1,
    arbitrary: fc.constantFrom('*', '_', '**', '`', '[', ']', '[@x]', '![a](b)', '<b>', '&amp;', '\\', '~~', '|', '@', 'a@b.c', 'www.x.org', 'https://x.org', 'mailto:a', '1.', '1)', '- ', '+ ', '# ', '=', '---', ':---', ':-', ':', '    ', '>', '\u0000', '\u00a0', '\r'),
  },
)
const line = fc.array(piece, {maxLength: 12}).map((pieces) => pieces.join(''))
const body = fc.array(fc.oneof(line, fc.constant(''), fc.constant('   ')), {minLength: 1, maxLength: 8}).map((lines) => lines.join('\n'))

describe('parsePlainParagraphs', () => {
  it('gives remark’s tree or nothing, on generated bodies', () => {
    fc.assert(
      fc.property(body, fc.boolean(), (text, trailingNewline) => {
        const input = trailingNewline ? `${text}\n` : text
        const fast = parsePlainParagraphs(input)
        if (fast) expect(JSON.stringify(fast)).toBe(parse(input))
        // Any plain-paragraph tree, however parsed, renders as the pipeline would.
        const html = plainParagraphsHtml(remark.parse(input))
        if (html !== undefined) expect(html).toBe(render(input))
        if (fast) expect(plainParagraphsHtml(fast)).toBe(render(input))
      }),
      {numRuns: 3000, seed},
    )
  })

  it('takes plain paragraphs, with blanked front matter above them', () => {
    const input = '     \n        \n   \nThe chair “welcomed” the 5+2 talks (p. 7): 80% agreed.\nA second line.\n\n\nAnother paragraph.\n'
    const fast = parsePlainParagraphs(input)
    expect(fast?.children).toHaveLength(2)
    expect(JSON.stringify(fast)).toBe(parse(input))
  })

  it('renders paragraphs of text, and nothing else', () => {
    expect(plainParagraphsHtml(parsePlainParagraphs('One “two” three.\nFour.\n\nFive.')!)).toBe('<p>One “two” three.\nFour.</p>\n<p>Five.</p>')
    expect(plainParagraphsHtml(remark.parse('Quoted "x" > y.'))).toBe('<p>Quoted "x" > y.</p>')
    expect(plainParagraphsHtml(remark.parse('A & B'))).toBeUndefined()
    expect(plainParagraphsHtml(remark.parse('A *b*'))).toBeUndefined()
    expect(plainParagraphsHtml(remark.parse('# A'))).toBeUndefined()
  })

  it('declines anything with Markdown in it', () => {
    // `word\n:---` is a one-column GFM table: found by the generated bodies (seed 1780267188).
    for (const input of ['A *b* c', 'Intro:\n- item', '# Heading', 'Text  \nhard break', 'See www.osce.org', 'Mail a@b.org', 'x\n===', '    code', 'a | b', '1. first', '', 'word\n:---', 'word\n:-', 'a\n:---:\nb'])
      expect(parsePlainParagraphs(input), input).toBeUndefined()
    for (const input of ['word *x*\n:---', '# Heading\n:---', 'word\n:-']) expect(parseSimpleProse(input), input).toBeUndefined()
  })

  it('gives remark’s tree for every excerpt of the example it takes', async () => {
    const project = await loadProject(repoRoot)
    let taken = 0
    for (const source of project.evidence) {
      const fast = parsePlainParagraphs(source.body)
      if (!fast) continue
      taken++
      expect(JSON.stringify(fast), source.file.path).toBe(parse(source.body))
      expect(plainParagraphsHtml(fast), source.file.path).toBe(render(source.body))
    }
    expect(taken).toBeGreaterThan(project.evidence.length / 2)
  })
})

/*
 * The prose fast path (parseSimpleProse): paragraphs with *emphasis*, **strong** and citations. Its
 * tree must be remark's (remark-parse + remark-gfm) exactly, and after remark-citations runs on it,
 * so must the citations and near-miss citations it records, or it must decline.
 */
const prose = unified().use(remarkParse).use(remarkGfm).use(remarkCitations).freeze()
/** Tree, citations and suspects as link would get them, from remark or from the fast path. */
function proseResult(body: string, fast: boolean): string | undefined {
  const file = new VFile({path: 'p.md', value: body})
  const simple = parseSimpleProse(body)
  if (fast && !simple) return undefined
  const tree = prose.runSync(fast ? simple! : prose.parse(body), file)
  return JSON.stringify({tree, citations: file.data.citations, suspects: file.data.citationSuspects})
}

/** Run the fast path and remark on `numRuns` generated bodies; where the fast path takes one, both must agree. Returns how many it took. */
function takenLikeRemark(body: fc.Arbitrary<string>, numRuns: number): number {
  let taken = 0
  fc.assert(
    fc.property(body, (input) => {
      const fast = proseResult(input, true)
      if (fast === undefined) return
      taken++
      expect(fast).toBe(proseResult(input, false))
    }),
    {numRuns, seed},
  )
  return taken
}

/** Words, emphasis and citations as prose has them, and the syntax around them that must decline. */
const prosePiece = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom('word', 'Vienna', 'OSCE', '2010', 'Қазақстан', 'Lajčák', '“quoted”', '(aside)', 'p. 7', '5%', 'a/b', 'it’s', 'x:y', 'e-f', 'A1', 'z')},
  {weight: 6, arbitrary: fc.constantFrom(' ', ' ', ' ', '.', ',', ';', ':', '?', ')', '(', '"', "'", '-', '\u00a0')},
  {weight: 4, arbitrary: fc.constantFrom('*', '**', '***', '*', '**', ' *', '* ', ' **', '** ', '**b**', '*i*', ' **x y** ', ' *x y* ', '**1**', '*é*', '**a.**')},
  {weight: 4, arbitrary: fc.constantFrom('[', ']', '@', '[@x]', '[@a-b, p. 7]', '[see @a; @b]', ' [@ a]', '[@a‐b]', '(@a)', '[ab]', '@ab', 'x@ab', 'a@b.c', 'a.@b.c', '-@x', '_@x', '+@b.co', '[x]', '[x]: /u', '[x](y)', '[x][y]', '[x][]', '[^1]', ']('),
  },
  {weight: 1, arbitrary: fc.constantFrom('_', '`', '!', '![a](b)', '<b>', '&amp;', '\\', '~~', '|', 'www.x.org', 'https://x.org', 'mailto:a@b.co', '1.', '- ', '# ', '=', '---', ':---', ':-', '    ', '>', '\t')},
)
const proseLine = fc.array(prosePiece, {maxLength: 14}).map((pieces) => pieces.join(''))
const proseBody = fc.array(fc.oneof({weight: 4, arbitrary: proseLine}, {weight: 1, arbitrary: fc.constantFrom('', '  ')}), {minLength: 1, maxLength: 6}).map((lines) => lines.join('\n'))

describe('parseSimpleProse', () => {
  it('gives remark’s tree, citations and suspects, or nothing, on generated prose', () => {
    let taken = 0
    fc.assert(
      fc.property(proseBody, fc.boolean(), (text, trailingNewline) => {
        const input = trailingNewline ? `${text}\n` : text
        const fast = proseResult(input, true)
        if (fast === undefined) return
        taken++
        expect(fast).toBe(proseResult(input, false))
        expect(JSON.stringify(parseSimpleProse(input))).toBe(parse(input))
      }),
      {numRuns: 6000, seed},
    )
    // The generator must reach the fast path often enough for this to mean anything.
    expect(taken).toBeGreaterThan(250)
  })

  it('gives remark’s results on generated prose near the edge of what it takes', () => {
    // Mostly well-formed prose, with one piece of the adversarial kind now and then.
    const near = fc.oneof(
      {weight: 10, arbitrary: fc.constantFrom('word', 'OSCE', '2010', 'Қазақстан', ' ', ' ', ' ', '.', ',', ' **bold**', ' *it*', ' **two words**', ' *x*.', ' [@ev-1]', ' [see @a; @b, p. 7]', ' [sic]', ' @ab', ' (@ev-1)')},
      {weight: 1, arbitrary: prosePiece},
    )
    // Lines of paragraphs, list items and headings, and prefixes that are neither quite.
    const prefix = fc.oneof({weight: 6, arbitrary: fc.constant('')}, {weight: 3, arbitrary: fc.constantFrom('- ', '### ', '# ', '###### ')}, {weight: 1, arbitrary: fc.constantFrom('####### ', '#', '-', '- - ', '- [ ] ', '-  ', '  ', '* ', '+ ', '1. ', '> ')})
    const nearLine = fc.tuple(prefix, fc.array(near, {maxLength: 14})).map(([start, pieces]) => start + pieces.join('').replace(/^ +| +$/g, ''))
    const body = fc
      .array(fc.oneof({weight: 5, arbitrary: nearLine}, {weight: 1, arbitrary: fc.constantFrom('', '', '#', '- ', '### a #')}), {minLength: 1, maxLength: 6})
      .map((lines) => lines.join('\n'))
    expect(takenLikeRemark(body, 4000)).toBeGreaterThan(300)
  })

  it('gives remark’s block structure on generated sequences of paragraphs, lists and headings', () => {
    // Blocks joined by no blank line, one or two: loose lists, lazy lines and interruptions included.
    const words = fc.array(fc.constantFrom('word', 'OSCE', '**bold**', '*it*', '[@ev-1]', '2010.', 'x'), {minLength: 1, maxLength: 4}).map((parts) => parts.join(' '))
    const block = fc.oneof(
      words,
      fc.array(words.map((text) => `- ${text}`), {minLength: 1, maxLength: 3}).map((items) => items.join('\n')),
      fc.tuple(fc.integer({min: 1, max: 7}), words).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
      fc.array(words, {minLength: 2, maxLength: 3}).map((lines) => lines.join('\n')),
    )
    const body = fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n\n')), {minLength: 1, maxLength: 5}).map((parts) => parts.map(([text, gap]) => text + gap).join(''))
    expect(takenLikeRemark(body, 3000)).toBeGreaterThan(300)
  })

  it('takes what prose is made of, as remark reads it', () => {
    const takes = [
      'Plain text.',
      'A **strong** word, an *emphasised* one; **two words**: and *x*.',
      '**Start** of a line, and end of one **here**\n*next* line after it *too*\nand (aside) or *this*)?',
      'Cited [@ev-1; @ev-2, p. 32] here [see @a-b].\nBracket text [sic] and [x] and @handle and (@ev-1) and [@ ev-1] and [@ev‐1].',
      '   \n  \nAfter blanked front matter.\n\nSecond **paragraph** [@x].\n',
      'Unicode “quotes” — Қазақстан’s **chair**.',
      'Intro.\n\n- one item [@a]\n- *two* items\n\n### Heading **outlook** [@b]\nText after it.\n\n# One\n- a list after a heading\n',
      '###### Six\n\n- last',
      '- a list\n\nText between two lists.\n\n- another',
    ]
    for (const input of takes) {
      expect(parseSimpleProse(input), input).toBeDefined()
      expect(JSON.stringify(parseSimpleProse(input)), input).toBe(parse(input))
      expect(proseResult(input, true), input).toBe(proseResult(input, false))
    }
  })

  it('declines emphasis it cannot settle without the delimiter rules, links, footnotes and addresses', () => {
    const declines = [
      'in**side**word', 'a **b**c', 'a ***b***', 'a ** b**', 'a **b **', 'a *b**', 'a **b*', 'a **b', 'a *b', 'a *b\nc*', 'a **“b”**', 'a **b.**', 'a *b* *', 'a *b*_',
      '[x]: /u\n\n[x]', '[@x] first', 'a [x](y)', 'a [x][y]', 'a [x][]', 'a [^1]', 'mail a@b.org', 'a x@ab', 'a.@b', 'a _b_', 'a `b`', 'a\\*', '+ item', '1. item', '* item', 'x\n===',
      'See www.osce.org', 'a https://x.org', 'a | b', 'Text  \nhard break', 'a &amp; b', 'a <b>', 'a ~~b~~', 'a ![i](x)', '',
      '- a\n\n- b', '- a\n\n\n- b', 'Para\n- a', '- a\nlazy', '- a\n  b', '### H #', '#H', '####### x', '- [ ] x', '- - x', 'Text\n### H', '- a\n### H', '#  x', '-  x',
    ]
    for (const input of declines) expect(parseSimpleProse(input), input).toBeUndefined()
  })

  it('gives remark’s results for every priority of the benchmark corpus it takes, and takes most', () => {
    const corpus = generateCorpus({priorities: 60})
    let taken = 0
    let priorities = 0
    for (const [name, content] of corpus.files) {
      if (!name.startsWith('priorities/')) continue
      priorities++
      const body = content.replace(/^---\n[\s\S]*?\n---\n/, (front) => front.replace(/[^\n]/g, ' '))
      const fast = proseResult(body, true)
      if (fast === undefined) continue
      taken++
      expect(fast, name).toBe(proseResult(body, false))
    }
    expect(taken).toBeGreaterThan(priorities * 0.7)
  })

  it('gives remark’s results for every priority and prose file of the example it takes', async () => {
    const project = await loadProject(repoRoot)
    for (const source of [...project.priorities, ...project.prose]) {
      const fast = proseResult(source.body, true)
      if (fast !== undefined) expect(fast, source.file.path).toBe(proseResult(source.body, false))
    }
  })
})
