/**
 * A theme's `theme.json` (its fonts and logo; README, "Themes"), checked as
 * data: `check` reports every problem at its line and column, and the
 * layout (render/theme-manifest.ts) uses what this returns, so that `build`
 * and `check` agree on what is wrong.
 *
 * ```json
 * {
 *   "fonts": [
 *     {"role": "body", "family": "Source Sans 3", "package": "@fontsource/source-sans-3",
 *      "faces": [{"file": "files/source-sans-3-latin-400-normal.woff2", "weight": 400, "style": "normal", "subset": "latin"}]}
 *   ],
 *   "logo": "logo.png"
 * }
 * ```
 *
 * A font is an npm package (a `@fontsource/*` package or any other holding
 * woff2 files) resolved from the theme's own node_modules, then the
 * project's, then Scorecard's; each face names a woff2 file inside it, its
 * weight and style, and the characters it covers: a `subset` of the
 * package's `unicode.json` (Fontsource's), an explicit `unicodeRange`, or
 * neither (the whole file). `role` is `body` (the serif slot: running text)
 * or `heading` (the sans slot: headings, tables, labels). The logo is an
 * image in the theme folder, used when scorecard.yml names none.
 *
 * Nothing of the theme is run: theme.json is read as JSON through the
 * safe-file reader (a regular file inside the theme folder), font packages
 * are only resolved (their files checked to be regular files, not links),
 * and a `unicode.json` is read as JSON. So checking a theme that a build in
 * CI would not trust (see load/templates.ts) is harmless.
 */
