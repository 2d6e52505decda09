/**
 * Stage 5, render: the scored report to HTML (unified + Handlebars) and JSON.
 *
 * Markdown bodies go through one frozen unified processor: remark-rehype,
 * rehype-sanitize (GitHub-like allow-list), rehype-slug, our heading scoping
 * and endnotes, rehype-stringify. Layout and partials are Handlebars files in
 * `templates/`; a project may override any of them by file name.
 */
import {existsSync, lstatSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'
import type {Element, ElementContent, Root as HastRoot, RootContent} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import {safeDataImage} from '../link/images.js'
import {citationMarker} from '../link/remark-citations.js'
import {ScorecardError} from '../core/errors.js'
import {fontFaceCss} from './fonts.js'
import {stripResources, withResourcePolicy} from './resource-policy.js'
import {inspectFile, isSafe} from '../core/safe-file.js'
import {frontMatterView} from './front-matter.js'
import type {Chapter, Citation, Evidence, ParsedBody, Priority, ScoredReport} from '../core/model.js'
import {version} from '../core/version.js'
import {formatDate} from '../core/dates.js'
import {sourceKey} from '../core/source-key.js'
import {changeChart, stackedBarChart} from './charts.js'
import {sansMeasure} from './measure.js'
import {appendixSpeaker, noteAttribution, statedSummarisedBy, verificationSentence} from './attribution.js'
import {plainParagraphsHtml} from '../link/markdown-fast-path.js'
import {renderCsv, renderJson} from '../export/index.js'
import {packageRoot} from '../core/package-root.js'

/** Where the default templates live (beside dist/ and src/). */
export const defaultTemplatesDir = path.join(packageRoot, 'templates') + path.sep

/** One numbered endnote: a citation with its evidence resolved. */
export interface Note {
  number: number
  id: string
  refId: string
  items: {evidence: Evidence; number: number; locator: string | undefined; prefix: string | undefined}[]
}

interface RenderContext {
  citations: Citation[]
  notes: Note[] | undefined
  chapterId: string
  /** Heading level of the element the body sits in; its top heading goes one below. */
  containerLevel: number
  idPrefix: string
  appendixNumber: Map<string, number>
  evidenceById: Map<string, Evidence>
  /** Evidence left out of this edition. */
  excluded: Set<string>
  /** Citations dropped because all they cite is left out; counted for the reader. */
  omitted: number
  /** Citation indices in the order the body's notes were registered (see `renderBody`). */
  noted?: number[]
}

declare module 'vfile' {
  interface DataMap {
    render: RenderContext
  }
}

/**
 * Sanitize schema: GitHub's, plus the citation marker our remark plugin
 * emits, plus `data:` image sources (embedded local images; the type is
 * checked after sanitizing, by `rehypeSafeResources`).
 */
export const sanitizeSchema: SanitizeSchema = withResourcePolicy({
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    sup: [...(defaultSchema.attributes?.sup ?? []), 'dataCiteIndex'],
  },
  protocols: {
    ...defaultSchema.protocols,
    src: ['data'],
  },
  // Dropped with their content: style sheets are code, not text.
  strip: ['script', 'style', 'template'],
})

// Built once and reused for every body: see docs on performance.
const toHtml = unified()
  // Raw HTML in Markdown is parsed, then filtered by the allow-list below.
  .use(remarkRehype, {allowDangerousHtml: true})
  .use(rehypeRawWhenPresent)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeSafeResources)
  .use(rehypeSlug)
  .use(rehypeScopeHeadings)
  .use(rehypeEndnotes)
  .use(rehypeStringify)
  .freeze()

/**
 * Bodies already rendered, by tree and by everything else their HTML depends
 * on (see `renderKey`). Trees come from the parse cache, so in `preview` an
 * unchanged body is rendered once per session, not once per edit. With the
 * HTML is kept the order in which the body registered its notes, to register
 * them again in the new run's chapter.
 */
const renderedBodies = new WeakMap<MdastRoot, Map<string, {html: string; noted: number[]}>>()

