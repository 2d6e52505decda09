/**
 * A guard run on every Markdown body before it is parsed. The parser
 * (micromark) and the HTML stages after it are fast on prose, but some
 * shapes make them slow out of proportion to the file's size, or overflow
 * the stack: containers nested hundreds deep on one line (`- - - - x`),
 * unclosed HTML tags (`<b><b><b>…`), thousands of emphasis delimiters or
 * brackets in one paragraph, tables of tens of thousands of rows. The guard
 * counts them in one pass over the text and refuses the file, naming the
 * line, before anything slow runs. Its budgets are in README's Security
 * section; `test/load/markdown-guard.test.ts` holds each shape to them.
 */
import type {Problem} from '../core/diagnostics.js'

/** What the guard counts, per file or per paragraph (text between blank lines). */
export interface MarkdownBudget {
  /** Deepest nesting of block quotes, lists and unclosed HTML elements. */
  maxNesting: number
  /** Runs of `*`, `_` or `~` (emphasis and strikethrough delimiters) in one paragraph. */
  maxDelimiterRunsPerParagraph: number
  /** Runs of `*`, `_` or `~` in one file. */
  maxDelimiterRunsPerFile: number
  /** `[` (links, images, citations) in one paragraph. */
  maxBracketsPerParagraph: number
  /** `@` (each citation has one) in one file. */
  maxCitationsPerFile: number
  /** Lines holding a `|` (table rows) in one file. */
  maxTableRowsPerFile: number
}

/** Default budgets: far beyond any real assessment, and each keeps a file's build within seconds. */
export const defaultMarkdownBudget: Readonly<MarkdownBudget> = {
  maxNesting: 100,
  maxDelimiterRunsPerParagraph: 1_000,
  maxDelimiterRunsPerFile: 10_000,
  maxBracketsPerParagraph: 500,
  maxCitationsPerFile: 2_000,
  maxTableRowsPerFile: 2_000,
}

/** Elements without an end tag: they never nest. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>/g

const nestingHint = 'Flatten the structure; real reports never nest this deep.'
const complexHint = 'Split the text into more paragraphs or files, or simplify it; real assessments never come near this.'

/**
 * Check `text` (a Markdown body; front matter blanked out) against `budget`.
 * Returns the first problem found, or undefined. Linear in the text's length.
 */
export function guardMarkdown(text: string, budget: MarkdownBudget): Problem | undefined {
  // Most bodies have no `<` at all: then no line needs cutting out for the tag scan.
  const anyTag = text.includes('<')
  let fileRuns = 0
  let citations = 0
  let tableRows = 0
  let htmlDepth = 0
  let paragraphRuns = 0
  let paragraphBrackets = 0
  let line = 0
  let start = 0
  while (start <= text.length) {
    line++
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const at = (column: number): Problem['place'] => ({line, column: column - start + 1})

    // Containers opened on this line: leading indentation (two columns per
    // list level), `>` and list markers, however many follow one another.
    let i = start
    let indent = 0
    let leading = true
    let containers = 0
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9) {
        if (leading) indent += c === 9 ? 4 : 1
        i++
        continue
      }
      leading = false
      if (c === 62 /* > */) {
        containers++
        i++
        continue
      }
      let j = i
      if (c === 45 || c === 43 || c === 42 /* - + * */) j = i + 1
      else {
        while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++
        if (j > i && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 41)) j++
        else j = i
      }
      const after = text.charCodeAt(j)
      if (j > i && (j >= end || after === 32 || after === 9)) {
        containers++
        i = j
        continue
      }
      break
    }
    // A line of only spaces (such as blanked-out front matter) opens nothing.
    if (containers + (i >= end ? 0 : Math.floor(indent / 2)) > budget.maxNesting)
      return {
        reason: `Nesting is too deep (more than ${budget.maxNesting} levels of quotes or lists)`,
        ruleId: 'nesting-too-deep',
        place: at(start),
        hint: nestingHint,
      }

    if (i >= end) {
      // A blank line ends the paragraph.
      paragraphRuns = 0
      paragraphBrackets = 0
    }
    let pipe = false
    let previous = -1
    for (let k = i; k < end; k++) {
      const c = text.charCodeAt(k)
      if (c === 42 || c === 95 || c === 126 /* * _ ~ */) {
        if (c !== previous) {
          paragraphRuns++
          fileRuns++
          if (paragraphRuns > budget.maxDelimiterRunsPerParagraph || fileRuns > budget.maxDelimiterRunsPerFile)
            return {
              reason: `Too many emphasis or strikethrough markers (more than ${paragraphRuns > budget.maxDelimiterRunsPerParagraph ? `${budget.maxDelimiterRunsPerParagraph} runs of *, _ or ~ in one paragraph` : `${budget.maxDelimiterRunsPerFile} in one file`})`,
              ruleId: 'markdown-too-complex',
              place: at(k),
              hint: complexHint,
            }
        }
      } else if (c === 91 /* [ */) {
        if (++paragraphBrackets > budget.maxBracketsPerParagraph)
          return {reason: `Too many brackets in one paragraph (more than ${budget.maxBracketsPerParagraph} links, images or citations)`, ruleId: 'markdown-too-complex', place: at(k), hint: complexHint}
      } else if (c === 64 /* @ */) {
        if (++citations > budget.maxCitationsPerFile)
          return {reason: `Too many citations in one file (more than ${budget.maxCitationsPerFile})`, ruleId: 'markdown-too-complex', place: at(k), hint: complexHint}
      } else if (c === 124 /* | */) pipe = true
      previous = c
    }
    if (pipe && ++tableRows > budget.maxTableRowsPerFile)
      return {reason: `Table too large (more than ${budget.maxTableRowsPerFile} rows in one file)`, ruleId: 'markdown-too-complex', place: at(start), hint: 'Split the table, or link to the data instead of pasting it.'}

    // Unclosed HTML elements nest: `<b><b><b>…` is as deep as a list.
    const content = anyTag ? text.slice(i, end) : ''
    if (content.includes('<')) {
      for (const match of content.matchAll(tag)) {
        const name = match[2]!.toLowerCase()
        if (voidElements.has(name) || match[0].endsWith('/>')) continue
        if (match[1]) htmlDepth = Math.max(0, htmlDepth - 1)
        else if (++htmlDepth > budget.maxNesting)
          return {
            reason: `HTML is nested too deeply (more than ${budget.maxNesting} unclosed elements)`,
            ruleId: 'nesting-too-deep',
            place: at(i + match.index),
            hint: nestingHint,
          }
      }
    }
    start = end + 1
  }
  return undefined
}