import {createRequire} from 'node:module'
import {lstatSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {CST, Lexer, parseDocument, type Document} from 'yaml'
import {z} from 'zod'
import {report} from '../core/diagnostics.js'
import {inspectFile, isSafe, readProjectFile} from '../core/safe-file.js'
import {rangePlace, yamlDepthProblem, yamlLimits} from '../load/frontmatter.js'
import {resolveTheme} from '../load/templates.js'
import {checkShape, place} from '../validate/shape.js'
import {resolveImage} from './images.js'
import {logoProblem} from './logo.js'

/** The manifest's file name in a theme folder or package. */
export const themeManifestName = 'theme.json'

/** Largest theme.json read, in bytes. */
const maxManifestBytes = 1024 * 1024

/** Largest font file a theme may name, in bytes (a woff2 face is rarely over 1 MB; a CJK one a few). */
export const maxFontBytes = 20 * 1024 * 1024

const relativeFile = z
  .string()
  .min(1)
  .refine((file) => !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..'), 'must be a relative path, without ".."')

const manifestSchema = z
  .object({
    fonts: z
      .array(
        z
          .object({
            role: z.enum(['body', 'heading']),
            family: z.string().regex(/^[\p{L}\p{N} _-]+$/u, 'letters, digits, spaces, - and _ only'),
            package: z.string().regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, 'an npm package name'),
            pdfName: z.string().regex(/^[\w-]+$/).optional(),
            faces: z
              .array(
                z
                  .object({
                    file: relativeFile.refine((file) => file.endsWith('.woff2'), 'must be a .woff2 file'),
                    weight: z.number().int().min(1).max(1000),
                    style: z.enum(['normal', 'italic']),
                    subset: z.string().regex(/^[a-z-]+$/).optional(),
                    unicodeRange: z.string().regex(/^\s*U\+[0-9A-Fa-f?]+(-[0-9A-Fa-f]+)?(\s*,\s*U\+[0-9A-Fa-f?]+(-[0-9A-Fa-f]+)?)*\s*$/).optional(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .optional(),
    logo: relativeFile.optional(),
  })
  .strict()

/** A font family a theme sets one role in, its faces resolved to woff2 files (render/fonts.ts's `ThemeFont`). */
export interface ThemeFontFiles {
  /** `body` takes the serif slot (running text), `heading` the sans slot (headings, tables, labels). */
  role: 'body' | 'heading'
  family: string
  /** PostScript name prefix in a printed PDF, for the layout audit. */
  pdfName: string
  faces: {file: string; weight: number; style: 'normal' | 'italic'; range?: string}[]
}

/** A theme's manifest, checked. */
export interface CheckedThemeManifest {
  /** theme.json with its diagnostics; undefined when the theme has none. */
  file: VFile | undefined
  /** Whether theme.json is usable: no error (a theme without one is). */
  ok: boolean
  /** Font families by role; empty when the theme keeps the bundled fonts (or theme.json has errors). */
  fonts: ThemeFontFiles[]
  /** The theme's logo as a `data:` URL. */
  logo?: string
}

/**
 * Check `theme.json` in `themeDir` and resolve its fonts (from the theme's
 * node_modules, then `projectRoot`'s, then Scorecard's) and logo. Every
 * problem is a diagnostic on the returned file, its path relative to `cwd`.
 */
export function checkThemeManifest(themeDir: string, options: {projectRoot?: string | undefined; cwd?: string} = {}): CheckedThemeManifest {
  const manifest = path.join(themeDir, themeManifestName)
  if (!lstatSync(manifest, {throwIfNoEntry: false})) return {file: undefined, ok: true, fonts: []}
  const cwd = options.cwd ?? process.cwd()
  const file = new VFile({path: path.relative(cwd, manifest) || manifest, cwd, value: ''})
  const failed = {file, ok: false, fonts: []}
  const data = readManifest(file, manifest, themeDir)
  if (data === undefined) return failed
  const source = {file, yaml: {doc: data.doc, offset: 0, data: data.value}}
  const parsed = checkShape(source, manifestSchema, 'theme')
  if (!parsed) return failed

  const requires = [createRequire(manifest), ...(options.projectRoot ? [createRequire(path.join(options.projectRoot, 'scorecard.yml'))] : []), createRequire(import.meta.url)]
  const fonts = (parsed.fonts ?? []).map((font, fontIndex): ThemeFontFiles => {
    let ranges: Record<string, unknown> | undefined
    const faces = font.faces.flatMap((face, faceIndex) => {
      const at = ['fonts', fontIndex, 'faces', faceIndex]
      const resolved = fontFile(file, requires, font.package, face.file, place(source, [...at, 'file']))
      if (resolved === undefined) return []
      let range = face.unicodeRange
      if (range === undefined && face.subset !== undefined) {
        ranges ??= unicodeJson(resolved)
        const entry = Object.hasOwn(ranges, face.subset) ? ranges[face.subset] : undefined
        if (typeof entry !== 'string') {
          report(file, {
            reason: `Font package ${font.package} has no subset "${face.subset}" (no such entry in its unicode.json)`,
            ruleId: 'font-not-found',
            place: place(source, [...at, 'subset']),
            hint: `Subsets are the keys of the package's unicode.json${Object.keys(ranges).length > 0 ? ` (${Object.keys(ranges).join(', ')})` : ''}; or give a "unicodeRange" instead.`,
          })
          return []
        }
        range = entry
      }
      return [{file: resolved.file, weight: face.weight, style: face.style, ...(range === undefined ? {} : {range})}]
    })
    return {role: font.role, family: font.family, pdfName: font.pdfName ?? font.family.replace(/[^\w-]/g, ''), faces}
  })

  let logo: string | undefined
  if (parsed.logo !== undefined) {
    const image = resolveImage(parsed.logo, manifest, themeDir)
    const problem = logoProblem(image, parsed.logo, {from: themeManifestName, within: 'theme'})
    if (problem) report(file, {...problem, place: place(source, ['logo'])})
    else if (image.kind === 'embedded') logo = image.dataUrl
  }
  const ok = !file.messages.some((message) => message.fatal === true)
  return ok ? {file, ok, fonts, ...(logo === undefined ? {} : {logo})} : failed
}

/**
 * theme.json of the theme `theme` (scorecard.yml's `theme:`) of the project
 * at `root`, when it has problems: what `check` adds to its files. A theme
 * that cannot be found is scorecard.yml's problem (`unknown-theme`).
 */
export function themeManifestProblems(root: string, theme: string | undefined, cwd: string): VFile[] {
  const location = resolveTheme(root, theme)
  if (location.dir === undefined) return []
  const {file} = checkThemeManifest(location.dir, {projectRoot: root, cwd})
  return file && file.messages.length > 0 ? [file] : []
}

const themeHint = 'theme.json must be a regular file inside the theme folder (a pull request can add links to secrets such as /proc/self/environ).'

/** theme.json's JSON and its YAML document (JSON is YAML 1.2: the document places diagnostics); undefined when reported. */
function readManifest(file: VFile, manifest: string, themeDir: string): {value: unknown; doc: Document.Parsed} | undefined {
  const outcome = readProjectFile(manifest, themeDir, maxManifestBytes)
  const start = {line: 1, column: 1}
  if ('tooLarge' in outcome) {
    report(file, {reason: `theme.json is too large (${outcome.tooLarge} bytes; the limit is ${maxManifestBytes})`, ruleId: 'file-too-large', place: start, hint: 'A theme.json names a few fonts and a logo; it is a few kilobytes.'})
    return undefined
  }
  if (!('bytes' in outcome)) {
    if (outcome.kind === 'outside') report(file, {reason: 'theme.json is a symbolic link to a file outside the theme folder; it is not read', ruleId: 'path-outside-project', place: start, hint: themeHint})
    else
      report(file, {
        reason: outcome.kind === 'dangling' ? 'theme.json is a broken symbolic link; it is not read' : `theme.json is ${outcome.what}, not a regular file; it is not read`,
        ruleId: 'not-a-regular-file',
        place: start,
        hint: themeHint,
      })
    return undefined
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(outcome.bytes)
  } catch {
    report(file, {reason: 'theme.json is not valid UTF-8', ruleId: 'invalid-encoding', place: start, hint: 'Save it as UTF-8.'})
    return undefined
  }
  file.value = text
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/, ".*" is not valid JSON$/s, '') : String(error)
    const offset = jsonErrorOffset(text, message)
    report(file, {
      reason: `theme.json is not valid JSON: ${message}`,
      ruleId: 'json-syntax',
      place: rangePlace(file, offset, Math.min(offset + 1, text.length)),
      hint: 'Strict JSON: keys and text in double quotes, no trailing commas, no comments.',
    })
    return undefined
  }
  const tooDeep = yamlDepthProblem(text)
  if (tooDeep !== undefined) {
    report(file, {reason: `theme.json is nested too deeply (more than ${yamlLimits.maxDepth} levels)`, ruleId: 'nesting-too-deep', place: rangePlace(file, tooDeep, tooDeep + 1), hint: 'A theme.json is a list of fonts and a logo.'})
    return undefined
  }
  const doc = parseDocument(text, {schema: 'json', uniqueKeys: true, strict: true, prettyErrors: false})
  // JSON takes the last of two equal keys; YAML, and this check, take neither.
  for (const error of doc.errors.filter((error) => error.code === 'DUPLICATE_KEY'))
    report(file, {reason: 'Duplicate key in theme.json', ruleId: 'duplicate-key', place: rangePlace(file, error.pos[0], error.pos[1]), hint: 'Each key may appear once in an object; remove or merge the repeated one.'})
  return file.messages.length > 0 ? undefined : {value, doc}
}

/**
 * Where JSON.parse stopped, as an offset into `text`: V8's message gives a
 * position for most errors; for the YAML-isms it names only the token of
 * (a trailing comma, a comment, a single-quoted string), the first of them.
 */
function jsonErrorOffset(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message)
  if (at) return Math.min(Number(at[1]), text.length)
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message)
  if (lineColumn) {
    const lines = text.split('\n').slice(0, Number(lineColumn[1]) - 1)
    return Math.min(lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineColumn[2]) - 1, text.length)
  }
  if (/end of JSON input/.test(message)) return text.length
  return notJson(text) ?? 0
}

/** Tokens of yaml's lexer that mark a place rather than stand for source text. */
const markers = new Set(['\x02', '\x18', '\x1f'])

/** The offset of the first token that YAML reads but JSON does not. */
function notJson(text: string): number | undefined {
  if (yamlDepthProblem(text) !== undefined) return undefined
  let offset = 0
  let comma: number | undefined
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token)
    if (type === 'comment' || type === 'single-quoted-scalar' || type === 'anchor' || type === 'tag' || type === 'alias') return offset
    if ((type === 'flow-seq-end' || type === 'flow-map-end') && comma !== undefined) return comma
    if (type === 'comma') comma = offset
    else if (type !== 'space' && type !== 'newline' && !markers.has(token)) comma = undefined
    if (!markers.has(token)) offset += token.length
  }
  return undefined
}

/** A face's woff2 file: resolved, a regular file of its package and not too large; undefined when reported. */
function fontFile(
  file: VFile,
  requires: readonly NodeJS.Require[],
  pkg: string,
  relative: string,
  at: ReturnType<typeof place>,
): {file: string; packageDir: string} | undefined {
  let resolved: string | undefined
  for (const require of requires) {
    try {
      resolved = require.resolve(`${pkg}/${relative}`)
      break
    } catch {
      // not from here: try the next
    }
  }
  const name = `${pkg}/${relative}`
  if (resolved === undefined) {
    report(file, {
      reason: `Font file ${name} is not installed for the theme, the project or Scorecard`,
      ruleId: 'font-not-found',
      place: at,
      hint: `Install the font package (npm install --save-dev ${pkg}) in the project or the theme, or correct "package" and "file".`,
    })
    return undefined
  }
  // Node resolves links: a face whose path does not end as it was named came through one.
  const normal = path.normalize(relative)
  if (!resolved.endsWith(`${path.sep}${normal}`)) {
    report(file, {
      reason: `Font file ${name} is a symbolic link or a folder, not a regular file; it is not read`,
      ruleId: 'not-a-regular-file',
      place: at,
      hint: 'Name the woff2 file itself, a regular file of the package.',
    })
    return undefined
  }
  const packageDir = resolved.slice(0, resolved.length - normal.length - 1)
  const inspected = inspectFile(resolved, packageDir)
  if (!isSafe(inspected)) {
    report(file, {
      reason: inspected.kind === 'special' ? `Font file ${name} is ${inspected.what}, not a regular file` : `Font file ${name} cannot be read`,
      ruleId: 'not-a-regular-file',
      place: at,
      hint: 'Name a regular woff2 file of the package.',
    })
    return undefined
  }
  if (inspected.stats.size > maxFontBytes) {
    report(file, {reason: `Font file ${name} is too large (${inspected.stats.size} bytes; the limit is ${maxFontBytes})`, ruleId: 'file-too-large', place: at, hint: 'Name a face split by subset (Fontsource ships one file per subset).'})
    return undefined
  }
  return {file: resolved, packageDir}
}

/** The subset ranges of the package `face` belongs to (Fontsource's `unicode.json`), as data; empty when it has none. */
function unicodeJson(face: {packageDir: string}): Record<string, unknown> {
  const outcome = readProjectFile(path.join(face.packageDir, 'unicode.json'), face.packageDir, maxManifestBytes)
  if (!('bytes' in outcome)) return {}
  try {
    const value: unknown = JSON.parse(outcome.bytes.toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