/** Render one parsed Markdown body to an HTML fragment. */
export function renderBody(body: ParsedBody, context: RenderContext): string {
  // Most excerpts are plain paragraphs, which need no pipeline (see link/markdown-fast-path.ts).
  const plain = plainParagraphsHtml(body.tree)
  if (plain !== undefined) return plain
  const key = renderKey(body, context)
  let known = renderedBodies.get(body.tree)
  const hit = known?.get(key)
  if (hit) {
    for (const index of hit.noted) addNote(context, context.citations[index]!)
    return hit.html
  }
  const file = new VFile()
  const noted: number[] = []
  file.data.render = {...context, noted}
  // The copy shares notes; what it counts must reach the caller's context.
  const hast = toHtml.runSync(body.tree, file) as HastRoot
  const html = toHtml.stringify(hast, file)
  context.omitted = file.data.render.omitted
  if (!known) renderedBodies.set(body.tree, (known = new Map()))
  known.set(key, {html, noted})
  return html
}

/**
 * Besides the tree, a body's HTML depends on its chapter, heading level and
 * id prefix, on how many notes the chapter had before it (its note numbers)
 * and on which of its citations are dropped because all they cite is left
 * out of this edition. Note contents (sources, appendix numbers) are not in
 * the body's HTML but in the chapter's endnotes.
 */
function renderKey(body: ParsedBody, context: RenderContext): string {
  let dropped = ''
  if (context.excluded.size > 0)
    for (const citation of body.citations) dropped += citation.items.every((item) => context.excluded.has(item.id)) ? '1' : '0'
  return `${context.chapterId}\u0000${context.containerLevel}\u0000${context.idPrefix}\u0000${context.notes?.length ?? -1}\u0000${dropped}`
}

/**
 * rehype-raw, run only on trees that hold raw HTML. It re-parses the whole
 * tree through parse5 either way, which was a fifth of rendering time, and a
 * tree without `raw` nodes comes out of it unchanged (docs/performance.md).
 */
function rehypeRawWhenPresent(this: Processor) {
  const transform = rehypeRaw.call(this) as (tree: HastRoot, file: VFile) => HastRoot
  return function (tree: HastRoot, file: VFile): HastRoot | undefined {
    return hasRaw(tree) ? transform(tree, file) : undefined
  }
}

function hasRaw(node: HastRoot | RootContent): boolean {
  if (node.type === 'raw') return true
  if (!('children' in node)) return false
  for (const child of node.children) if (hasRaw(child)) return true
  return false
}

/**
 * Call `fn` on every element under `parent`, in document order, with its
 * index and parent; `fn` may replace the element in place, and the walk then
 * goes into the replacement. The render passes below each need only this,
 * and unist-util-visit's general machinery (tests, parent stacks, actions)
 * made them half of a body's render time (docs/performance.md).
 */
function eachElement(parent: HastRoot | Element, fn: (node: Element, index: number, parent: HastRoot | Element) => void): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'element') continue
    fn(child, index, parent)
    const current = children[index]
    if (current?.type === 'element') eachElement(current, fn)
  }
}

/** Demote body headings under their item and make their ids unique in the report. */
function rehypeScopeHeadings() {
  return function transform(tree: HastRoot, file: VFile): void {
    const context = file.data.render
    if (!context) return
    // The body's highest heading sits one level below its container, whatever
    // level the author started at, so the outline never skips a level.
    const headings: {node: Element; level: number}[] = []
    eachElement(tree, (node) => {
      const level = /^h([1-6])$/.exec(node.tagName)
      if (level) headings.push({node, level: Number(level[1])})
    })
    let top = 7
    for (const {level} of headings) top = Math.min(top, level)
    const shift = context.containerLevel + 1 - top
    for (const {node, level} of headings) {
      node.tagName = `h${Math.max(1, Math.min(6, level + shift))}`
      if (typeof node.properties.id === 'string') node.properties.id = `${context.idPrefix}${node.properties.id}`
    }
  }
}

/**
 * After sanitizing, an image may only show embedded data of a safe raster
 * type; anything else (remote, SVG, a dropped local path) becomes its alt
 * text, so the document never makes a request.
 */
