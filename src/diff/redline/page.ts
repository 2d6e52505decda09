/**
 * The redline page for `diff --html`: the changed priorities as readers see
 * them, with insertions and deletions marked up as `<ins>` and `<del>`. The
 * page is a hast tree, serialised once; bodies are redlined as hast
 * (hast-diff.ts), never as HTML strings.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {movementPhrase} from '../../present/labels.js'
import {evidenceDetails, moveText, sideErrors, sideName, statusRows, summaryText, typographyNote} from '../describe.js'
import type {AssessmentDiff, PriorityDiff, TextChange} from '../types.js'
import {citationsAsKeys, type CitedBody} from './citations.js'
import {redlineCss} from './css.js'
import {redlineBlocks, redlineText, textBlocks, wrapBlocks} from './hast-diff.js'

/** What the redline needs of each side. */
export interface RedlineSide {
  /** BCP 47 language of the report (the head's is the page's). */
  lang: string
  /** Each priority's stated commitment and rendered body, by id. */
  priorities: ReadonlyMap<string, {stated: string | undefined; body: CitedBody}>
  /** Each evidence excerpt as plain text, by id. */
  excerpts: ReadonlyMap<string, string>
}

type Child = ElementContent | string

const code = (value: string): Element => h('code', value)

/** Items joined by `, `. */
function joined(items: readonly Child[]): Child[] {
  return items.flatMap((entry, index) => (index === 0 ? [entry] : [', ', entry]))
}

function anchor(entry: PriorityDiff): string {
  return `priority-${entry.change === 'removed' ? 'removed-' : ''}${entry.id}`
}

function badge(diff: AssessmentDiff, id: string | null): Child {
  if (id === null) return '—'
  const entry = diff.scale.entries.find((one) => one.id === id) ?? diff.scale.before?.find((one) => one.id === id)
  if (!entry) return id
  return h('span', {className: ['status', `status--${entry.id}`]}, [
    h('span', {className: ['status__symbol'], ariaHidden: 'true'}, entry.symbol),
    ' ',
    h('span', {className: ['status__label']}, entry.label),
  ])
}

function statusLine(diff: AssessmentDiff, entry: PriorityDiff): Child[] {
  if (entry.change === 'added') return [h('ins', [badge(diff, entry.status.after)])]
  if (entry.change === 'removed') return [h('del', [badge(diff, entry.status.before)])]
  if (entry.status.movement === 'same') return [badge(diff, entry.status.after), ` (${movementPhrase({movement: 'same', steps: 0})})`]
  return [h('del', [badge(diff, entry.status.before)]), ' → ', h('ins', [badge(diff, entry.status.after)]), ' ', h('strong', `(${moveText(entry.status)})`)]
}

function segments(change: TextChange): Child[] {
  return change.segments.map((segment) => (segment.op === 'equal' ? segment.text : h(segment.op === 'insert' ? 'ins' : 'del', segment.text)))
}

function sideProblems(diff: AssessmentDiff): Element | undefined {
  const sides = sideErrors(diff)
  if (sides.length === 0) return undefined
  return h('section', {className: ['alert'], ariaLabelledBy: 'side-errors'}, [
    h('h2', {id: 'side-errors'}, 'Not every file could be compared'),
    ...sides.flatMap((entry) => [
      h('p', `${entry.heading}:`),
      h('ul', [...entry.lines.map((line) => h('li', [code(line)])), ...(entry.more > 0 ? [h('li', `… and ${entry.more} more`)] : [])]),
    ]),
  ])
}

function editedQuotations(diff: AssessmentDiff): Element | undefined {
  const edited = diff.evidence.filter((entry) => entry.quotationEdited)
  if (edited.length === 0) return undefined
  return h('section', {className: ['alert'], ariaLabelledBy: 'edited-quotations'}, [
    h('h2', {id: 'edited-quotations'}, `Edited quotation${edited.length === 1 ? '' : 's'}`),
    h('p', [h('strong', 'Evidence excerpts are verbatim quotations and should not change.'), ` Check ${edited.length === 1 ? 'this edit' : 'these edits'} against the source.`]),
    ...edited.map((entry) =>
      h('figure', {className: ['excerpt']}, [
        h('figcaption', [
          code(entry.id),
          `, ${entry.title} (`,
          code(entry.file),
          ')',
          ...(entry.citedBy.length > 0 ? ['; cited by ', ...joined(entry.citedBy.map(code))] : []),
        ]),
        h('blockquote', redlineBlocks(textBlocks(entry.quotation!.before), textBlocks(entry.quotation!.after))),
      ]),
    ),
  ])
}

