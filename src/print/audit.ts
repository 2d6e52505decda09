/**
 * The layout audit: a printed PDF read back (see audit-read.ts) and checked
 * for what a publisher's proofreader would send back: a heading stranded at
 * the foot of a page, a page left mostly empty in mid-chapter, a chapter
 * whose last few lines stand alone on a page, a table
 * broken so that fewer than three rows (or only its total) stand on one
 * side of the break, Type 3 fonts (which printers flag) and glyphs drawn
 * from a font the report does not bundle.
 *
 * Each finding has a stable rule id; `build` reports them as warnings.
 */
import type {RuleId} from '../core/rules.js'
import type {AuditPage, AuditText, ParsedPdf} from './audit-read.js'
import {readLayout} from './audit-scan.js'

/** Rule ids of the layout audit (registered in core/rules.ts). */
export const layoutRules = {
  strandedHeading: 'layout-stranded-heading',
  underfullPage: 'layout-underfull-page',
  tableBreak: 'layout-table-break',
  type3Font: 'layout-type3-font',
  fallbackFont: 'layout-fallback-font',
} as const satisfies Record<string, RuleId>

/** One problem the audit found. */
export interface LayoutFinding {
  ruleId: (typeof layoutRules)[keyof typeof layoutRules]
  /** 1-based page number, as printed. */
  page: number
  reason: string
  hint: string
}

/** What the audit checks against. */
export interface AuditOptions {
  /**
   * PostScript name prefixes of the fonts the document may use
   * (`SourceSerif4` matches `ABCDEF+SourceSerif4-Italic`). Without it, fonts
   * are not checked for fallbacks.
   */
  fonts?: readonly string[]
  /** A heading whose top lies below this fraction of the text area is "at the foot". Default 0.6. */
  footZone?: number
  /** Lines of running text a heading must be followed by on its page. Default 2. */
  linesAfterHeading?: number
  /** A page in mid-chapter must fill at least this fraction of the text area. Default 0.6. */
  minFill?: number
  /**
   * A chapter's last page, when the chapter began on an earlier page, must
   * fill at least this fraction: a few lines (of notes, say) alone on a page
   * are sent back by any proofreader. Default 0.15.
   */
  minEndFill?: number
  /** Heading levels that open a chapter (a new page). Default 2: h1 and h2. */
  chapterLevel?: number
  /** Rows a table must keep on each side of a page break. Default 3. */
  minRows?: number
}

/** Read `pdf` (`parsed`: the same PDF, parsed by pdf-lib already) and audit its layout. */
export async function auditPdf(pdf: Uint8Array, options: AuditOptions & {parsed?: ParsedPdf} = {}): Promise<LayoutFinding[]> {
  return auditPages(await readLayout(pdf, options.parsed), options)
}

