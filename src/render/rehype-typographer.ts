/**
 * The typographer: straight quotes, double and triple hyphens and three dots
 * in the authors' own prose become curly quotes, dashes and ellipses, in the
 * quotation marks of the report's language.
 *
 * The work is retext-smartypants' (the maintained SmartyPants port of the
 * unified collective), run the way remark-smartypants runs it on Markdown: a
 * block's text is read as one string, so that a quote opened before a link or
 * emphasis is closed after it; quotes first (which keep the length), then
 * dashes and ellipses node by node. What is added here is what SmartyPants
 * does not know: a quotation inside a quotation takes the other pair (double
 * inside double becomes single), and the pairs are the language's (English
 * “…” with ‘…’ inside; British English the reverse; Russian «…» with „…“
 * inside; German „…“ with ‚…‘ inside).
 *
 * Never touched: code (`code`, `pre`, `kbd`, `samp`), block quotations and
 * inline quotations (`blockquote`, `q`: someone else's words, kept as
 * written), a link that shows its own address, and any body that is not the
 * authors' own words (an evidence excerpt: `BodyContext.ownWords` false).
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import {retext} from 'retext'
import retextSmartypants from 'retext-smartypants'
import type {VFile} from 'vfile'
import {localeFor} from '../core/locales/index.js'
import './body-context.js'

/** Elements whose text is one run of prose (a quote cannot span two of them). */
const blocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd', 'caption', 'figcaption', 'summary'])
/** Elements whose text is never changed: code, and other people's words. */
const untouched = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'blockquote', 'q', 'script', 'style', 'svg', 'math'])

/** A language's quotation marks: outer pair, then the pair inside it. */
interface QuoteMarks {
  outer: [string, string]
  inner: [string, string]
}

/**
 * The quotation marks of a BCP 47 tag, from the locale tables (src/core/locales,
 * the one home of quotation marks): its own, else its language's, else English;
 * a project's `strings:` overrides (quoteOpen, …) apply.
 */
export function quoteMarks(lang: string | undefined, overrides?: Readonly<Record<string, string>>): QuoteMarks {
  const quotes = localeFor(lang ?? 'en', overrides).quotes
  return {outer: [quotes.open, quotes.close], inner: [quotes.innerOpen, quotes.innerClose]}
}

// Pass one: quotes only, which keeps every character where it was. Pass two:
// dashes (`---` em, `--` en, as in pandoc and LaTeX) and ellipses.
const quotePass = retext().use(retextSmartypants, {quotes: true, dashes: false, ellipses: false, backticks: false}).freeze()
const dashPass = retext().use(retextSmartypants, {quotes: false, dashes: 'oldschool', ellipses: true, backticks: false}).freeze()

/** An apostrophe between a letter or digit and a letter. */
const insideWord = /(?<=[\p{L}\p{N}])'(?=\p{L})/gu
/** Quotation marks (once apostrophes inside words are curled). */
const quotes = /["'“”«»‘]/

/** Worth a look: a straight quote, two hyphens, three dots, or a curly double quote that may be nested. */
const candidate = /["']|--|\.\.\.|[“”«»‘]/

/**
 * Smart quotes, dashes and ellipses in the authors' prose (see the module
 * comment). Reads `file.data.render` (`ownWords`, `lang`); without a context,
 * or in a body that is not the authors' own words, does nothing.
 */
export function rehypeTypographer() {
  return function transform(tree: Root, file: VFile): void {
    const context = file.data.render
    if (!context?.ownWords) return
    typesetTree(tree, quoteMarks(context.lang, context.strings))
  }
}

/**
 * One line of the authors' plain-text prose (a rating history's note) typeset
 * as a body's paragraph would be.
 */
export function typesetText(text: string, lang: string | undefined, overrides?: Readonly<Record<string, string>>): string {
  if (!candidate.test(text)) return text
  const paragraph: Element = {type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: text}]}
  typesetBlock(paragraph, quoteMarks(lang, overrides))
  const [only] = paragraph.children
  return only?.type === 'text' ? only.value : text
}

