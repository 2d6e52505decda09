/**
 * Stage 6, render: the `ReportView` to report.html, through the Handlebars
 * layout and partials in `templates/` (a project may override any of them by
 * file name).
 *
 * Markdown bodies become hast earlier, when present builds the view, with
 * this folder's passes: `body.ts` runs them in one frozen unified processor
 * (remark-rehype, rehype-raw-when-present, rehype-sanitize with
 * `sanitize-schema.ts`, rehype-safe-resources, rehype-slug,
 * rehype-scope-headings, rehype-endnotes); `bodyHtml` serialises them.
 */
import type {ScoredReport} from '../core/model.js'
import type {EvidenceView, PriorityView, ReportView} from '../core/view.js'
import {ScorecardError} from '../core/errors.js'
import {randomBytes} from 'node:crypto'
import {distinctCharacters, fontFaceCss, fontFaceCssFor, subsetCharactersOf} from './fonts.js'
import {bodyHtml} from './body.js'
import {sansMeasure} from './measure.js'
import {templateData} from './template-data.js'
import {loadTemplates, type Templates} from './templates.js'
import {readThemeManifest} from './theme-manifest.js'

export {bodyHtml, renderBody, type RenderedBody} from './body.js'
export {sanitizeSchema} from './sanitize-schema.js'
export {cssString, defaultTemplatesDir} from './templates.js'
export {readThemeManifest, type ThemeManifest} from './theme-manifest.js'

/** Options for the HTML layout. */
export interface LayoutOptions {
  /** The project's own templates folder; files there override the defaults by name. */
  templatesDir?: string
  /** The theme's folder (templates, styles/theme.css), between the defaults and the project's overrides. */
  themeDir?: string
  /** The project's folder: a theme's font packages may be installed there (see theme-manifest.ts). */
  projectRoot?: string
}

/**
 * Lays a view out as report.html (see {@link htmlLayout}). `relayout` gives
 * the report again after only the bodies of priorities and excerpts changed
 * in the view last laid out (`preview` swaps one body in), without running
 * the templates; undefined when it cannot.
 */
export interface ReportLayout {
  (view: ReportView): Promise<string>
  relayout(view: ReportView): Promise<string | undefined>
  /**
   * `html`, the last report this layout gave (by either way), as UTF-8: the
   * same bytes as `Buffer.from(html)`, from the parts encoded once and the
   * slots encoded when their text changed. Undefined when `html` is not the
   * last report, or the last layout ran the templates with the text itself.
   */
  bytes(html: string): Buffer | undefined
}

/** What {@link ReportLayout.relayout} reuses of the last layout. */
interface Laid {
  view: ReportView
  /** The templates' output around the stand-ins: `parts[i]`, slot `slots[i]`, `parts[i + 1]`, … */
  parts: string[]
  /** Slot of each stand-in in the output: 0 is the style sheet, n the (n-1)th body owner. */
  slots: number[]
  /** The priorities and excerpts whose bodies are slots, and those whose HTML was empty (not slotted, but checked). */
  owners: Body[]
  empty: Body[]
  /** The characters of everything but the bodies. */
  baseCharacters: Uint32Array
  page: PageContext
  fonts: string
  css: string
  /** The slots' texts in the last output (0: the style sheet), and what {@link ReportLayout.bytes} encoded. */
  texts: string[]
  /** The last output. */
  html: string
  encoded?: {parts: Buffer[]; texts: string[]; bytes: Buffer[]}
}

type Body = PriorityView | EvidenceView

/** The characters of each body's HTML, as the font text holds it (JSON-escaped). */
const bodyCharacters = new WeakMap<object, Uint32Array>()

function charactersOfBody(hast: Body['body']['hast'], html: string): Uint32Array {
  let codes = bodyCharacters.get(hast)
  if (codes === undefined) bodyCharacters.set(hast, (codes = distinctCharacters(JSON.stringify(html))))
  return codes
}