/** Audit pages already read (see `readLayout` in audit-scan.ts). */
export function auditPages(pages: readonly AuditPage[], options: AuditOptions = {}): LayoutFinding[] {
  const area = textArea(pages)
  const findings: LayoutFinding[] = []
  for (const page of pages) {
    findings.push(...checkStrandedHeading(page, area, options))
    findings.push(...checkUnderfull(page, pages, area, options))
    findings.push(...checkTables(page, options))
    findings.push(...checkFonts(page, options))
  }
  return findings.sort((a, b) => a.page - b.page || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
}

interface Area {
  top: number
  bottom: number
}

/** Tagged text (running heads and other artifacts left out) of pages after the cover. */
function content(page: AuditPage): AuditText[] {
  return page.texts.filter((text) => text.roles.length > 0)
}

/**
 * The text area, as the document's pages use it: from the highest top to
 * the lowest bottom of tagged text on any page but the first (a cover is
 * often laid out to the sheet's edge).
 */
function textArea(pages: readonly AuditPage[]): Area {
  let top = Infinity
  let bottom = -Infinity
  for (const page of pages.length > 1 ? pages.slice(1) : pages)
    for (const text of content(page)) {
      top = Math.min(top, text.top)
      bottom = Math.max(bottom, text.bottom)
    }
  return Number.isFinite(top) ? {top, bottom} : {top: 0, bottom: pages[0]?.height ?? 1}
}

const headingRole = /^H([1-6])?$/

function headingLevel(text: AuditText): number | undefined {
  for (let index = text.roles.length - 1; index >= 0; index--) {
    const match = headingRole.exec(text.roles[index]!)
    if (match) return Number(match[1] ?? 1)
  }
  return undefined
}

/**
 * Running text: a paragraph, list item or table cell at a size not far below
 * the body's, outside figures and their captions. A status badge, a boxed
 * commitment or a caption is not what a heading introduces.
 */
function isRunningText(text: AuditText, bodySize: number): boolean {
  if (headingLevel(text) !== undefined) return false
  if (text.roles.some((role) => role === 'Figure' || role === 'Caption' || role === 'BlockQuote')) return false
  if (text.roles.some((role) => role === 'TD' || role === 'TH' || role === 'L' || role === 'LI' || role === 'LBody')) return true
  // Chromium tags a description list (dl, dt, dd) as NonStruct: its text runs on like a paragraph's.
  const leaf = text.roles[text.roles.length - 1]
  return (text.roles.includes('P') || leaf === 'NonStruct' || leaf === 'Div') && text.size >= bodySize * 0.9
}

/** The most used text size of the page, by characters. */
function bodySizeOf(page: AuditPage): number {
  const bySize = new Map<number, number>()
  for (const text of content(page)) {
    const size = Math.round(text.size * 2) / 2
    bySize.set(size, (bySize.get(size) ?? 0) + text.text.length)
  }
  let best = 0
  let most = -1
  for (const [size, count] of bySize) if (count > most || (count === most && size > best)) [best, most] = [size, count]
  return best
}

/** Distinct baselines (to half a point) among `texts`. */
function lineCount(texts: readonly AuditText[]): number {
  return new Set(texts.map((text) => Math.round(text.bottom * 2))).size
}

function checkStrandedHeading(page: AuditPage, area: Area, options: AuditOptions): LayoutFinding[] {
  const texts = content(page)
  const headings = texts.filter((text) => headingLevel(text) !== undefined)
  const last = headings.reduce<AuditText | undefined>((lowest, text) => (!lowest || text.top > lowest.top ? text : lowest), undefined)
  if (!last) return []
  const footZone = area.top + (area.bottom - area.top) * (options.footZone ?? 0.6)
  if (last.top < footZone) return []
  const bodySize = bodySizeOf(page)
  const after = texts.filter((text) => text.top > last.bottom && isRunningText(text, bodySize))
  const needed = options.linesAfterHeading ?? 2
  if (lineCount(after) >= needed) return []
  // A chart (a figure of several lines of labels) is what a heading may introduce, too.
  const figure = texts.filter((text) => text.top > last.bottom && text.roles.includes('Figure') && !text.roles.includes('Caption'))
  if (lineCount(figure) >= needed) return []
  // Runs of the heading's text, one or more per line (readers cut them at spaces or not), joined by a space.
  const title = headings
    .filter((text) => text.element === last.element)
    .map((text) => text.text)
    .join(' ')
    .replace(/\s+/gu, ' ')
  return [
    {
      ruleId: 'layout-stranded-heading',
      page: page.number,
      reason: `Heading "${title.trim()}" stands at the foot of the page with ${lineCount(after) === 0 ? 'no text' : 'only one line'} after it`,
      hint: 'Keep a heading with what it introduces: break-after: avoid on the heading and its companions (badge, boxed quotation), or break-before: page.',
    },
  ]
}

/** Whether a chapter heading opens `page` (its first tagged text). */
function opensChapter(page: AuditPage | undefined, options: AuditOptions): boolean {
  if (!page) return true
  const first = content(page).reduce<AuditText | undefined>((highest, text) => (!highest || text.top < highest.top ? text : highest), undefined)
  const level = first && headingLevel(first)
  return level !== undefined && level <= (options.chapterLevel ?? 2)
}

function checkUnderfull(page: AuditPage, pages: readonly AuditPage[], area: Area, options: AuditOptions): LayoutFinding[] {
  // A chapter's last page (and the document's) may be short, but not a few lines alone.
  const endsChapter = opensChapter(pages[page.number], options)
  // The cover and a one-page chapter may be as short as they are.
  if (page.number === 1 || (endsChapter && opensChapter(page, options))) return []
  const texts = content(page)
  if (texts.length === 0) return []
  let bottom = -Infinity
  for (const text of texts) bottom = Math.max(bottom, text.bottom)
  const fill = (bottom - area.top) / (area.bottom - area.top)
  const minFill = endsChapter ? (options.minEndFill ?? 0.15) : (options.minFill ?? 0.6)
  if (fill >= minFill) return []
  const lines = lineCount(texts)
  return [
    {
      ruleId: 'layout-underfull-page',
      page: page.number,
      reason: endsChapter
        ? `Page ends a chapter with only ${lines} line${lines === 1 ? '' : 's'} (${Math.round(fill * 100)}% full; at least ${Math.round(minFill * 100)}% expected)`
        : `Page is ${Math.round(fill * 100)}% full in mid-chapter (at least ${Math.round(minFill * 100)}% expected)`,
      hint: endsChapter
        ? 'The last lines of a chapter (often its notes) ran onto a page of their own: tighten the chapter (shorter prose, notes set smaller or in columns) or let more of it carry over.'
        : 'Something too large to break moved to the next page: let it break (break-inside: auto), or make it smaller.',
    },
  ]
}

function checkTables(page: AuditPage, options: AuditOptions): LayoutFinding[] {
  const minRows = options.minRows ?? 3
  const findings: LayoutFinding[] = []
  for (const table of page.tables) {
    const body = table.rows.filter((row) => !row.header)
    if (body.length === 0) continue
    const bodyIndices = Array.from({length: table.rowCount}, (_, index) => index).filter((index) => !table.headerRows.includes(index))
    const firstBody = bodyIndices[0]!
    const lastBody = bodyIndices.at(-1)!
    const first = Math.min(...body.map((row) => row.index))
    const last = Math.max(...body.map((row) => row.index))
    const continues = last < lastBody
    const continued = first > firstBody
    if (!continues && !continued) continue
    const onlyTotal = continued && body.length === 1 && last === lastBody
    if (body.length >= minRows && !onlyTotal) continue
    const count = `${body.length} row${body.length === 1 ? '' : 's'}`
    findings.push({
      ruleId: 'layout-table-break',
      page: page.number,
      reason: continues
        ? `A table starts at the foot of the page with only ${count} before it breaks`
        : onlyTotal
          ? 'A table breaks so that only its last row (its total) stands on this page'
          : `A table breaks so that only ${count} stand on this page`,
      hint: `Keep at least ${minRows} rows on each side of a break: move the table to the next page (break-before) or keep short tables whole (break-inside: avoid).`,
    })
  }
  return findings
}

function checkFonts(page: AuditPage, options: AuditOptions): LayoutFinding[] {
  const findings: LayoutFinding[] = []
  for (const font of page.fonts) {
    if (font.subtype === 'Type3') {
      findings.push({
        ruleId: 'layout-type3-font',
        page: page.number,
        reason: `The page uses a Type 3 font${font.name === '[none]' ? '' : ` (${font.name})`}`,
        hint: 'Chromium prints synthetic bold or italic, colour glyphs and some SVG text as Type 3: give every weight and style used a real face (or a weight range), and avoid emoji.',
      })
      continue
    }
    if (!options.fonts || font.subtype === 'Type0' && font.name === '[none]') continue
    const name = font.name.replace(/^[A-Z]{6}\+/, '')
    if (!options.fonts.some((prefix) => name.startsWith(prefix)))
      findings.push({
        ruleId: 'layout-fallback-font',
        page: page.number,
        reason: `Glyphs on the page come from ${name}, a fallback font the report does not bundle`,
        hint: 'A character is missing from the bundled fonts (or their subsets): use another character, or add a face that has it.',
      })
  }
  return findings
}