function rehypeSafeResources() {
  return function transform(tree: HastRoot): void {
    eachElement(tree, (node, index, parent) => {
      if (stripResources(node)) {
        parent.children[index] = {type: 'element', tagName: 'span', properties: {}, children: node.children}
        return
      }
      if (node.tagName !== 'img') return
      if (typeof node.properties.src === 'string' && safeDataImage.test(node.properties.src)) return
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
      parent.children[index] = {type: 'element', tagName: 'span', properties: {className: ['image-removed']}, children: [{type: 'text', value: alt}]}
    })
  }
}

/** Turn citation markers into numbered endnote references for the chapter. */
function rehypeEndnotes() {
  return function transform(tree: HastRoot, file: VFile): void {
    const context = file.data.render
    eachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'sup' || node.properties.dataCiteIndex === undefined) return
      const [marker, position] = String(node.properties.dataCiteIndex).split(':')
      const citation = marker === citationMarker ? context?.citations[Number(position)] : undefined
      if (!context || !citation || !context.notes) {
        delete node.properties.dataCiteIndex
        return
      }
      context.noted?.push(Number(position))
      const note = addNote(context, citation)
      if (note) parent.children[index] = noteRef(note)
      else parent.children[index] = {type: 'text', value: ''}
    })
  }
}

/**
 * Register a note for `citation` in the chapter. Evidence left out of this
 * edition (dated after the as-of date) is dropped and counted; a citation of
 * nothing else gets no note at all.
 */
function addNote(context: RenderContext, citation: Citation): Note | undefined {
  const notes = context.notes!
  const items = citation.items.filter((item) => {
    if (!context.excluded.has(item.id)) return true
    context.omitted++
    return false
  })
  if (items.length === 0) return undefined
  const number = notes.length + 1
  const note: Note = {
    number,
    id: `${context.chapterId}-note-${number}`,
    refId: `${context.chapterId}-ref-${number}`,
    items: items.flatMap((item) => {
      const evidence = context.evidenceById.get(item.id)
      return evidence
        ? [{evidence, number: context.appendixNumber.get(item.id) ?? 0, locator: item.locator, prefix: item.prefix}]
        : []
    }),
  }
  notes.push(note)
  return note
}

function noteRef(note: Note): ElementContent {
  return {
    type: 'element',
    tagName: 'sup',
    properties: {className: ['noteref']},
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: {href: `#${note.id}`, id: note.refId, role: 'doc-noteref', ariaLabel: `Note ${note.number}`},
        children: [{type: 'text', value: String(note.number)}],
      },
    ],
  }
}

/** Everything `render` produces, as strings ready to write. */
export interface Rendered {
  /** `report.html`; made on first read (a template error is thrown then). */
  readonly html: string
  /** `scorecard.json`; made on first read. */
  readonly json: string
  /** `priorities.csv` and `evidence.csv`; made on first read. */
  readonly csv: {priorities: string; evidence: string}
  /** Body HTML per priority id (also in the JSON). */
  priorityHtml: Map<string, string>
  /** Where each priority's and excerpt's body went, for {@link renderFragment}. */
  fragments: Map<Priority | Evidence, Fragment>
}

/**
 * A body's HTML as it stands in `report.html`, with what its rendering
 * depended on besides the body: enough to render an edited body in its place.
 */
export interface Fragment {
  html: string
  /** The element id the body sits under (`priority-…`, `evidence-…`). */
  anchor: string
  chapterId: string
  containerLevel: number
  idPrefix: string
  /** Notes the chapter had before this body's (its note numbers follow them); undefined for excerpts, which have none. */
  notesBefore: number | undefined
  /** Citations dropped because all they cite is left out of this edition. */
  omitted: number
}

/** Options for rendering. */
export interface RenderOptions {
  /** The project's own templates folder; files there override the defaults by name. */
  templatesDir?: string
  /** PDF page size for the print stylesheet; overrides scorecard.yml. */
  pageSize?: 'A4' | 'Letter'
}

