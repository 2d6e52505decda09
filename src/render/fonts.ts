/**
 * The bundled typefaces, as `@font-face` rules with the font files inlined.
 *
 * The report must look the same on every machine and must not fetch anything,
 * so fonts come from the `@fontsource/*` packages and travel inside the HTML
 * as `data:` URLs. Only the subsets and faces the stylesheets use are
 * inlined: Latin and Cyrillic (with their extensions, for names such as
 * Lajčák or Қазақстан), in the weights below.
 */
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'

/** Font family of body text. */
export const serifFamily = 'Source Serif 4'
/** Font family of headings, running heads, tables and labels. */
export const sansFamily = 'Source Sans 3'
/** Private family for the status symbols (✔ ▲ ◆ ■ ▼), limited by `unicode-range` so it never sets text. */
export const symbolFamily = 'Scorecard Symbols'

/** CSS `font-family` stack for body text. */
export const serifStack = `'${serifFamily}', '${symbolFamily}', Georgia, 'Times New Roman', serif`
/** CSS `font-family` stack for headings and labels. */
export const sansStack = `'${sansFamily}', '${symbolFamily}', 'Helvetica Neue', Arial, sans-serif`
/** CSS `font-family` stack for status symbols. */
export const symbolStack = `'${symbolFamily}', 'DejaVu Sans', 'Segoe UI Symbol', sans-serif`

interface Face {
  pkg: string
  family: string
  weight: number
  style: 'normal' | 'italic'
}

const textSubsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const

const textFaces: Face[] = [
  {pkg: 'source-serif-4', family: serifFamily, weight: 400, style: 'normal'},
  {pkg: 'source-serif-4', family: serifFamily, weight: 400, style: 'italic'},
  {pkg: 'source-serif-4', family: serifFamily, weight: 600, style: 'normal'},
  {pkg: 'source-serif-4', family: serifFamily, weight: 600, style: 'italic'},
  {pkg: 'source-sans-3', family: sansFamily, weight: 400, style: 'normal'},
  {pkg: 'source-sans-3', family: sansFamily, weight: 600, style: 'normal'},
  {pkg: 'source-sans-3', family: sansFamily, weight: 700, style: 'normal'},
]

/**
 * Fontsource ships DejaVu Sans whole under the name "latin" (no real
 * subsetting), so that one file has the geometric shapes (U+25A0–25FF) and
 * dingbats (U+2700–27BF) the rating scale uses. The range keeps it to symbol
 * blocks; Chromium embeds only the glyphs actually used in the PDF.
 */
const symbolFile = 'dejavu-sans/files/dejavu-sans-latin-400-normal.woff2'
const symbolRange = 'U+2190-21FF, U+2300-23FF, U+25A0-25FF, U+2600-27BF, U+2B00-2BFF'

const require = createRequire(import.meta.url)

let cached: Promise<string> | undefined

/**
 * `@font-face` rules for the bundled fonts, with each woff2 file inlined as a
 * `data:` URL, followed by `:root` custom properties `--font-serif`,
 * `--font-sans` and `--font-symbol` holding the stacks. Read once per process.
 */
export function fontFaceCss(): Promise<string> {
  cached ??= buildFontFaceCss().catch((error: unknown) => {
    cached = undefined
    throw error
  })
  return cached
}

async function buildFontFaceCss(): Promise<string> {
  const packages = [...new Set(textFaces.map((face) => face.pkg))]
  const ranges = new Map(
    await Promise.all(
      packages.map(async (pkg) => {
        const json = await readFile(packageFile(pkg, 'unicode.json'), 'utf8')
        return [pkg, JSON.parse(json) as Record<string, string>] as const
      }),
    ),
  )

  const textRules = textFaces.flatMap((face) =>
    textSubsets.map(async (subset) => {
      const range = ranges.get(face.pkg)?.[subset]
      if (range === undefined) throw new Error(`@fontsource/${face.pkg} has no ${subset} subset`)
      const file = `${face.pkg}/files/${face.pkg}-${subset}-${face.weight}-${face.style}.woff2`
      return fontFace(face.family, face.weight, face.style, await dataUrl(file), range)
    }),
  )
  const symbolRule = dataUrl(symbolFile).then((url) => fontFace(symbolFamily, 400, 'normal', url, symbolRange))

  const root = `:root {\n  --font-serif: ${serifStack};\n  --font-sans: ${sansStack};\n  --font-symbol: ${symbolStack};\n}\n`
  return (await Promise.all([...textRules, symbolRule])).join('') + root
}

function fontFace(family: string, weight: number, style: string, url: string, range: string): string {
  // `block` rather than `swap`: a fallback face must never be laid out, or the
  // HTML view reflows once the inlined font decodes.
  return (
    `@font-face {\n  font-family: '${family}';\n  font-style: ${style};\n  font-weight: ${weight};\n` +
    `  font-display: block;\n  src: url(${url}) format('woff2');\n  unicode-range: ${range};\n}\n`
  )
}

async function dataUrl(file: string): Promise<string> {
  const bytes = await readFile(require.resolve(`@fontsource/${file}`))
  return `data:font/woff2;base64,${bytes.toString('base64')}`
}

/** A file of an @fontsource package that its `exports` map does not expose (`unicode.json`). */
function packageFile(pkg: string, name: string): string {
  const anyFile = require.resolve(`@fontsource/${pkg}/files/${pkg}-latin-400-normal.woff2`)
  return path.join(path.dirname(anyFile), '..', name)
}
