/**
 * Text widths for the SVG charts, from the bundled sans face's own metrics
 * shaped by HarfBuzz (the engine Chromium uses), so that a label's room is
 * measured rather than guessed, and the same text always measures the same
 * on every machine.
 */
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import subsetFont from 'subset-font'
import {cachedFont} from './fonts.js'

/** Width in CSS pixels of `text` set at `size` pixels. */
export type MeasureText = (text: string, size: number) => number

const require = createRequire(import.meta.url)
const sansFile = '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2'

let cached: Promise<MeasureText> | undefined

/** A {@link MeasureText} for Source Sans 3 Regular, the charts' face. Made once per process. */
export function sansMeasure(): Promise<MeasureText> {
  cached ??= createMeasure().catch((error: unknown) => {
    cached = undefined
    throw error
  })
  return cached
}

async function createMeasure(): Promise<MeasureText> {
  const hb = await import('harfbuzzjs')
  // HarfBuzz reads TrueType, not WOFF2: subset-font unpacks it, keeping every glyph.
  // The unpacked file is kept in the font cache: unpacking takes about 0.3 s.
  const woff2 = await readFile(require.resolve(sansFile))
  const ttf = await cachedFont(woff2, 'ttf', 'all glyphs', () => subsetFont(woff2, '', {keepAllGlyphs: true, targetFormat: 'truetype'}))
  const face = new hb.Face(new hb.Blob(ttf))
  const font = new hb.Font(face)
  const upem = face.upem
  const known = new Map<string, number>()
  return (text, size) => {
    let units = known.get(text)
    if (units === undefined) {
      const buffer = new hb.Buffer()
      buffer.addText(text)
      buffer.guessSegmentProperties()
      hb.shape(font, buffer)
      units = buffer.getGlyphPositions().reduce((total, position) => total + position.xAdvance, 0)
      known.set(text, units)
    }
    return (units / upem) * size
  }
}

/** A rough width (0.55 em a character), for callers without a {@link MeasureText}. */
export const estimateText: MeasureText = (text, size) => [...text].length * size * 0.55

/** Break `text` at spaces into lines no wider than `width` (a word longer than that stands alone). */
export function wrapText(text: string, size: number, width: number, measure: MeasureText): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`
    if (line !== '' && measure(next, size) > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line !== '') lines.push(line)
  return lines.length > 0 ? lines : ['']
}
