/**
 * Markdown bodies to hast: one frozen unified processor, run on every
 * priority, excerpt and prose body. The hast goes into the `ReportView`
 * (src/present/); {@link bodyHtml} serialises it, once per tree.
 */
import type {Element, Root as HastRoot, RootContent} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {Citation, ParsedBody} from '../core/model.js'
import {plainParagraphsHtml} from '../link/markdown-fast-path.js'
import type {BodyContext} from './body-context.js'
import {rehypeEndnotes, addNote} from './rehype-endnotes.js'
import {rehypeRawWhenPresent} from './rehype-raw-when-present.js'
import {rehypeSafeResources} from './rehype-safe-resources.js'
import {rehypeScopeHeadings} from './rehype-scope-headings.js'
import {quoteMarks, rehypeTypographer} from './rehype-typographer.js'
import {sanitizeSchema} from './sanitize-schema.js'

// Built once and reused for every body: see docs/performance.md.
const processor = unified()
  // mdast to hast, keeping raw HTML for the next two passes.
  .use(remarkRehype, {allowDangerousHtml: true})
  // Raw HTML parsed into the tree (only when there is any)…
  .use(rehypeRawWhenPresent)
  // …then filtered by the allow-list.
  .use(rehypeSanitize, sanitizeSchema)
  // Images only as embedded safe rasters.
  .use(rehypeSafeResources)
  // Heading ids from their text…
  .use(rehypeSlug)
  // …then headings demoted under their item, ids prefixed.
  .use(rehypeScopeHeadings)
  // Citation markers to numbered note references.
  .use(rehypeEndnotes)
  // Smart quotes, dashes and ellipses in the authors' own words (after the
  // heading ids, which keep their plain spelling).
  .use(rehypeTypographer)
  .use(rehypeStringify)
  .freeze()

/** Text the typographer would change (see rehype-typographer.ts): such plain paragraphs take the full pipeline. */
const typographyWanted = /["'“«‘]|--|\.\.\./

/** A body rendered: its hast, with what rendering it registered in the chapter. */
export interface RenderedBody {
  /** The body as hast. Shared between runs and views: read it, or clone it before changing it. */
  hast: HastRoot
  /** The citation behind each note reference in `hast`, in document order, with only the evidence this edition shows. */
  referenced: Citation[]
  /** Citations dropped because all they cite is left out of this edition. */
  omitted: number
}

/**
 * Bodies already rendered, by tree and by everything else their hast depends
 * on (see `renderKey`). Trees come from the parse cache, so in `preview` an
 * unchanged body is rendered once per session, not once per edit. With the
 * hast is kept the order in which the body registered its notes, to register
 * them again in the new run's chapter.
 */
const renderedBodies = new WeakMap<MdastRoot, Map<string, {hast: HastRoot; noted: number[]}>>()

/** Each tree's HTML, made once (see {@link bodyHtml}). */
const serialised = new WeakMap<HastRoot, string>()

/**
 * Render one parsed Markdown body to hast, registering its notes in
 * `context.notes` and counting what it leaves out in `context.omitted`.
 */
export function renderBody(body: ParsedBody, context: BodyContext): RenderedBody {
  const referenced: Citation[] = []
  const omittedBefore = context.omitted
  // Most excerpts are plain paragraphs, which need no pipeline (see markdown-fast-path.ts).
  const plain = plainParagraphsHtml(body.tree)
  if (plain !== undefined && !(context.ownWords && typographyWanted.test(plain))) return {hast: plainParagraphsHast(body.tree, plain), referenced, omitted: 0}
  const key = renderKey(body, context)
  let known = renderedBodies.get(body.tree)
  const hit = known?.get(key)
  if (hit) {
    const replay = {...context, referenced}
    for (const index of hit.noted) addNote(replay, context.citations[index]!)
    context.omitted = replay.omitted
    return {hast: hit.hast, referenced, omitted: context.omitted - omittedBefore}
  }
  const file = new VFile()
  const noted: number[] = []
  // The copy shares notes; what it counts must reach the caller's context.
  file.data.render = {...context, noted, referenced}
  const hast = processor.runSync(body.tree, file) as HastRoot
  context.omitted = file.data.render.omitted
  if (!known) renderedBodies.set(body.tree, (known = new Map()))
  known.set(key, {hast, noted})
  return {hast, referenced, omitted: context.omitted - omittedBefore}
}

/** The HTML of a body's hast, as report.html and scorecard.json carry it; serialised once per tree. */
export function bodyHtml(hast: HastRoot): string {
  let html = serialised.get(hast)
  if (html === undefined) serialised.set(hast, (html = processor.stringify(hast)))
  return html
}

/**
 * Besides the tree, a body's hast depends on its chapter, heading level and
 * id prefix, on how many notes the chapter had before it (its note numbers)
 * and on which of its citations are dropped because all they cite is left
 * out of this edition. Note contents (sources, appendix numbers) are not in
 * the body but in the chapter's endnotes.
 */
/** What of the context the typographer reads: the quotation marks of the language and the project's overrides. */
function quoteKey(context: BodyContext): string {
  const {outer, inner} = quoteMarks(context.lang, context.strings)
  return `${context.lang ?? ''}${outer.join('')}${inner.join('')}`
}

function renderKey(body: ParsedBody, context: BodyContext): string {
  let dropped = ''
  if (context.excluded.size > 0)
    for (const citation of body.citations) dropped += citation.items.every((item) => context.excluded.has(item.id)) ? '1' : '0'
  return `${context.noteLabel ?? ''}\u0000${context.chapterId}\u0000${context.ownWords ? quoteKey(context) : '\u0001'}\u0000${context.containerLevel}\u0000${context.idPrefix}\u0000${context.notes?.length ?? -1}\u0000${dropped}`
}

/**
 * The hast of a tree of plain paragraphs (the fast path's), with its HTML
 * already known: `<p>` elements separated by line breaks, as rehype makes them.
 */
function plainParagraphsHast(tree: MdastRoot, html: string): HastRoot {
  const children: RootContent[] = []
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue
    const text = node.children[0]
    const paragraph: Element = {type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: text?.type === 'text' ? text.value : ''}]}
    if (children.length > 0) children.push({type: 'text', value: '\n'})
    children.push(paragraph)
  }
  const hast: HastRoot = {type: 'root', children}
  serialised.set(hast, html)
  return hast
}