function statusTable(diff: AssessmentDiff): Element | undefined {
  const rows = statusRows(diff)
  if (rows.length === 0) return undefined
  return h('section', {ariaLabelledBy: 'status-changes'}, [
    h('h2', {id: 'status-changes'}, 'Status changes'),
    h('table', [
      h('thead', [h('tr', ['Priority', 'Before', 'After', 'Change'].map((label) => h('th', {scope: 'col'}, label)))]),
      h(
        'tbody',
        rows.map((entry) =>
          h('tr', [
            h('th', {scope: 'row'}, [h('a', {href: `#${anchor(entry)}`}, entry.title)]),
            h('td', [badge(diff, entry.status.before)]),
            h('td', [badge(diff, entry.status.after)]),
            h('td', entry.change === 'modified' ? moveText(entry.status) : entry.change),
          ]),
        ),
      ),
    ]),
  ])
}

function priority(diff: AssessmentDiff, entry: PriorityDiff, sides: {base: RedlineSide; head: RedlineSide}): Element {
  const before = sides.base.priorities.get(entry.previousId ?? entry.id)
  const after = entry.change === 'removed' ? undefined : sides.head.priorities.get(entry.id)
  const kind = entry.change === 'added' ? 'ins' : entry.change === 'removed' ? 'del' : undefined
  const id = anchor(entry)
  const heading: Child[] = entry.titleChange ? redlineText(entry.titleChange.before, entry.titleChange.after) : [entry.title]
  const parts: Element[] = [
    h('header', [
      h('h3', {id: `${id}-title`}, kind ? [h(kind, heading)] : heading),
      h('p', {className: ['meta']}, [
        code(entry.id),
        ...(entry.previousId ? [' (was ', code(entry.previousId), ')'] : []),
        ' · ',
        code(entry.file),
        ...(entry.change === 'modified' ? [] : [' · ', h('strong', entry.change)]),
      ]),
      h('p', {className: ['status-line']}, ['Status: ', ...statusLine(diff, entry)]),
    ]),
  ]
  const statedBefore = before?.stated
  const statedAfter = after?.stated
  if (statedBefore !== undefined || statedAfter !== undefined) {
    const quote =
      statedBefore !== undefined && statedAfter !== undefined
        ? redlineText(statedBefore, statedAfter)
        : statedAfter !== undefined
          ? [h('ins', statedAfter)]
          : [h('del', statedBefore!)]
    parts.push(h('figure', {className: ['stated']}, [h('blockquote', [h('p', quote)]), h('figcaption', 'Stated commitment')]))
  }
  const body = (side: {body: CitedBody} | undefined): Root => (side ? citationsAsKeys(side.body) : {type: 'root', children: []})
  const assessment = kind === 'ins' ? wrapBlocks(body(after), 'ins') : kind === 'del' ? wrapBlocks(body(before), 'del') : redlineBlocks(body(before), body(after))
  parts.push(h('div', {className: ['assessment']}, assessment))
  const cites: Child[][] = []
  if (entry.change === 'modified' && entry.evidence.added.length > 0) cites.push(['Evidence added: ', ...joined(entry.evidence.added.map((one) => h('ins', [code(one)])))])
  if (entry.change === 'modified' && entry.evidence.removed.length > 0) cites.push(['Evidence removed: ', ...joined(entry.evidence.removed.map((one) => h('del', [code(one)])))])
  if (entry.editedQuotations.length > 0) cites.push([h('strong', 'Cites an edited quotation:'), ' ', ...joined(entry.editedQuotations.map(code))])
  if (cites.length > 0) parts.push(h('ul', {className: ['cites']}, cites.map((line) => h('li', line))))
  return h('article', {className: ['priority', `priority--${entry.change}`], id, ariaLabelledBy: `${id}-title`}, parts)
}

