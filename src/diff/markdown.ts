/**
 * `diff --format markdown`: a pull-request comment, built as an mdast tree
 * and serialised by mdast-util-to-markdown (GFM tables by mdast-util-gfm),
 * which escapes whatever the content holds: a title cannot break the table
 * or inject HTML. Word changes are marked with `<ins>` and `<del>`, which
 * GitHub shows; those tags are the only raw HTML in the comment.
 */
import type {BlockContent, Blockquote, Heading, List, ListItem, Paragraph, PhrasingContent, Root, Table, TableCell} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {toMarkdown} from 'mdast-util-to-markdown'
import {arrow, evidenceDetails, moveText, priorityDetails, statusLabel, sideErrors, statusRows, summaryText, typographyNote, type Detail} from './describe.js'
import {forgeFileLink, type ForgeLinks} from './links.js'
import type {AssessmentDiff, DiffSide, LineRange, TextChange} from './types.js'

/** Options of {@link formatDiffMarkdown}. */
export interface MarkdownDiffOptions {
  /** Link each file name to its changed lines on the forge (see links.ts); plain names without. */
  links?: ForgeLinks | undefined
}

const text = (value: string): PhrasingContent => ({type: 'text', value: oneLine(value)})
const code = (value: string): PhrasingContent => ({type: 'inlineCode', value})
const strong = (...children: PhrasingContent[]): PhrasingContent => ({type: 'strong', children})
const paragraph = (...children: PhrasingContent[]): Paragraph => ({type: 'paragraph', children})
const heading = (depth: Heading['depth'], value: string): Heading => ({type: 'heading', depth, children: [text(value)]})
const item = (...children: BlockContent[]): ListItem => ({type: 'listItem', spread: false, children})
const list = (children: ListItem[]): List => ({type: 'list', ordered: false, spread: false, children})
const cell = (...children: PhrasingContent[]): TableCell => ({type: 'tableCell', children})
/** A line ending inside a paragraph (GitHub's alert needs its marker on a line of its own). */
const softBreak: PhrasingContent = {type: 'text', value: '\n'}
/** Fixed markup, written as is: never built from content. */
const raw = (value: string): PhrasingContent => ({type: 'html', value})

/** Comment text is one line per item; line breaks in content would start new Markdown blocks. */
function oneLine(value: string): string {
  return value.includes('\n') ? value.split('\n').join(' ') : value
}

/** Codes and ids, comma-separated. */
function codes(values: readonly string[]): PhrasingContent[] {
  return values.flatMap((value, index) => (index === 0 ? [code(value)] : [text(', '), code(value)]))
}

/** A word-level change with `<ins>` and `<del>`; spaces stay outside the tags so they are not struck through. */
function words(change: TextChange): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const segment of change.segments) {
    if (segment.op === 'equal') {
      out.push(text(segment.text))
      continue
    }
    const inner = segment.text.trim()
    if (inner.length === 0) {
      out.push(text(segment.text))
      continue
    }
    const tag = segment.op === 'insert' ? 'ins' : 'del'
    const start = segment.text.indexOf(inner)
    const lead = segment.text.slice(0, start)
    const trail = segment.text.slice(start + inner.length)
    if (lead) out.push(text(lead))
    out.push(raw(`<${tag}>`), text(inner), raw(`</${tag}>`))
    if (trail) out.push(text(trail))
  }
  return out
}

function detail(entry: Detail): PhrasingContent[] {
  const value =
    entry.text === undefined
      ? words(entry.change!)
      : // Evidence ids read best as code.
        entry.label.startsWith('evidence') || entry.label.startsWith('cites')
        ? codes(entry.text.split(', '))
        : [text(entry.text)]
  return [text(`${entry.label}: `), ...value]
}

/** A side as `**label** (`commit`)`, plus `(no project)` for an empty base. */
function side(value: DiffSide): PhrasingContent[] {
  return [
    strong(text(value.label)),
    ...(value.commit ? [text(' ('), code(value.commit.slice(0, 7)), text(')')] : []),
    ...(value.empty ? [text(' (no project)')] : []),
  ]
}

/**
 * A file name, as code, linked to the lines that changed when the forge is
 * known: the head's file, or the base's when it was removed.
 */
function fileRef(links: ForgeLinks | undefined, entry: {file: string; change: string; lines: LineRange | null}): PhrasingContent {
  const url = links && forgeFileLink(links, entry.change === 'removed' ? 'base' : 'head', entry.file, entry.lines)
  return url ? {type: 'link', url, children: [code(entry.file)]} : code(entry.file)
}

/** Sides that do not pass check, as a GitHub warning alert listing their errors. */
function sideWarning(diff: AssessmentDiff): Blockquote | undefined {
  const sides = sideErrors(diff)
  if (sides.length === 0) return undefined
  const children: BlockContent[] = [paragraph(raw('[!WARNING]'), softBreak, strong(text('Not every file could be compared.')))]
  for (const entry of sides) {
    children.push(paragraph(text(`${entry.heading}:`)))
    const items = entry.lines.map((line) => item(paragraph(code(line))))
    if (entry.more > 0) items.push(item(paragraph(text(`… and ${entry.more} more`))))
    children.push(list(items))
  }
  return {type: 'blockquote', children}
}

