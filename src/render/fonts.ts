/**
 * The bundled typefaces, as `@font-face` rules with the font files inlined.
 *
 * The report must look the same on every machine and must not fetch anything,
 * so fonts come from the `@fontsource/*` packages and travel inside the HTML
 * as `data:` URLs. Faces are Latin and Cyrillic (with their extensions, for
 * names such as Lajčák or Қазақстан), in the weights below. Given the
 * document's text, each file is cut down with HarfBuzz (subset-font) to the
 * characters the document uses, and a file it needs nothing from is left
 * out: a one-priority report then carries tens of kilobytes of fonts, not a
 * megabyte.
 */
import {existsSync, readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {decodeHTML} from 'entities'
import subsetFont from 'subset-font'
import {fontCache, type FontFormat} from './font-cache.js'
import type {ThemeFontFiles} from '../link/theme.js'

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

/**
 * PostScript name prefixes of the bundled faces as they appear in a PDF
 * Chromium prints (`ABCDEF+SourceSerif4-Regular`): any other font there is a
 * fallback (see the layout audit).
 */
export const bundledPdfFontNames: readonly string[] = ['SourceSerif4', 'SourceSans3', 'DejaVuSans']

/** A font family a theme sets one role in (see link/theme.ts), its faces resolved to woff2 files. */
export type ThemeFont = ThemeFontFiles

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
 * blocks. It has one weight; the face claims them all (`100 900`) so that a
 * symbol in bold text (a table header, a chart label) is drawn as it is
 * rather than emboldened by Chromium, which prints a synthetic bold as a
 * Type 3 font.
 */
const symbolFile = 'dejavu-sans/files/dejavu-sans-latin-400-normal.woff2'
const symbolRange = 'U+2190-21FF, U+2300-23FF, U+25A0-25FF, U+2600-27BF, U+2B00-2BFF'

const require = createRequire(import.meta.url)

/** Font CSS by the characters it was cut down to ('' for whole files); a few kept, for `preview`. */
const cached = new Map<string, Promise<string>>()

/**
 * `@font-face` rules for the bundled fonts, with each woff2 file inlined as a
 * `data:` URL, followed by `:root` custom properties `--font-serif`,
 * `--font-sans` and `--font-symbol` holding the stacks.
 *
 * Given `text` (all the text the document may show, markup included), every
 * file is subset to the characters of `text` (see {@link subsetCharacters})
 * and files that cover none of them are left out. The output is a function
 * of `text` alone.
 */
export function fontFaceCss(text?: string, themeFonts: readonly ThemeFont[] = []): Promise<string> {
  return fontFaceCssFor(text === undefined ? undefined : subsetCharacters(text), themeFonts)
}

/**
 * {@link fontFaceCss} for the characters {@link subsetCharacters} (or
 * {@link subsetCharactersOf}) gave; undefined: whole files.
 */
export function fontFaceCssFor(characters: string | undefined, themeFonts: readonly ThemeFont[] = []): Promise<string> {
  const key = `${themeFonts.length === 0 ? '' : JSON.stringify(themeFonts)}\n${characters === undefined ? '' : `+${characters}`}`
  let css = cached.get(key)
  if (!css) {
    css = themeFonts.length === 0 ? buildFontFaceCss(characters) : buildThemeFontFaceCss(characters, themeFonts)
    css.catch(() => cached.delete(key))
    if (cached.size >= 4) cached.delete(cached.keys().next().value!)
    cached.set(key, css)
  }
  return css
}

/** PostScript name prefixes a PDF set with `themeFonts` may hold (the bundled ones and the theme's). */
export function pdfFontNames(themeFonts: readonly ThemeFont[] = []): string[] {
  return [...new Set([...bundledPdfFontNames, ...themeFonts.map((font) => font.pdfName)])]
}

/**
 * Like {@link buildFontFaceCss}, with the theme's families in the roles they
 * take; a role the theme leaves alone keeps the bundled family. Faces are
 * subset and cached as the bundled ones are; one the text needs nothing
 * from is left out, and a face two roles share is written once.
 */
async function buildThemeFontFaceCss(characters: string | undefined, themeFonts: readonly ThemeFont[]): Promise<string> {
  const body = themeFonts.find((font) => font.role === 'body')
  const heading = themeFonts.find((font) => font.role === 'heading')
  const keep = textFaces.filter((face) => (face.family === serifFamily ? !body : !heading))
  const packages = [...new Set(keep.map((face) => face.pkg))]
  const ranges = new Map(
    await Promise.all(packages.map(async (pkg) => [pkg, JSON.parse(await readFile(packageFile(pkg, 'unicode.json'), 'utf8')) as Record<string, string>] as const)),
  )
  const written = new Set<string>()
  const once = (key: string): boolean => (written.has(key) ? false : (written.add(key), true))
  const bundledRules = keep.flatMap((face) =>
    textSubsets.map(async (subset) => {
      const range = ranges.get(face.pkg)?.[subset]
      if (range === undefined) throw new Error(`@fontsource/${face.pkg} has no ${subset} subset`)
      const file = require.resolve(`@fontsource/${face.pkg}/files/${face.pkg}-${subset}-${face.weight}-${face.style}.woff2`)
      if (!once(`${face.family}\n${file}`)) return ''
      const url = await fileDataUrl(file, characters, range)
      return url === undefined ? '' : fontFace(face.family, String(face.weight), face.style, url, range)
    }),
  )
  const themeRules = [body, heading].flatMap((font) =>
    (font?.faces ?? []).map(async (face) => {
      if (!once(`${font!.family}\n${face.file}`)) return ''
      const url = await fileDataUrl(face.file, characters, face.range)
      return url === undefined ? '' : fontFace(font!.family, String(face.weight), face.style, url, face.range)
    }),
  )
  const symbolRule = dataUrl(symbolFile, characters, symbolRange).then((url) =>
    url === undefined ? '' : fontFace(symbolFamily, '100 900', 'normal', url, symbolRange),
  )
  const serif = body ? `'${body.family}', '${symbolFamily}', Georgia, 'Times New Roman', serif` : serifStack
  const sans = heading ? `'${heading.family}', '${symbolFamily}', 'Helvetica Neue', Arial, sans-serif` : sansStack
  const root = `:root {\n  --font-serif: ${serif};\n  --font-sans: ${sans};\n  --font-symbol: ${symbolStack};\n}\n`
  // report.css names the bundled families in `--serif` and `--sans`; the
  // theme's families take those over (`html:root` outranks report.css's `:root`).
  const roles = `html:root {\n${body ? `  --serif: ${serif};\n` : ''}${heading ? `  --sans: ${sans};\n` : ''}}\n`
  return (await Promise.all([...bundledRules, ...themeRules, symbolRule])).join('') + root + roles
}

/**
 * The characters a subset must hold for `text`: its own, in both cases
 * (headings and running heads are case-transformed by CSS), with its
 * character references decoded, plus printable ASCII, the no-break and en
 * spaces, and typographic quotes and dashes, which stylesheets and templates
 * add. Sorted, so the same text always gives the same fonts.
 */
export function subsetCharacters(text: string): string {
  return subsetCharactersOf([distinctCharacters(text)])
}

/** Marks of the Basic Multilingual Plane, reused (and cleared) by each {@link distinctCharacters}. */
const scratch = new Uint8Array(0x10000)

/**
 * The raw material of {@link subsetCharacters}: the distinct code points of
 * `text` (a lone surrogate as its unit), with those its character references
 * decode to, before case mapping. The sets of several texts, joined by
 * {@link subsetCharactersOf}, give the characters of all of them: the
 * preview keeps the set of every body and joins them again after an edit
 * instead of reading the whole report.
 */
export function distinctCharacters(text: string): Uint32Array {
  // The text runs to megabytes with a few hundred distinct characters: find
  // those in one pass over the UTF-16 units (a bitmap for the Basic
  // Multilingual Plane); case mapping is left to the end, once a character.
  // Iterating the string by code point and case-mapping every one took 2 s
  // of a preview edit.
  const found: number[] = []
  const astral = new Set<number>()
  const mark = (code: number): void => {
    if (code > 0xffff) {
      if (!astral.has(code)) {
        astral.add(code)
        found.push(code)
      }
    } else if (scratch[code] === 0) {
      scratch[code] = 1
      found.push(code)
    }
  }
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        mark((unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000)
        index++
        continue
      }
    }
    if (scratch[unit] === 0) {
      scratch[unit] = 1
      found.push(unit)
    }
  }
  // Characters written as references (`&#8594;`, `&rarr;`) in templates and
  // layout: the entities library decodes them; the text is scanned, not parsed.
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    const end = text.indexOf(';', at)
    if (end !== -1 && end - at <= 32) for (const character of decodeHTML(text.slice(at, end + 1))) mark(character.codePointAt(0)!)
  }
  for (const code of found) if (code <= 0xffff) scratch[code] = 0
  return Uint32Array.from(found)
}

