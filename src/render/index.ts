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
import type {ReportView} from '../core/view.js'
import {ScorecardError} from '../core/errors.js'
import {fontFaceCss} from './fonts.js'
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
 * Load the templates and fonts once, and give the function that lays a view
 * out as report.html. Template errors reject the promise it returns, as
 * `ScorecardError('TEMPLATE_ERROR')`.
 */
export async function htmlLayout(options: LayoutOptions = {}): Promise<(view: ReportView) => Promise<string>> {
  const templates = loadTemplates(options.templatesDir, options.themeDir)
  // The theme's fonts and logo (theme.json); none for the default theme.
  const theme = options.themeDir === undefined ? {fonts: []} : readThemeManifest(options.themeDir, options.projectRoot)
  // Chart labels are measured with the charts' own face.
  const measure = await sansMeasure()
  return async (view) => {
    const data = templateData(view, measure)
    // scorecard.yml's logo wins over the theme's.
    if (data.logo === undefined && theme.logo !== undefined) data.logo = theme.logo
    // Fonts are cut down to the characters the view and the templates can show.
    const fonts = await fontFaceCss(JSON.stringify(data) + templates.text + templates.css('report.css') + templates.css('print.css') + templates.themeCss(), theme.fonts)
    try {
      data.css = stylesheet(templates, fonts, view.scale, data)
      return templates.layout(data)
    } catch (error) {
      throw new ScorecardError('TEMPLATE_ERROR', `Template failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        hint: 'Check your overrides in templates/ against the default templates.',
      })
    }
  }
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
