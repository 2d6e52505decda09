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
import {parsePlainParagraphs, plainParagraphsHtml} from '../../src/link/markdown-fast-path.js'
import {sanitizeSchema} from '../../src/render/index.js'
import {repoRoot} from '../helpers.js'

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
    arbitrary: fc.constantFrom('*', '_', '**', '`', '[', ']', '[@x]', '![a](b)', '<b>', '&amp;', '\\', '~~', '|', '@', 'a@b.c', 'www.x.org', 'https://x.org', 'mailto:a', '1.', '1)', '- ', '+ ', '# ', '=', '---', '    ', '>', '\u0000', '\u00a0', '\r'),
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
      {numRuns: 3000},
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
    for (const input of ['A *b* c', 'Intro:\n- item', '# Heading', 'Text  \nhard break', 'See www.osce.org', 'Mail a@b.org', 'x\n===', '    code', 'a | b', '1. first', ''])
      expect(parsePlainParagraphs(input), input).toBeUndefined()
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