/**
 * {@link subsetCharacters} of texts given by their {@link distinctCharacters}:
 * each character in both cases (headings and running heads are
 * case-transformed by CSS), plus printable ASCII, the no-break and en
 * spaces, and typographic quotes and dashes, which stylesheets and templates
 * add. Sorted, so the same characters always give the same fonts.
 */
export function subsetCharactersOf(sets: Iterable<ArrayLike<number>>): string {
  const seen = new Set<number>()
  for (const codes of sets) for (let index = 0; index < codes.length; index++) seen.add(codes[index]!)
  const set = new Set<string>()
  const add = (character: string): void => {
    set.add(character)
    for (const other of [character.toLowerCase(), character.toUpperCase()]) if ([...other].length === 1) set.add(other)
  }
  for (const code of seen) add(String.fromCodePoint(code))
  for (let code = 0x20; code < 0x7f; code++) set.add(String.fromCharCode(code))
  for (const character of '\u00a0\u00b7\u2002\u2009\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2192\u21a9') add(character)
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('')
}

async function buildFontFaceCss(characters: string | undefined): Promise<string> {
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
      const url = await dataUrl(file, characters, range)
      return url === undefined ? '' : fontFace(face.family, String(face.weight), face.style, url, range)
    }),
  )
  const symbolRule = dataUrl(symbolFile, characters, symbolRange).then((url) =>
    url === undefined ? '' : fontFace(symbolFamily, '100 900', 'normal', url, symbolRange),
  )

  const root = `:root {\n  --font-serif: ${serifStack};\n  --font-sans: ${sansStack};\n  --font-symbol: ${symbolStack};\n}\n`
  return (await Promise.all([...textRules, symbolRule])).join('') + root
}

