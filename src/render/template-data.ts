/**
 * What the Handlebars templates receive: the `ReportView`, with bodies
 * serialised and the charts drawn. The shape is the templates' contract
 * (project overrides rely on it), so it changes only with them.
 */
import type {ChapterView, EvidenceView, PriorityView, ReportView} from '../core/view.js'
import {bodyHtml} from './body.js'
import {changeChart, stackedBarChart} from './charts.js'
import type {MeasureText} from './measure.js'
import {formatString} from '../core/locales/index.js'

/**
 * The templates' data for `view`; `css` is filled in by the layout. Chart
 * labels are measured with `measure`. Each priority's and excerpt's `html`
 * is `html(item)`: by default its body serialised (the layout may put a
 * stand-in there, see index.ts).
 */
export function templateData(view: ReportView, measure: MeasureText, html: (item: PriorityView | EvidenceView) => string = (item) => bodyHtml(item.body.hast)) {
  const chartScale = view.scale.map(({id, label, symbol, color}) => ({id, label, symbol, color}))
  const dimensionCounts = view.dimensions.map(({title, total, counts}) => ({title, total, counts}))
  const changes = view.changes
  return {
    generator: view.generator,
    lang: view.lang,
    strings: view.strings,
    locale: view.locale,
    title: view.title,
    subtitle: view.subtitle,
    fullTitle: view.fullTitle,
    shortTitle: view.shortTitle,
    authors: view.authors,
    authorNames: view.authorNames,
    runningAuthor: view.authorNames.toLowerCase(),
    publisher: view.publisher,
    ...view.frontMatter,
    asOf: view.asOf,
    asOfDisplay: view.asOfDisplay,
    edition: view.edition,
    previousEdition: view.previousEdition,
    period: view.period && {start: view.period.startDisplay, end: view.period.endDisplay},
    keywords: view.keywords.join(', '),
    pageSize: view.pageSize,
    scale: view.scale.map(({rank: _rank, ...entry}) => entry),
    summaryRows: view.priorities.map((priority) => ({
      anchor: priority.anchor,
      title: priority.title,
      dimension: priority.dimensionTitle,
      status: priority.status,
      movement: priority.movement,
    })),
    dimensionCounts,
    distributionChart: stackedBarChart({
      id: 'chart-distribution',
      title: formatString(view.strings.distributionChartTitle, {total: view.summary.total, date: view.asOfDisplay}),
      rows: dimensionCounts.map((row) => ({label: row.title, counts: row.counts})),
      scale: chartScale,
      measure,
    }),
    changes: changes && {
      ...changes.counts,
      kinds: changes.kinds,
      total: changes.total,
      chart: changeChart({id: 'chart-changes', title: changes.title, counts: changes.counts, measure, labels: {up: view.strings.movedUp, same: view.strings.unchanged, down: view.strings.movedDown, new: view.strings.newlyRated}}),
      groups: view.previousEdition ? changes.groups : undefined,
    },
    total: view.summary.total,
    unrated: view.summary.unrated,
    omitted: view.omitted,
    chapters: view.chapters.map((chapter) => chapterData(chapter, html)),
    appendix: {
      verified: view.verified,
      id: view.appendix.id,
      title: view.appendix.title,
      groups: view.appendix.groups.map((group) => ({
        title: group.title,
        publisher: group.publisher,
        author: group.author,
        date: group.date,
        url: group.url,
        type: group.type,
        typeLabel: group.typeLabel,
        note: group.note,
        items: group.items.map((item) => ({
          anchor: item.anchor,
          id: item.id,
          number: item.number,
          label: item.label,
          html: html(item),
          translation: item.translation,
          original: item.original,
          locator: item.locatorDisplay,
          speaker: item.appendixSpeaker,
          spokenOn: item.spokenOnDisplay,
          note: item.ownNote,
          citedBy: item.citedBy,
        })),
      })),
    },
    toc: view.toc,
    css: '',
  }
}

function chapterData(chapter: ChapterView, html: (item: PriorityView) => string) {
  switch (chapter.kind) {
    case 'summary':
    case 'closing':
      return {kind: chapter.kind, isSummary: chapter.kind === 'summary', id: chapter.id, title: chapter.title, html: chapter.body ? bodyHtml(chapter.body.hast) : '', notes: chapter.notes, verified: chapter.verified}
    case 'changes':
      return {kind: chapter.kind, isChanges: true, id: chapter.id, title: chapter.title, html: '', notes: chapter.notes}
    case 'dimension':
      return {
        kind: chapter.kind,
        isDimension: true,
        id: chapter.id,
        title: chapter.title,
        description: chapter.description,
        priorities: chapter.priorities.map((priority) => priorityData(priority, html)),
        notes: chapter.notes,
      }
  }
}

function priorityData(priority: PriorityView, html: (item: PriorityView) => string) {
  return {
    id: priority.id,
    anchor: priority.anchor,
    title: priority.title,
    status: priority.status,
    movement: priority.movement,
    stated: priority.stated && {quote: priority.stated.quoted, note: priority.stated.note, summarisedBy: priority.stated.summarisedBy},
    html: html(priority),
    timeline:
      priority.history.length > 0
        ? priority.history.map((entry) => ({date: entry.date, dateDisplay: entry.dateDisplay, status: entry.status, note: entry.note, ref: entry.ref}))
        : undefined,
    omitted: priority.omitted,
  }
}
