/**
 * A theme's `theme.json`: the fonts it sets the report in and its logo.
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
 * neither (the whole file). The faces are subset and embedded like the
 * bundled ones (src/render/fonts.ts). `role` is `body` (the serif slot:
 * running text) or `heading` (the sans slot: headings, tables, labels). The
 * logo is an image in the theme folder, used when scorecard.yml names none.
 */
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {z} from 'zod'
import {ScorecardError} from '../core/errors.js'
import {resolveImage} from '../link/images.js'
import type {ThemeFont} from './fonts.js'

/** The manifest's file name in a theme folder or package. */
export const themeManifestName = 'theme.json'

const relativeFile = z
  .string()
  .min(1)
  .refine((file) => !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..'), 'must be a path inside the package')

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

/** What a theme's manifest gives the layout. */
export interface ThemeManifest {
  /** Font families by role, their faces resolved to files; empty when the theme keeps the bundled fonts. */
  fonts: ThemeFont[]
  /** The theme's logo as a `data:` URL. */
  logo?: string
}

/**
 * Read `theme.json` in `themeDir` (none: the bundled fonts, no logo) and
 * resolve its font files from the theme's node_modules, then `projectRoot`'s,
 * then Scorecard's. A manifest that is invalid or names a file that cannot be
 * found is a `TEMPLATE_ERROR`.
 */
export function readThemeManifest(themeDir: string, projectRoot?: string): ThemeManifest {
  const file = path.join(themeDir, themeManifestName)
  if (!existsSync(file)) return {fonts: []}
  const fail = (message: string, cause?: unknown): never => {
    throw new ScorecardError('TEMPLATE_ERROR', `Theme ${file}: ${message}`, {cause, hint: `Fix ${themeManifestName} (fonts: role, family, package, faces; logo).`})
  }
  let parsed: z.infer<typeof manifestSchema>
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch (error) {
    return fail(error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : String(error), error)
  }
  const requires = [createRequire(file), ...(projectRoot ? [createRequire(path.join(projectRoot, 'scorecard.yml'))] : []), createRequire(import.meta.url)]
  const resolveIn = (pkg: string, relative: string): string => {
    for (const require of requires) {
      try {
        return require.resolve(`${pkg}/${relative}`)
      } catch {
        // not from here: try the next
      }
    }
    return fail(`font file ${pkg}/${relative} is not installed for the theme, the project or Scorecard`)
  }
  const fonts = (parsed.fonts ?? []).map((font): ThemeFont => {
    let ranges: Record<string, string> | undefined
    const faces = font.faces.map((face) => {
      const resolved = resolveIn(font.package, face.file)
      let range = face.unicodeRange
      if (range === undefined && face.subset !== undefined) {
        ranges ??= unicodeJson(resolved, font.package, face.file)
        range = ranges?.[face.subset]
        if (range === undefined) fail(`${font.package} has no unicode.json entry for subset "${face.subset}"`)
      }
      return {file: resolved, weight: face.weight, style: face.style, ...(range === undefined ? {} : {range})}
    })
    return {role: font.role, family: font.family, pdfName: font.pdfName ?? font.family.replace(/[^\w-]/g, ''), faces}
  })
  let logo: string | undefined
  if (parsed.logo !== undefined) {
    const image = resolveImage(parsed.logo, file, themeDir)
    if (image.kind !== 'embedded') fail(`logo "${parsed.logo}" is ${image.kind === 'missing' ? 'missing' : `not usable (${image.kind})`}`)
    else logo = image.dataUrl
  }
  return {fonts, ...(logo === undefined ? {} : {logo})}
}

/** The package's `unicode.json` (Fontsource's subset ranges), found above the resolved face file. */
function unicodeJson(resolved: string, pkg: string, relative: string): Record<string, string> | undefined {
  const root = resolved.slice(0, resolved.length - path.normalize(relative).length)
  const file = path.join(root, 'unicode.json')
  if (!resolved.endsWith(path.normalize(relative)) || !existsSync(file)) return undefined
  void pkg
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
}