function fontFace(family: string, weight: string, style: string, url: string, range: string | undefined): string {
  // `block` rather than `swap`: a fallback face must never be laid out, or the
  // HTML view reflows once the inlined font decodes.
  return (
    `@font-face {\n  font-family: '${family}';\n  font-style: ${style};\n  font-weight: ${weight};\n` +
    `  font-display: block;\n  src: url(${url}) format('woff2');\n${range === undefined ? '' : `  unicode-range: ${range};\n`}}\n`
  )
}

/** {@link dataUrl} for a file by absolute path (a theme's); with no `range`, the file covers every character. */
async function fileDataUrl(file: string, characters: string | undefined, range: string | undefined): Promise<string | undefined> {
  const bytes = await readFile(file)
  if (characters === undefined) return `data:font/woff2;base64,${bytes.toString('base64')}`
  const inRange = range === undefined ? characters : inUnicodeRange(characters, range)
  if (inRange === '') return undefined
  return `data:font/woff2;base64,${Buffer.from(await cachedSubset(bytes, inRange)).toString('base64')}`
}

/**
 * The file as a `data:` URL: whole, or cut down to those of `characters`
 * that fall in its `range`; undefined when none do.
 */
async function dataUrl(file: string, characters: string | undefined, range: string): Promise<string | undefined> {
  const bytes = await readFile(require.resolve(`@fontsource/${file}`))
  if (characters === undefined) return `data:font/woff2;base64,${bytes.toString('base64')}`
  const inRange = inUnicodeRange(characters, range)
  if (inRange === '') return undefined
  const subset = await cachedSubset(bytes, inRange)
  return `data:font/woff2;base64,${Buffer.from(subset).toString('base64')}`
}