/**
 * Load the templates and fonts once, and give the function that lays a view
 * out as report.html. Template errors reject the promise it returns, as
 * `ScorecardError('TEMPLATE_ERROR')`.
 *
 * The templates run with a stand-in (a comment holding a random key) for each
 * priority's and excerpt's HTML and for the style sheet; the text takes their
 * place after. The fonts are cut down to the characters of the template data
 * and of every body, each body's found once. So a relayout after one body
 * changed joins the parts again rather than running the templates over the
 * whole report. Templates that use those fields other than to output them
 * (see `Templates.slotted`) run with the text itself, as does any output in
 * which the key shows up other than as a whole stand-in.
 */
export async function htmlLayout(options: LayoutOptions = {}): Promise<ReportLayout> {
  const templates = loadTemplates(options.templatesDir, options.themeDir)
  // The theme's fonts and logo (theme.json); none for the default theme.
  const theme = options.themeDir === undefined ? {fonts: []} : readThemeManifest(options.themeDir, options.projectRoot)
  // Chart labels are measured with the charts' own face.
  const measure = await sansMeasure()
  const templateText = templates.text + templates.css('report.css') + templates.css('print.css') + templates.themeCss()
  let last: Laid | undefined

  const fail = (error: unknown): ScorecardError =>
    new ScorecardError('TEMPLATE_ERROR', `Template failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'Check your overrides in templates/ against the default templates.',
    })

  const styled = async (characters: Uint32Array[], page: PageContext, scale: ReportView['scale'], previous?: Laid): Promise<{fonts: string; css: string}> => {
    // Fonts are cut down to the characters the view and the templates can show.
    const fonts = await fontFaceCssFor(subsetCharactersOf(characters), theme.fonts)
    if (previous && previous.fonts === fonts) return {fonts, css: previous.css}
    try {
      return {fonts, css: stylesheet(templates, fonts, scale, page)}
    } catch (error) {
      throw fail(error)
    }
  }

  const layout = async (view: ReportView): Promise<string> => {
    last = undefined
    const key = `<!--scorecard-slot-${randomBytes(12).toString('hex')}-`
    const owners: Body[] = []
    const empty: Body[] = []
    const slotted = templates.slotted
    const data = templateData(view, measure, (owner) => {
      const html = bodyHtml(owner.body.hast)
      if (!slotted) return html
      if (html === '') {
        empty.push(owner)
        return html
      }
      owners.push(owner)
      return `${key}${owners.length}-->`
    })
    // scorecard.yml's logo wins over the theme's.
    if (data.logo === undefined && theme.logo !== undefined) data.logo = theme.logo
    const baseCharacters = distinctCharacters(JSON.stringify(data) + templateText)
    const characters = [baseCharacters, ...owners.map((owner) => charactersOfBody(owner.body.hast, bodyHtml(owner.body.hast)))]
    const page: PageContext = data
    if (!slotted) {
      const {css} = await styled(characters, page, view.scale)
      data.css = css
      try {
        return templates.layout(data)
      } catch (error) {
        throw fail(error)
      }
    }
    const {fonts, css} = await styled(characters, page, view.scale)
    data.css = `${key}0-->`
    let output: string
    try {
      output = templates.layout(data)
    } catch (error) {
      throw fail(error)
    }
    const split = splitSlots(output, key, owners.length)
    const texts = [css, ...owners.map((owner) => bodyHtml(owner.body.hast))]
    if (!split) {
      // The key shows where no stand-in is (a template escaped or cut one): run the templates with the text.
      const real = templateData(view, measure)
      if (real.logo === undefined && theme.logo !== undefined) real.logo = theme.logo
      real.css = css
      try {
        return templates.layout(real)
      } catch (error) {
        throw fail(error)
      }
    }
    const html = join(split.parts, split.slots, texts)
    last = {view, parts: split.parts, slots: split.slots, owners, empty, baseCharacters, page, fonts, css, texts, html}
    return html
  }

  const relayout = async (view: ReportView): Promise<string | undefined> => {
    const laid = last
    if (!laid || laid.view !== view) return undefined
    // A body that became empty, or one that had been, would change what the templates test.
    if (laid.empty.some((owner) => bodyHtml(owner.body.hast) !== '')) return undefined
    const htmls = laid.owners.map((owner) => bodyHtml(owner.body.hast))
    if (htmls.includes('')) return undefined
    const characters = [laid.baseCharacters, ...laid.owners.map((owner, index) => charactersOfBody(owner.body.hast, htmls[index]!))]
    const {fonts, css} = await styled(characters, laid.page, view.scale, laid)
    laid.fonts = fonts
    laid.css = css
    laid.texts = [css, ...htmls]
    laid.html = join(laid.parts, laid.slots, laid.texts)
    return laid.html
  }

  const bytes = (html: string): Buffer | undefined => {
    const laid = last
    if (!laid || laid.html !== html) return undefined
    // Encoded apart, a surrogate pair split at a seam would become two replacement characters.
    const split = (text: string): boolean => {
      const first = text.charCodeAt(0)
      const end = text.charCodeAt(text.length - 1)
      return (first >= 0xdc00 && first <= 0xdfff) || (end >= 0xd800 && end <= 0xdbff)
    }
    if (laid.parts.some(split) || laid.texts.some(split)) return undefined
    const encoded = (laid.encoded ??= {parts: laid.parts.map((part) => Buffer.from(part)), texts: [], bytes: []})
    laid.texts.forEach((text, index) => {
      if (encoded.texts[index] !== text) {
        encoded.texts[index] = text
        encoded.bytes[index] = Buffer.from(text)
      }
    })
    const pieces: Buffer[] = [encoded.parts[0]!]
    for (let index = 0; index < laid.slots.length; index++) pieces.push(encoded.bytes[laid.slots[index]!]!, encoded.parts[index + 1]!)
    return Buffer.concat(pieces)
  }

  return Object.assign(layout, {relayout, bytes})
}

/** The output's parts around each stand-in `${key}${n}-->` (n ≤ `count`); undefined when the key shows anywhere else. */
function splitSlots(output: string, key: string, count: number): {parts: string[]; slots: number[]} | undefined {
  const parts: string[] = []
  const slots: number[] = []
  let from = 0
  for (let at = output.indexOf(key); at !== -1; at = output.indexOf(key, from)) {
    const end = output.indexOf('-->', at + key.length)
    const slot = end === -1 ? Number.NaN : Number(output.slice(at + key.length, end))
    if (!Number.isInteger(slot) || slot < 0 || slot > count || String(slot) !== output.slice(at + key.length, end)) return undefined
    parts.push(output.slice(from, at))
    slots.push(slot)
    from = end + 3
  }
  parts.push(output.slice(from))
  // The key alone (its random part), escaped or cut, would show outside a whole stand-in.
  const bare = key.slice('<!--scorecard-slot-'.length)
  if (parts.some((part) => part.includes(bare))) return undefined
  return {parts, slots}
}

/**
 * The parts with each slot's text between them. Concatenated rather than
 * joined: V8 keeps the result as a rope, as it keeps the templates' output,
 * and copies it into one string only when it is read (written to a socket or
 * a file), so a relayout does not copy megabytes it may not need.
 */
function join(parts: readonly string[], slots: readonly number[], texts: readonly string[]): string {
  let html = parts[0]!
  for (let index = 0; index < slots.length; index++) html = html + texts[slots[index]!]! + parts[index + 1]!
  return html
}

/** What the page-css partial reads: running heads and the paper size. */
export interface PageContext {
  shortTitle: string
  runningAuthor: string
  pageSize: 'A4' | 'Letter'
}

/**
 * The report's one style sheet, as the layout inlines it: the bundled fonts,
 * report.css, the scale's status colours, the page-css partial and print.css,
 * with the overrides in `templatesDir` applied. The print tests build their
 * fixture with it.
 */
export async function reportStylesheet(scale: ScoredReport['config']['scale'], page: PageContext, templatesDir?: string): Promise<string> {
  return stylesheet(loadTemplates(templatesDir), await fontFaceCss(), scale, page)
}

function stylesheet(templates: Templates, fonts: string, scale: ScoredReport['config']['scale'], page: PageContext): string {
  const theme = templates.themeCss()
  return [fonts, templates.css('report.css'), statusCss(scale), templates.partial('page-css', page), templates.css('print.css'), ...(theme ? [theme] : [])].join('\n')
}

function statusCss(scale: ScoredReport['config']['scale']): string {
  // Colours are validated as #rrggbb by the schema, so they are safe in CSS.
  return scale.map((entry) => `.status--${entry.id}{--status-color:${entry.color}}`).join('\n')
}