/** The edited quotations, as a GitHub caution alert. */
function caution(diff: AssessmentDiff, links: ForgeLinks | undefined): Blockquote | undefined {
  const edited = diff.evidence.filter((entry) => entry.quotationEdited)
  if (edited.length === 0) return undefined
  const children: BlockContent[] = [
    paragraph(
      // GitHub's alert marker has no mdast node, and as text it would be escaped.
      raw('[!CAUTION]'),
      softBreak,
      strong(text(`EDITED QUOTATION${edited.length === 1 ? '' : 'S'}.`)),
      text(` Evidence excerpts are verbatim quotations and should not change. Check ${edited.length === 1 ? 'this edit' : 'these edits'} against the source.`),
    ),
  ]
  for (const entry of edited)
    children.push(
      paragraph(
        strong(code(entry.id)),
        text(' ('),
        fileRef(links, entry),
        text(')'),
        ...(entry.citedBy.length > 0 ? [text(', cited by '), ...codes(entry.citedBy)] : []),
        text(':'),
        softBreak,
        ...words(entry.quotation!.change),
      ),
    )
  return {type: 'blockquote', children}
}

function statusTable(diff: AssessmentDiff): Table | undefined {
  const rows = statusRows(diff)
  if (rows.length === 0) return undefined
  const header = ['', 'Priority', 'Before', 'After', 'Change'].map((label) => cell(...(label ? [text(label)] : [])))
  return {
    type: 'table',
    align: ['center', null, null, null, null],
    children: [
      {type: 'tableRow', children: header},
      ...rows.map((entry) => ({
        type: 'tableRow' as const,
        children: [
          cell(text(entry.change === 'added' ? '＋' : entry.change === 'removed' ? '−' : arrow(entry.status))),
          cell(text(entry.title), text(' ('), code(entry.id), text(')')),
          cell(text(statusLabel(diff, entry.status.before))),
          cell(text(statusLabel(diff, entry.status.after))),
          cell(text(entry.change === 'modified' ? moveText(entry.status) : entry.change)),
        ],
      })),
    ],
  }
}

/**
 * `diff --format markdown`: a pull-request comment. A summary line, a table
 * of status moves, edited quotations as a caution alert, then details.
 */
export function formatDiffMarkdown(diff: AssessmentDiff, options: MarkdownDiffOptions = {}): string {
  const {links} = options
  const tree: Root = {type: 'root', children: []}
  const add = (...nodes: (Root['children'][number] | undefined)[]): void => {
    for (const node of nodes) if (node) tree.children.push(node)
  }
  add(
    heading(3, `Scorecard: ${diff.title}`),
    sideWarning(diff),
    paragraph(...side(diff.base), text(' → '), ...side(diff.head), text(': '), strong(text(summaryText(diff, {symbols: true})))),
    diff.ignoreTypography ? paragraph(text(typographyNote)) : undefined,
    caution(diff, links),
  )

  const table = statusTable(diff)
  if (table) add(heading(4, 'Status changes'), table)

  if (diff.priorities.length > 0)
    add(
      heading(4, 'Priorities'),
      list(
        diff.priorities.map((entry) => {
          const badge = entry.change === 'modified' ? [] : [text(' — '), strong(text(entry.change))]
          const details = priorityDetails(diff, entry).map((one) => item(paragraph(...detail(one))))
          return item(paragraph(strong(text(entry.title)), text(' ('), code(entry.id), text(', '), fileRef(links, entry), text(')'), ...badge), ...(details.length > 0 ? [list(details)] : []))
        }),
      ),
    )

  if (diff.evidence.length > 0)
    add(
      heading(4, 'Evidence'),
      list(
        diff.evidence.map((entry) => {
          const flag = entry.quotationEdited ? [text(' — ⚠️ '), strong(text('EDITED QUOTATION'))] : []
          const details = evidenceDetails(entry).map((line) => item(paragraph(text(line))))
          return item(
            paragraph(code(entry.id), text(` — ${entry.title} (`), fileRef(links, entry), text(`) — ${entry.change}`), ...flag),
            ...(details.length > 0 ? [list(details)] : []),
          )
        }),
      ),
    )

  if (diff.prose.length > 0)
    add(
      heading(4, 'Report chapters'),
      list(
        diff.prose.map((entry) => {
          const details: ListItem[] = []
          if (entry.titleChange) details.push(item(paragraph(text(`title: ${entry.titleChange.before} → ${entry.titleChange.after}`))))
          if (entry.text) details.push(item(paragraph(text('text: '), ...words(entry.text))))
          return item(paragraph(strong(text(entry.title)), text(' ('), fileRef(links, entry), text(`) — ${entry.change}`)), ...(details.length > 0 ? [list(details)] : []))
        }),
      ),
    )

  if (diff.report.length > 0 || diff.scale.changed) {
    const fields = diff.report.map((field) => item(paragraph(code(field.field), text(`: ${field.before ?? '—'} → ${field.after ?? '—'}`))))
    if (diff.scale.changed) fields.push(item(paragraph(text('The rating scale changed; statuses are ranked on the new scale.'))))
    add(heading(4, 'Report settings'), list(fields))
  }

  if (!diff.summary.changed) add(paragraph(text('Nothing in the assessment changed.')))
  return toMarkdown(tree, {bullet: '-', listItemIndent: 'one', extensions: [gfmToMarkdown({tablePipeAlign: false})]})
}