/**
 * `bytes` (a woff2 file) cut down to `characters`, as woff2. Subsetting is
 * deterministic but slow (most of it is WOFF2's Brotli compression: about
 * 2 s for a report's 20-odd files), so results are kept in the font cache
 * (see font-cache.ts) under a digest of the file, the characters and the
 * subsetter's version: the same input always gives the same bytes, cached or not.
 */
async function cachedSubset(bytes: Buffer, characters: string): Promise<Uint8Array> {
  return cachedFont(bytes, 'woff2', characters, () => subsetFont(bytes, characters, {targetFormat: 'woff2'}))
}

/**
 * `make()`'s font, from the font cache when there (see {@link cachedSubset});
 * `source`, `format` and `characters` are, with the subsetter's version, all that `make` depends on.
 */
export async function cachedFont(source: Uint8Array, format: FontFormat, characters: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const cache = fontCache()
  const key = cache?.key(subsetterVersions(), format, source, characters)
  const hit = key === undefined ? undefined : await cache?.read(key, format)
  if (hit !== undefined) return hit
  const made = await make()
  if (key !== undefined) await cache?.write(key, format, made)
  return made
}

let versions: string | undefined
/** subset-font's version and those of the HarfBuzz and WOFF2 builds it uses, as the cache key's first part. */
function subsetterVersions(): string {
  if (versions === undefined) {
    const subsetter = createRequire(require.resolve('subset-font'))
    // Not every package exports its package.json: find it above the entry point.
    const versionOf = (from: NodeJS.Require, name: string): string => {
      try {
        for (let dir = path.dirname(from.resolve(name)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
          const file = path.join(dir, 'package.json')
          if (!existsSync(file)) continue
          const manifest = JSON.parse(readFileSync(file, 'utf8')) as {name?: string; version?: string}
          if (manifest.name === name) return `${name} ${manifest.version}`
        }
      } catch {
        // unreadable: the key then names no version
      }
      return `${name} ?`
    }
    versions = [versionOf(require, 'subset-font'), versionOf(subsetter, 'harfbuzzjs'), versionOf(subsetter, 'wawoff2')].join(', ')
  }
  return versions
}

/** The characters of `characters` a CSS `unicode-range` value covers. */
export function inUnicodeRange(characters: string, range: string): string {
  const spans = range.split(',').map((part) => {
    const [start, end] = part.trim().replace(/^U\+/i, '').split('-')
    const from = Number.parseInt(start!, 16)
    return [from, end === undefined ? from : Number.parseInt(end, 16)] as const
  })
  let kept = ''
  for (const character of characters) {
    const code = character.codePointAt(0)!
    if (spans.some(([from, to]) => code >= from && code <= to)) kept += character
  }
  return kept
}

/** A file of an @fontsource package that its `exports` map does not expose (`unicode.json`). */
function packageFile(pkg: string, name: string): string {
  const anyFile = require.resolve(`@fontsource/${pkg}/files/${pkg}-latin-400-normal.woff2`)
  return path.join(path.dirname(anyFile), '..', name)
}