function otherEvidence(diff: AssessmentDiff, sides: {base: RedlineSide; head: RedlineSide}): Element | undefined {
  const other = diff.evidence.filter((entry) => !entry.quotationEdited)
  if (other.length === 0) return undefined
  return h('section', {ariaLabelledBy: 'evidence'}, [
    h('h2', {id: 'evidence'}, 'Other evidence changes'),
    ...other.map((entry) => {
      const text = (entry.change === 'removed' ? sides.base : sides.head).excerpts.get(entry.id) ?? ''
      const kind = entry.change === 'added' ? 'ins' : entry.change === 'removed' ? 'del' : undefined
      const details = evidenceDetails(entry).filter((line) => !line.startsWith('quotation edited'))
      return h('figure', {className: ['excerpt']}, [
        h('figcaption', [code(entry.id), `, ${entry.title} (`, code(entry.file), ') · ', h('strong', entry.change)]),
        ...(kind ? [h('blockquote', wrapBlocks(textBlocks(text), kind))] : []),
        ...(details.length > 0 ? [h('ul', details.map((line) => h('li', line)))] : []),
      ])
    }),
  ])
}

function chapters(diff: AssessmentDiff): Element | undefined {
  if (diff.prose.length === 0) return undefined
  return h('section', {ariaLabelledBy: 'chapters'}, [
    h('h2', {id: 'chapters'}, 'Report chapters'),
    h(
      'ul',
      diff.prose.map((entry) =>
        h('li', [h('strong', entry.title), ' (', code(entry.file), `) · ${entry.change}`, ...(entry.text ? [h('p', segments(entry.text))] : [])]),
      ),
    ),
  ])
}

function settings(diff: AssessmentDiff): Element | undefined {
  if (diff.report.length === 0 && !diff.scale.changed) return undefined
  const items = diff.report.map((field) =>
    h('li', [code(field.field), ': ', field.before === null ? '—' : h('del', field.before), ' → ', field.after === null ? '—' : h('ins', field.after)]),
  )
  if (diff.scale.changed) items.push(h('li', 'The rating scale changed; statuses are ranked on the new scale.'))
  return h('section', {ariaLabelledBy: 'settings'}, [h('h2', {id: 'settings'}, 'Report settings'), h('ul', items)])
}

/** Line breaks between the page's top-level parts, so the source stays readable. */
function lines(nodes: readonly (Element | undefined)[]): ElementContent[] {
  return nodes.filter((node): node is Element => node !== undefined).flatMap((node) => [{type: 'text' as const, value: '\n'}, node])
}

/**
 * The redline page for `--html`. One self-contained file: inline CSS, no
 * script, and a CSP that forbids loading anything. Screen readers announce
 * the start and end of each change.
 */
export function redlineHtml(diff: AssessmentDiff, sides: {base: RedlineSide; head: RedlineSide}): string {
  const title = `Changes to ${diff.title}`
  const masthead = h('header', {className: ['masthead']}, [
    h('h1', title),
    h('p', ['From ', h('strong', sideName(diff.base)), ' to ', h('strong', sideName(diff.head)), '.']),
    h('p', {className: ['summary']}, summaryText(diff, {symbols: false})),
    ...(diff.ignoreTypography ? [h('p', {className: ['meta']}, typographyNote)] : []),
    h('p', {className: ['legend']}, [
      'How to read this page: ',
      h('ins', 'inserted text'),
      ' is underlined and green; ',
      h('del', 'deleted text'),
      ' is struck through and red. Citations are shown by evidence id in brackets.',
    ]),
  ])
  const priorities =
    diff.priorities.length > 0
      ? h('section', {ariaLabelledBy: 'priorities'}, [h('h2', {id: 'priorities'}, 'Priorities'), ...diff.priorities.map((entry) => priority(diff, entry, sides))])
      : undefined
  const nothing = diff.summary.changed ? undefined : h('p', 'Nothing in the assessment changed.')

  const scale = [...diff.scale.entries, ...(diff.scale.before ?? []).filter((entry) => !diff.scale.entries.some((other) => other.id === entry.id))]
  // Colours are validated as #rrggbb and ids as slugs, so both are safe in CSS.
  const statusCss = scale.map((entry) => `.status--${entry.id}{--status-color:${entry.color}}`).join('\n')
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: sides.head.lang}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('meta', {httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}),
          h('meta', {name: 'generator', content: 'Scorecard'}),
          h('title', title),
          h('style', `\n${redlineCss}\n${statusCss}\n`),
        ]),
        h('body', [
          h('main', [
            ...lines([masthead, sideProblems(diff), editedQuotations(diff), statusTable(diff), priorities, otherEvidence(diff, sides), chapters(diff), settings(diff), nothing]),
            {type: 'text', value: '\n'},
          ]),
        ]),
      ]),
    ],
  }
  return `${toHtml(tree)}\n`
}
