/**
 * The Handlebars templates: the default set in `templates/`, with a
 * project's own files overriding them by name, compiled once per content.
 * A source identical to a default template runs from the spec precompiled
 * at build time (precompiled.ts) instead of being compiled here.
 */
import {existsSync, lstatSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'
import {ScorecardError} from '../core/errors.js'
import {inspectFile, isSafe} from '../core/safe-file.js'
import {packageRoot} from '../core/package-root.js'
import {en, pluralForm, pluralRule} from '../core/locales/index.js'
import {builtPrecompiled, compileOptions, precompiledModule, templateKey, type PrecompiledTemplates} from './precompiled.js'

/** Where the default templates live (beside dist/ and src/). */
export const defaultTemplatesDir = path.join(packageRoot, 'templates') + path.sep

/** A Handlebars environment with the project's overrides applied. */
export interface Templates {
  /** Every partial's and the layout's source, for the characters they can show. */
  text: string
  layout: HandlebarsTemplateDelegate
  partial(name: string, context: unknown): string
  css(name: string): string
  /** `styles/theme.css` of the theme or the project, '' when neither has one (the default theme has none). */
  themeCss(): string
  /**
   * Whether the templates read the data's `html` and `css` fields only to
   * output them (`{{{html}}}`, `{{html}}`) or to test them (`{{#if html}}`):
   * then the layout may put a stand-in in their place and the text after
   * (see index.ts). Otherwise (`{{html.length}}`, a helper given `html`)
   * the layout always runs with the text itself.
   */
  slotted: boolean
  /** How many of the partials and the layout came precompiled from the build (precompiled.ts), not compiled here. */
  precompiled: number
}

/**
 * Compiled template sets by their sources: `preview` renders again on every
 * edit, and compiling the templates took longer than some edits' whole
 * rebuild. The files are still read each time, so edits to them show.
 */
const compiledTemplates = new Map<string, Templates>()

/** The build's precompiled default templates: looked for at the first load (null until then), undefined when there are none. */
let precompiled: PrecompiledTemplates | undefined | null = null

/**
 * Render with these precompiled templates (undefined: compile every
 * template), instead of the build's; for tests that compare the two ways.
 */
export function usePrecompiledTemplates(templates: PrecompiledTemplates | undefined): void {
  precompiled = templates
  compiledTemplates.clear()
}

/**
 * The generated module that scripts/precompile-templates.mjs writes at build
 * time: every default partial and the default layout, precompiled.
 */
export function defaultTemplatesModule(): string {
  const dir = path.join(defaultTemplatesDir, 'partials')
  const files = [...readdirSync(dir).filter((name) => name.endsWith('.hbs')).sort().map((name) => path.join(dir, name)), path.join(defaultTemplatesDir, 'layouts', 'report.hbs')]
  return precompiledModule(files.map((file) => readFileSync(file, 'utf8')), (source) => readsOnlyToOutput(source, slotFields))
}

export function loadTemplates(projectDir: string | undefined, themeDir?: string): Templates {
  /** The theme's file, else the default's: a theme is read like the defaults, a project's overrides win over both. */
  const fallback = (relative: string): string => {
    const themed = themeDir && path.join(themeDir, relative)
    return themed && lstatSync(themed, {throwIfNoEntry: false})?.isFile() ? themed : path.join(defaultTemplatesDir, relative)
  }
  const resolve = (relative: string): string => {
    const override = projectDir && path.join(projectDir, relative)
    if (!override || !lstatSync(override, {throwIfNoEntry: false})) return fallback(relative)
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
  for (const dir of [path.join(defaultTemplatesDir, 'partials'), themeDir && path.join(themeDir, 'partials'), projectDir && path.join(projectDir, 'partials')]) {
    if (!dir || !existsSync(dir)) continue
    for (const name of readdirSync(dir)) if (name.endsWith('.hbs')) partialNames.add(name.slice(0, -4))
  }
  const partials = [...partialNames].sort().map((name) => [name, read(`partials/${name}.hbs`)] as const)
  const layoutSource = read('layouts/report.hbs')
  const key = JSON.stringify([partials, layoutSource])
  const css = (name: string): string => read(`styles/${name}`)
  const themeCss = (): string => (existsSync(resolve('styles/theme.css')) ? read('styles/theme.css') : '')
  const known = compiledTemplates.get(key)
  if (known) return {...known, css, themeCss}

  const handlebars = Handlebars.create()
  if (precompiled === null) precompiled = builtPrecompiled()
  let slotted = true
  let fromBuild = 0
  // A source the build precompiled (the same text, by its hash) runs from that spec in this environment, so the
  // helpers and partials registered below apply; any other source, or a spec this Handlebars rejects, is compiled.
  const compile = (source: string): HandlebarsTemplateDelegate => {
    const known = precompiled?.get(templateKey(source))
    if (known) {
      try {
        const template = handlebars.template(known.spec)
        slotted &&= known.slotted
        fromBuild++
        return template
      } catch {
        // Compiled below, as without a build.
      }
    }
    slotted &&= readsOnlyToOutput(source, slotFields)
    return handlebars.compile(source, compileOptions)
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>()
  for (const [name, source] of partials) {
    const template = compile(source)
    compiled.set(name, template)
    handlebars.registerPartial(name, template)
  }

  handlebars.registerHelper('cssString', (value: unknown) => new Handlebars.SafeString(cssString(String(value ?? ''))))
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  // {{t "key" name=value}}: a string of the report's locale (data.strings, src/core/locales/) with values filled in.
  handlebars.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => new Handlebars.SafeString(localised(String(key), options)))
  // {{link anchor text}}: a link within the report, for a link inside a localised sentence.
  handlebars.registerHelper('link', (anchor: unknown, text: unknown) =>
    new Handlebars.SafeString(`<a href="#${Handlebars.escapeExpression(String(anchor ?? ''))}">${Handlebars.escapeExpression(String(text ?? ''))}</a>`),
  )
  // {{time iso display}}: a <time> element, for a date inside a localised sentence.
  handlebars.registerHelper('time', (iso: unknown, display: unknown) =>
    new Handlebars.SafeString(`<time datetime="${Handlebars.escapeExpression(String(iso ?? ''))}">${Handlebars.escapeExpression(String(display ?? ''))}</time>`),
  )
  handlebars.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  )

  const runtime = {allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false}
  const layout = compile(layoutSource)
  const templates: Templates = {
    text: key,
    slotted,
    precompiled: fromBuild,
    layout: (context: unknown) => layout(context, runtime),
    partial: (name, context) => compiled.get(name)?.(context, runtime) ?? '',
    css,
    themeCss,
  }
  if (compiledTemplates.size >= 8) compiledTemplates.delete(compiledTemplates.keys().next().value!)
  compiledTemplates.set(key, templates)
  return templates
}

/** The data fields the layout may fill in after the templates ran (see index.ts). */
const slotFields: ReadonlySet<string> = new Set(['html', 'css'])

/**
 * Whether `source` reads `fields` only as the whole value of a mustache
 * (`{{{html}}}`, `{{this.html}}`) or as the one parameter of an `if` or
 * `unless` block, and never names one in a string (`lookup`). Found by
 * walking Handlebars' own parse of the template.
 */
function readsOnlyToOutput(source: string, fields: ReadonlySet<string>): boolean {
  const named = (node: hbs.AST.Expression): boolean => node.type === 'PathExpression' && (node as hbs.AST.PathExpression).parts.some((part) => fields.has(part))
  let only = true
  class Reads extends Handlebars.Visitor {
    override MustacheStatement(node: hbs.AST.MustacheStatement): void {
      if (named(node.path) && node.params.length === 0 && !node.hash && (node.path as hbs.AST.PathExpression).parts.length === 1) return
      super.MustacheStatement(node)
    }
    override BlockStatement(node: hbs.AST.BlockStatement): void {
      const path = node.path as hbs.AST.PathExpression
      const test = node.params[0]
      if (path.type === 'PathExpression' && (path.original === 'if' || path.original === 'unless') && node.params.length === 1 && !node.hash && test && named(test) && (test as hbs.AST.PathExpression).parts.length === 1) {
        if (node.program) this.accept(node.program)
        if (node.inverse) this.accept(node.inverse)
        return
      }
      super.BlockStatement(node)
    }
    override PathExpression(node: hbs.AST.PathExpression): void {
      if (named(node)) only = false
    }
    override StringLiteral(node: hbs.AST.StringLiteral): void {
      if (fields.has(node.value)) only = false
    }
  }
  try {
    new Reads().accept(Handlebars.parse(source))
  } catch {
    return false
  }
  return only
}

/** A CSS string literal, escaped so content can never end the string or the style element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

/**
 * A string of the locale table in the templates' data (`strings`), with
 * `{name}` filled from the helper's hash: values escaped as `{{value}}`
 * would be, SafeStrings (from `time`, a partial) as they are, and the
 * table's own text escaped for markup only (& < > "), so that English
 * output matches the text the templates used to carry.
 */
function localised(key: string, options: Handlebars.HelperOptions): string {
  const root = (options.data as {root?: {strings?: Record<string, string>; locale?: {table?: string}}} | undefined)?.root
  // A partial rendered on its own (a test, a tool) has no strings in its data: it speaks English.
  const template = (root?.strings ?? (en as Record<string, string>))[key]
  if (template === undefined) throw new Error(`No string "${key}" in the locale table`)
  const values = options.hash as Record<string, unknown>
  const form = pluralForm(template, values, pluralRule(root?.locale?.table ?? 'en'))
  return form
    .split(/\{([A-Za-z]+)\}/)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[&<>"]/g, (char) => markupEntities[char]!)
      if (!Object.hasOwn(values, part)) return `{${part}}`
      const value = values[part]
      return value instanceof Handlebars.SafeString ? value.toHTML() : Handlebars.escapeExpression(value as string)
    })
    .join('')
}

const markupEntities: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}