/** Render the report to HTML, JSON and CSV. */
export async function renderReport(report: ScoredReport, options: RenderOptions = {}): Promise<Rendered> {
  const templates = loadTemplates(options.templatesDir)
  const {config} = report
  const {appendixNumber, evidenceById} = lookupsOf(report)
  const priorityHtml = new Map<string, string>()
  const fragments = new Map<Priority | Evidence, Fragment>()
  const scaleById = new Map(config.scale.map((entry) => [entry.id, entry]))
  const dimensionById = new Map(config.dimensions.map((entry) => [entry.id, entry]))
  const priorityById = new Map(report.priorities.map((item) => [item.id, item]))
  const excluded = report.excludedEvidence

  const bodyOf = (item: Parameters<ScoredReport['bodies']['get']>[0]): ParsedBody => {
    const body = report.bodies.get(item)
    if (!body) throw new Error(`Internal: no parsed body for ${item.source.file.path}`)
    return body
  }
  const contextFor = (chapterId: string, notes: Note[] | undefined, citations: Citation[], containerLevel: number, idPrefix: string): RenderContext => ({
    citations,
    notes,
    chapterId,
    containerLevel,
    idPrefix,
    appendixNumber,
    evidenceById,
    excluded,
    omitted: 0,
  })
  /** A note for a citation written in front matter (stated commitment, history entry). */
  const frontMatterNote = (chapterId: string, notes: Note[], ids: string[]) => {
    const context = contextFor(chapterId, notes, [], 0, '')
    const note = addNote(context, {items: ids.map((id) => ({id}))})
    return {note: note && {id: note.id, refId: note.refId, number: note.number}, omitted: context.omitted}
  }

  const statusView = (id: string | undefined) => {
    if (id === undefined) return {id: 'unrated', label: 'Not yet rated', symbol: '–', description: undefined}
    const entry = scaleById.get(id)
    return {id, label: entry?.label ?? id, symbol: entry?.symbol ?? '', description: entry?.description}
  }
  const movementView = (id: string) => {
    const movement = report.movementOf.get(id)
    if (!movement || !report.previousEdition) return undefined
    const before = statusView(report.previousStatusOf.get(id))
    const since = report.previousEdition.title
    const steps = movement.steps === 1 ? '1 step' : `${movement.steps} steps`
    switch (movement.movement) {
      case 'up':
        return {kind: 'up', symbol: '▲', text: `Up ${steps} from ${before.label}`, short: `▲ from ${before.label}`, since}
      case 'down':
        return {kind: 'down', symbol: '▼', text: `Down ${steps} from ${before.label}`, short: `▼ from ${before.label}`, since}
      case 'same':
        return {kind: 'same', symbol: '=', text: 'Unchanged', short: '= unchanged', since}
      case 'new':
        return {kind: 'new', symbol: '+', text: 'Newly rated', short: '+ new', since}
    }
  }

  function chapterView(chapter: Chapter, notes: Note[]) {
    switch (chapter.kind) {
      case 'summary':
      case 'closing': {
        const html = chapter.prose
          ? renderBody(bodyOf(chapter.prose), contextFor(chapter.id, notes, bodyOf(chapter.prose).citations, 2, `${chapter.id}-`))
          : ''
        // "About this assessment" says how many excerpts were checked against their sources.
        const verified = chapter.prose?.id === 'about-this-assessment' ? verificationSentence(report) : undefined
        return {kind: chapter.kind, isSummary: chapter.kind === 'summary', id: chapter.id, title: chapter.title, html, verified}
      }
      case 'changes':
        return {kind: chapter.kind, isChanges: true, id: chapter.id, title: chapter.title, html: ''}
      case 'dimension': {
        const priorities = chapter.priorities.map((priority) => {
          let omitted = 0
          const stated = priority.stated && frontMatterNote(chapter.id, notes, [priority.stated.cite])
          omitted += stated?.omitted ?? 0
          const notesBefore = notes.length
          const context = contextFor(chapter.id, notes, bodyOf(priority).citations, 3, `${priority.id}-`)
          const html = renderBody(bodyOf(priority), context)
          omitted += context.omitted
          fragments.set(priority, {html, anchor: priorityAnchor(priority.id), chapterId: chapter.id, containerLevel: 3, idPrefix: `${priority.id}-`, notesBefore, omitted: context.omitted})
          priorityHtml.set(priority.id, html)
          const timeline = (report.historyOf.get(priority.id) ?? []).map((entry) => {
            const note = entry.evidence.length > 0 ? frontMatterNote(chapter.id, notes, entry.evidence) : undefined
            omitted += note?.omitted ?? 0
            return {date: entry.date, dateDisplay: formatDate(entry.date), status: statusView(entry.status), note: entry.note, ref: note?.note}
          })
          return {
            id: priority.id,
            anchor: priorityAnchor(priority.id),
            title: priority.title,
            status: statusView(report.statusOf.get(priority.id)),
            movement: movementView(priority.id),
            stated: priority.stated && {quote: quoted(priority.stated.quote), note: stated?.note, summarisedBy: statedSummarisedBy(priority, evidenceById)},
            html,
            timeline: timeline.length > 0 ? timeline : undefined,
            omitted: omitted > 0 ? {count: omitted, plural: omitted !== 1} : undefined,
          }
        })
        return {kind: chapter.kind, isDimension: true, id: chapter.id, title: chapter.title, description: chapter.description, priorities}
      }
    }
  }

  const chapters = report.chapters.map((chapter) => {
    const notes: Note[] = []
    const view = chapterView(chapter, notes)
    const cited = new Set<string>()
    return {...view, notes: notes.length > 0 ? notes.map((note) => noteView(note, cited)) : undefined}
  })

  const excerptHtml = (evidence: Evidence): string => {
    const context = contextFor('evidence', undefined, [], 3, `${evidence.id}-`)
    const html = renderBody(bodyOf(evidence), context)
    fragments.set(evidence, {html, anchor: evidenceAnchor(evidence.id), chapterId: 'evidence', containerLevel: 3, idPrefix: `${evidence.id}-`, notesBefore: undefined, omitted: context.omitted})
    return html
  }
  const appendix = {
    id: 'evidence',
    title: 'Appendix: Evidence',
    verified: verificationSentence(report),
    groups: groupBySource(report.appendix).map((group) => ({
      ...sourceView(group[0]!.evidence),
      // A note every excerpt of a source shares (e.g. a funding disclosure) is said once, for the source.
      note: group.every(({evidence}) => evidence.note !== undefined && evidence.note === group[0]!.evidence.note) ? group[0]!.evidence.note : undefined,
      items: group.map(({evidence, number}) => ({
        anchor: evidenceAnchor(evidence.id),
        id: evidence.id,
        number,
        label: `E${number}`,
        html: excerptHtml(evidence),
        locator: evidence.locator,
        speaker: appendixSpeaker(evidence),
        spokenOn: evidence.spokenOn && formatDate(evidence.spokenOn),
        note: group.every(({evidence: other}) => other.note === evidence.note) ? undefined : evidence.note,
        citedBy: (report.citedBy.get(evidence.id) ?? []).map((id) => ({id, anchor: priorityAnchor(id), title: priorityById.get(id)?.title ?? id})),
      })),
    })),
  }

  const chartScale = config.scale.map(({id, label, symbol, color}) => ({id, label, symbol, color}))
  const dimensionCounts = config.dimensions.map((dimension) => ({
    title: dimension.title,
    total: report.summary.byDimension[dimension.id]?.total ?? 0,
    counts: config.scale.map((entry) => report.summary.byDimension[dimension.id]?.byStatus[entry.id] ?? 0),
  }))
  const changes = report.summary.changes
  const movedGroups = report.previousEdition
    ? (['up', 'down', 'new'] as const)
        .map((kind) => ({
          kind,
          title: {up: 'Moved up', down: 'Moved down', new: 'Newly rated'}[kind],
          items: report.ordered
            .filter((priority) => report.movementOf.get(priority.id)?.movement === kind)
            .map((priority) => ({
              anchor: priorityAnchor(priority.id),
              title: priority.title,
              status: statusView(report.statusOf.get(priority.id)),
              before: statusView(report.previousStatusOf.get(priority.id)),
              movement: movementView(priority.id),
            })),
        }))
        .filter((group) => group.items.length > 0)
    : undefined

  // Chart labels are measured with the charts' own face.
  const measure = await sansMeasure()
  const subtitle = report.edition?.title ?? config.subtitle
  const authors = config.authors
  const view = {
    generator: `Scorecard ${version}`,
    lang: config.lang,
    title: config.title,
    subtitle,
    fullTitle: subtitle ? `${config.title}: ${subtitle}` : config.title,
    shortTitle: config.shortTitle ?? config.title,
    authors,
    authorNames: authors.map((author) => author.name).join(', '),
    runningAuthor: authors.map((author) => author.name).join(', ').toLowerCase(),
    publisher: config.publisher,
    ...frontMatterView(config, report.root),
    asOf: report.asOf,
    asOfDisplay: formatDate(report.asOf),
    edition: report.edition,
    previousEdition: report.previousEdition && {...report.previousEdition, asOfDisplay: formatDate(report.previousEdition.asOf)},
    period: config.period && {start: formatDate(String(config.period.start)), end: formatDate(String(config.period.end))},
    keywords: (config.keywords ?? []).join(', '),
    pageSize: options.pageSize ?? config.pageSize ?? 'A4',
    scale: config.scale.map((entry) => ({...entry, count: report.summary.byStatus[entry.id] ?? 0})),
    summaryRows: report.ordered.map((priority) => ({
      anchor: priorityAnchor(priority.id),
      title: priority.title,
      dimension: dimensionById.get(priority.dimension)?.title ?? priority.dimension,
      status: statusView(report.statusOf.get(priority.id)),
      movement: movementView(priority.id),
    })),
    dimensionCounts,
    distributionChart: stackedBarChart({
      id: 'chart-distribution',
      title: `Status of the ${report.summary.total} rated priorities by dimension, as of ${formatDate(report.asOf)}`,
      rows: dimensionCounts.map((row) => ({label: row.title, counts: row.counts})),
      scale: chartScale,
      measure,
    }),
    changes: changes && {
      ...changes,
      total: changes.up + changes.same + changes.down + changes.new,
      chart: changeChart({
        id: 'chart-changes',
        title: `Movement of ratings since the ${report.previousEdition?.title ?? 'previous edition'}`,
        counts: changes,
        measure,
      }),
      groups: movedGroups,
    },
    total: report.summary.total,
    unrated: report.summary.unrated,
    omitted: report.summary.omittedCitations > 0 ? {count: report.summary.omittedCitations, excerpts: report.excludedEvidence.size} : undefined,
    chapters,
    appendix,
    toc: [
      ...chapters.map((chapter) => ({
        id: chapter.id,
        title: chapter.title,
        children: 'priorities' in chapter && chapter.priorities ? chapter.priorities.map((p) => ({id: p.anchor, title: p.title})) : [],
      })),
      {id: appendix.id, title: appendix.title, children: []},
      ...frontMatterView(config, report.root).backMatter.map((entry) => ({...entry, children: []})),
    ],
    css: '',
  }

  // Fonts are cut down to the characters the view and the templates can show.
  const fonts = await fontFaceCss(JSON.stringify(view) + templates.text + templates.css('report.css') + templates.css('print.css'))
  const layout = (): string => {
    try {
      view.css = stylesheet(templates, fonts, config.scale, view)
      return templates.layout(view)
    } catch (error) {
      throw new ScorecardError('TEMPLATE_ERROR', `Template failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        hint: 'Check your overrides in templates/ against the default templates.',
      })
    }
  }

  // Each output is made on first read: an HTML-only build never pays for
  // JSON and CSV, nor a JSON-only build for the templates.
  let html: string | undefined
  let json: string | undefined
  let csv: Rendered['csv'] | undefined
  return {
    get html() {
      return (html ??= layout())
    },
    get json() {
      return (json ??= renderJson(report, priorityHtml))
    },
    get csv() {
      return (csv ??= renderCsv(report))
    },
    priorityHtml,
    fragments,
  }
}

/**
 * Render an edited body where `fragment` was, for a body whose citations are
 * the same as before: its note numbers are then the same, and nothing else in
 * the report depends on its text. (The caller checks that; see session.ts.)
 */
export function renderFragment(report: ScoredReport, body: ParsedBody, fragment: Fragment): {html: string; omitted: number} {
  const context: RenderContext = {
    citations: body.citations,
    // Only the count of earlier notes shows in a body's HTML (its note numbers).
    notes: fragment.notesBefore === undefined ? undefined : Array.from({length: fragment.notesBefore}, (_, index) => placeholderNote(fragment.chapterId, index + 1)),
    chapterId: fragment.chapterId,
    containerLevel: fragment.containerLevel,
    idPrefix: fragment.idPrefix,
    ...lookupsOf(report),
    excluded: report.excludedEvidence,
    omitted: 0,
  }
  const html = renderBody(body, context)
  return {html, omitted: context.omitted}
}

/** Appendix numbers and excerpts by evidence id, made once per report (renderFragment runs on every preview edit). */
const lookups = new WeakMap<ScoredReport, Pick<RenderContext, 'appendixNumber' | 'evidenceById'>>()

function lookupsOf(report: ScoredReport): Pick<RenderContext, 'appendixNumber' | 'evidenceById'> {
  let found = lookups.get(report)
  if (!found) {
    found = {
      appendixNumber: new Map(report.appendix.map(({evidence, number}) => [evidence.id, number])),
      evidenceById: new Map(report.evidence.map((item) => [item.id, item])),
    }
    lookups.set(report, found)
  }
  return found
}

function placeholderNote(chapterId: string, number: number): Note {
  return {number, id: `${chapterId}-note-${number}`, refId: `${chapterId}-ref-${number}`, items: []}
}

/** Wrap a quotation in curly quotes unless it already opens with a quotation mark. */
export function quoted(text: string): string {
  const trimmed = text.trim()
  return /^["“‘'«„]/.test(trimmed) ? trimmed : `“${trimmed}”`
}

/** HTML anchor of a priority. */
export function priorityAnchor(id: string): string {
  return `priority-${id}`
}

/** HTML anchor of an evidence entry in the appendix. */
export function evidenceAnchor(id: string): string {
  return `evidence-${id}`
}

/**
 * A note's view. As in Chicago style, a source's first note in a chapter is
 * given in full and later ones in short form (`Bugajski, Short Title, p. 7`);
 * `cited` tracks the sources already given in full in this chapter.
 */
function noteView(note: Note, cited: Set<string>) {
  return {
    number: note.number,
    id: note.id,
    refId: note.refId,
    items: note.items.map(({evidence, number, locator, prefix}) => {
      const key = sourceKey(evidence)
      const full = !cited.has(key)
      cited.add(key)
      return {
        full,
        prefix,
        ...noteAttribution(evidence, full),
        author: evidence.author,
        shortName: evidence.author ? evidence.author.trim().split(/\s+/).at(-1) : evidence.publisher,
        title: evidence.title,
        shortTitle: evidence.title.split(/:\s/)[0],
        publisher: evidence.publisher,
        date: formatDate(evidence.date),
        locator: locator ?? evidence.locator,
        anchor: evidenceAnchor(evidence.id),
        label: `E${number}`,
      }
    }),
  }
}

function sourceView(evidence: Evidence) {
  return {
    title: evidence.title,
    publisher: evidence.publisher,
    author: evidence.author,
    date: formatDate(evidence.date),
    url: evidence.url,
    type: evidence.type,
  }
}

function groupBySource(appendix: ScoredReport['appendix']): ScoredReport['appendix'][] {
  const groups: ScoredReport['appendix'][] = []
  let key = ''
  for (const entry of appendix) {
    const next = sourceKey(entry.evidence)
    if (next !== key || groups.length === 0) groups.push([])
    groups.at(-1)!.push(entry)
    key = next
  }
  return groups
}

/** What the page-css partial reads: running heads and the paper size. */
export interface PageContext {
  shortTitle: string
  runningAuthor: string
  pageSize: 'A4' | 'Letter'
}

/**
 * The report's one style sheet, as renderReport inlines it: the bundled fonts,
 * report.css, the scale's status colours, the page-css partial and print.css,
 * with the overrides in `templatesDir` applied. The print tests build their
 * fixture with it.
 */
export async function reportStylesheet(scale: ScoredReport['config']['scale'], page: PageContext, templatesDir?: string): Promise<string> {
  return stylesheet(loadTemplates(templatesDir), await fontFaceCss(), scale, page)
}

function stylesheet(templates: Templates, fonts: string, scale: ScoredReport['config']['scale'], page: PageContext): string {
  return [fonts, templates.css('report.css'), statusCss(scale), templates.partial('page-css', page), templates.css('print.css')].join('\n')
}

function statusCss(scale: ScoredReport['config']['scale']): string {
  // Colours are validated as #rrggbb by the schema, so they are safe in CSS.
  return scale.map((entry) => `.status--${entry.id}{--status-color:${entry.color}}`).join('\n')
}

/** A Handlebars environment with the project's overrides applied. */
interface Templates {
  /** Every partial's and the layout's source, for the characters they can show. */
  text: string
  layout: HandlebarsTemplateDelegate
  partial(name: string, context: unknown): string
  css(name: string): string
}

/**
 * Compiled template sets by their sources: `preview` renders again on every
 * edit, and compiling the templates took longer than some edits' whole
 * rebuild. The files are still read each time, so edits to them show.
 */
const compiledTemplates = new Map<string, Templates>()

function loadTemplates(projectDir: string | undefined): Templates {
  const resolve = (relative: string): string => {
    const override = projectDir && path.join(projectDir, relative)
    if (!override || !lstatSync(override, {throwIfNoEntry: false})) return path.join(defaultTemplatesDir, relative)
    // Overrides are read only as regular files inside the templates folder: never through a link (see load/templates.ts).
    const inspected = inspectFile(override, projectDir)
    if (!isSafe(inspected) || lstatSync(override).isSymbolicLink())
      throw new ScorecardError('TEMPLATE_ERROR', `Template ${override} is not a regular file in the project (a link or special file); it is not read`, {
        hint: 'Replace it with an ordinary file.',
      })
    return override
  }
  const read = (relative: string): string => {
    try {
      return readFileSync(resolve(relative), 'utf8')
    } catch (error) {
      throw new ScorecardError('TEMPLATE_ERROR', `Template "${relative}" is missing`, {cause: error})
    }
  }

  const partialNames = new Set<string>()
  for (const dir of [path.join(defaultTemplatesDir, 'partials'), projectDir && path.join(projectDir, 'partials')]) {
    if (!dir || !existsSync(dir)) continue
    for (const name of readdirSync(dir)) if (name.endsWith('.hbs')) partialNames.add(name.slice(0, -4))
  }
  const partials = [...partialNames].sort().map((name) => [name, read(`partials/${name}.hbs`)] as const)
  const layoutSource = read('layouts/report.hbs')
  const key = JSON.stringify([partials, layoutSource])
  const css = (name: string): string => read(`styles/${name}`)
  const known = compiledTemplates.get(key)
  if (known) return {...known, css}

  const handlebars = Handlebars.create()
  const compile = (source: string) => handlebars.compile(source, {strict: false, preventIndent: true})
  const compiled = new Map<string, HandlebarsTemplateDelegate>()
  for (const [name, source] of partials) {
    const template = compile(source)
    compiled.set(name, template)
    handlebars.registerPartial(name, template)
  }

  handlebars.registerHelper('cssString', (value: unknown) => new Handlebars.SafeString(cssString(String(value ?? ''))))
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  handlebars.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  )

  const runtime = {allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false}
  const layout = compile(layoutSource)
  const templates: Templates = {
    text: key,
    layout: (context: unknown) => layout(context, runtime),
    partial: (name, context) => compiled.get(name)?.(context, runtime) ?? '',
    css,
  }
  if (compiledTemplates.size >= 8) compiledTemplates.delete(compiledTemplates.keys().next().value!)
  compiledTemplates.set(key, templates)
  return templates
}

/** A CSS string literal, escaped so content can never end the string or the style element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}
