/**
 * What the redline reads of one side: each priority's stated commitment and
 * rendered body (hast, with the citation behind each note reference), and
 * each excerpt's text.
 */
import path from 'node:path'
import type {Root} from 'hast'
import rehypeRaw from 'rehype-raw'
import {unified} from 'unified'
import type {ScoredReport} from '../../core/model.js'
import {excerptText} from '../../link/index.js'
import {renderReport} from '../../render/index.js'
import type {RedlineSide} from './page.js'
import {templatesTrusted} from '../../load/templates.js'

const parse = unified().use(rehypeRaw).freeze()

/** The redline's view of a scored side, rendered with the side's own templates. */
export async function redlineSide(report: ScoredReport, dir: string): Promise<RedlineSide> {
  const rendered = await renderReport(report, {templatesDir: templatesTrusted(undefined) ? path.join(dir, 'templates') : undefined})
  const priorities = new Map<string, RedlineSide['priorities'] extends ReadonlyMap<string, infer V> ? V : never>()
  for (const item of report.priorities) {
    const html = rendered.priorityHtml.get(item.id) ?? ''
    const hast = parse.runSync({type: 'root', children: [{type: 'raw', value: html}]} as Root) as Root
    // A citation of nothing but evidence left out of this edition gets no note reference.
    const referenced = (report.bodies.get(item)?.citations ?? []).filter((citation) => citation.items.some((entry) => !report.excludedEvidence.has(entry.id)))
    priorities.set(item.id, {stated: item.stated?.quote, body: {hast, referenced}})
  }
  const excerpts = new Map(report.evidence.map((item) => [item.id, excerptText(report.bodies.get(item)!)]))
  return {lang: report.config.lang, priorities, excerpts}
}