/** Typeset every block of prose under `tree`. */
function typesetTree(tree: Root | Element, marks: QuoteMarks): void {
  for (const child of tree.children) {
    if (child.type !== 'element' || untouched.has(child.tagName) || showsOwnAddress(child)) continue
    if (blocks.has(child.tagName)) typesetBlock(child, marks)
    typesetTree(child, marks)
  }
}

/**
 * One block: its text nodes (outside nested blocks and untouched elements,
 * which stand in as letters so that what is around them reads right) read as
 * one string.
 */
function typesetBlock(block: Element, marks: QuoteMarks): void {
  const texts: Text[] = []
  // A space first, so that a quote at the block's start opens.
  let all = ' '
  const gather = (parent: Element): void => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        texts.push(child)
        all += child.value
      } else if (child.type === 'element') {
        if (blocks.has(child.tagName)) continue
        if (untouched.has(child.tagName) || showsOwnAddress(child)) all += 'A'.repeat(Math.max(1, textLength(child)))
        else gather(child)
      }
    }
  }
  gather(block)
  if (texts.length === 0 || !candidate.test(all)) return
  // Most prose has no quotation marks at all, only apostrophes inside words
  // ("chair's"), which SmartyPants would curl anyway: those take no parse.
  const apostrophes = all.replace(insideWord, '’')
  const quoted = quotes.test(apostrophes) ? nestQuotes(String(quotePass.processSync(all)), marks) : apostrophes
  let offset = 1
  const walk = (parent: Element): void => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        const value = quoted.slice(offset, offset + child.value.length)
        offset += child.value.length
        child.value = /--|\.\.\./.test(value) ? String(dashPass.processSync(value)) : value
      } else if (child.type === 'element') {
        if (blocks.has(child.tagName)) continue
        if (untouched.has(child.tagName) || showsOwnAddress(child)) offset += Math.max(1, textLength(child))
        else walk(child)
      }
    }
  }
  walk(block)
}

/**
 * Quotation marks by depth: the outermost pair the language's outer one, a
 * quotation inside it the inner pair, and so on alternately. An apostrophe
 * (’ before a letter, or with no single quote open) stays ’.
 */
export function nestQuotes(text: string, marks: QuoteMarks): string {
  const open: ('double' | 'single')[] = []
  const pair = (depth: number) => (depth % 2 === 0 ? marks.outer : marks.inner)
  let out = ''
  for (let index = 0; index < text.length; index++) {
    let char = text[index]!
    // SmartyPants leaves a straight quote it cannot place (two in a row,
    // `""`): a double closes one that is open, else opens; a single is an apostrophe.
    if (char === '"') char = open.includes('double') ? '”' : '“'
    else if (char === "'") char = '’'
    if (char === '“' || char === '«') {
      out += pair(open.length)[0]
      open.push('double')
    } else if (char === '‘') {
      out += pair(open.length)[0]
      open.push('single')
    } else if (char === '”' || char === '»') {
      const at = open.lastIndexOf('double')
      if (at === -1) out += pair(0)[1]
      else {
        open.length = at
        out += pair(at)[1]
      }
    } else if (char === '’') {
      const next = text[index + 1] ?? ''
      if (open.at(-1) === 'single' && !/[\p{L}\p{N}]/u.test(next)) {
        open.pop()
        out += pair(open.length)[1]
      } else out += '’'
    } else out += char
  }
  return out
}

/** A link whose text is its own address (an autolink): an address is not prose. */
function showsOwnAddress(node: Element): boolean {
  if (node.tagName !== 'a') return false
  const text = textOf(node)
  return /^(?:[a-z][a-z0-9+.-]*:|www\.)/i.test(text)
}

function textLength(node: ElementContent): number {
  return textOf(node).length
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element') return ''
  let text = ''
  for (const child of node.children) text += textOf(child)
  return text
}
