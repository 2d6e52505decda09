/**
 * Charts as inline SVG, drawn at build time: they work in the HTML and the
 * PDF with no script, and every one carries <title>, <desc> and a data table
 * beside it for screen readers.
 *
 * Hand-written rather than a charting library: two bar charts of small
 * integers need a few rectangles and labels, and a library (Vega-Lite compiled
 * to SVG) would add megabytes of dependencies and text measurement that
 * differs between machines, which would break byte-identical output.
 */

import {movementOrder, movementSymbols, movementTitles} from '../core/movement.js'
import {estimateText, wrapText, type MeasureText} from './measure.js'

/** One rating of the scale, as charts need it. */
export interface ChartScale {
  id: string
  label: string
  symbol: string
  color: string
}

/** One row of a stacked bar chart. */
export interface StackedRow {
  label: string
  counts: number[]
}

const font = "font-family=\"'Source Sans 3', 'Scorecard Symbols', Arial, sans-serif\""

/**
 * Stacked horizontal bars, one per row (e.g. per dimension), one segment per
 * rating in scale order. Each segment shows the rating's symbol and count, so
 * the chart reads in greyscale.
 */
export function stackedBarChart(options: {id: string; title: string; rows: StackedRow[]; scale: ChartScale[]; measure?: MeasureText}): string {
  const {id, title, rows, scale} = options
  const measure = options.measure ?? estimateText
  // Labels get the room the longest needs, up to a cap; longer ones wrap onto more lines.
  const labelCap = 240
  const labels = rows.map((row) => wrapText(row.label, labelSize, labelCap, measure))
  const labelWidth = Math.ceil(Math.max(60, ...labels.flat().map((line) => measure(line, labelSize)))) + 10
  const barWidth = 400
  const rowHeights = labels.map((lines) => Math.max(30, lines.length * lineHeight + 14))
  const top = 8
  const rowTops = rowHeights.map((_, index) => top + sum(rowHeights.slice(0, index)))
  const legendTop = top + sum(rowHeights) + 14
  const legendRows = Math.ceil(scale.length / 3)
  const height = legendTop + legendRows * 22 + 4
  const width = Math.max(labelWidth + barWidth + 50, 3 * 210)
  const max = Math.max(1, ...rows.map((row) => sum(row.counts)))

  const parts: string[] = []
  rows.forEach((row, rowIndex) => {
    const rowHeight = rowHeights[rowIndex]!
    // Bars are 22 high and centred in their row.
    const y = rowTops[rowIndex]! + (rowHeight - 30) / 2
    const lines = labels[rowIndex]!
    const firstBaseline = rowTops[rowIndex]! + rowHeight / 2 + 4.5 - ((lines.length - 1) * lineHeight) / 2
    parts.push(
      `<text x="${labelWidth - 10}" y="${fixed(firstBaseline)}" text-anchor="end" font-size="${labelSize}" fill="#1a1a1a">` +
        lines.map((line, index) => (index === 0 ? escape(line) : `<tspan x="${labelWidth - 10}" dy="${lineHeight}">${escape(line)}</tspan>`)).join('') +
        '</text>',
    )
    let x = labelWidth
    row.counts.forEach((count, index) => {
      const entry = scale[index]
      if (!entry || count === 0) return
      const w = (count / max) * barWidth
      parts.push(`<rect x="${fixed(x)}" y="${fixed(y + 4)}" width="${fixed(w)}" height="22" fill="${entry.color}" stroke="#ffffff" stroke-width="1"/>`)
      if (w >= 30)
        parts.push(
          `<text x="${fixed(x + w / 2)}" y="${fixed(y + 20)}" text-anchor="middle" font-size="12" font-weight="600" fill="${textOn(entry.color)}">${escape(entry.symbol)} ${count}</text>`,
        )
      x += w
    })
    parts.push(`<text x="${fixed(x + 6)}" y="${fixed(y + 19)}" font-size="12" fill="#4a4a4a">${sum(row.counts)}</text>`)
  })
  scale.forEach((entry, index) => {
    const x = (index % 3) * 210 + 10
    const y = legendTop + Math.floor(index / 3) * 22
    parts.push(`<rect x="${x}" y="${y}" width="14" height="14" fill="${entry.color}"/>`)
    parts.push(`<text x="${x + 20}" y="${y + 12}" font-size="12" fill="#1a1a1a">${escape(entry.symbol)} ${escape(entry.label)}</text>`)
  })

  const desc = rows
    .map((row) => `${row.label}: ${row.counts.map((count, index) => (count > 0 ? `${count} ${scale[index]?.label ?? ''}` : '')).filter(Boolean).join(', ') || 'none'}`)
    .join('; ')
  return svg({id, title, desc, width, height, body: parts.join('')})
}

/** Counts of priorities that moved up, stayed, moved down, or are new since the previous edition. */
export interface ChangeCounts {
  up: number
  same: number
  down: number
  new: number
}

/** Default bar colours of the movement chart. */
const movementColors: Readonly<Record<keyof ChangeCounts, string>> = {up: '#1e6b3a', same: '#5f6368', down: '#8b1a1a', new: '#1f5f99'}

/** Horizontal bars for movement between editions, each labelled with ▲, =, ▼ or + and its count. */
export function changeChart(options: {
  id: string
  title: string
  counts: ChangeCounts
  colors?: Partial<Record<keyof ChangeCounts, string>>
  measure?: MeasureText
  /** Row labels, in the report's locale (English by default). */
  labels?: Partial<Record<keyof ChangeCounts, string>>
}): string {
  const {id, title, counts} = options
  // Labels and symbols are the report's one vocabulary of movement (core/movement.ts).
  const rows = movementOrder.map((key) => ({key, label: options.labels?.[key] ?? movementTitles[key], symbol: movementSymbols[key], color: options.colors?.[key] ?? movementColors[key]}))
  const measure = options.measure ?? estimateText
  const labelWidth = Math.ceil(Math.max(...rows.map((row) => measure(`${row.symbol} ${row.label}`, labelSize)))) + 20
  const barWidth = 400
  const rowHeight = 30
  const max = Math.max(1, ...rows.map((row) => counts[row.key]))
  const parts = rows.map((row, index) => {
    const y = 8 + index * rowHeight
    const w = (counts[row.key] / max) * barWidth
    return [
      `<text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end" font-size="13" fill="#1a1a1a">${row.symbol} ${escape(row.label)}</text>`,
      w > 0 ? `<rect x="${labelWidth}" y="${y + 4}" width="${fixed(w)}" height="${rowHeight - 8}" fill="${row.color}"/>` : '',
      `<text x="${fixed(labelWidth + w + 6)}" y="${y + 19}" font-size="13" font-weight="600" fill="#1a1a1a">${counts[row.key]}</text>`,
    ].join('')
  })
  const desc = rows.map((row) => `${row.label}: ${counts[row.key]}`).join('; ')
  return svg({id, title, desc, width: labelWidth + barWidth + 50, height: 8 + rows.length * rowHeight + 8, body: parts.join('')})
}

/** Size and line height of row labels, in SVG user units (CSS pixels). */
const labelSize = 13
const lineHeight = 16

function svg(options: {id: string; title: string; desc: string; width: number; height: number; body: string}): string {
  const {id, title, desc, width, height, body} = options
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${font}>` +
    `<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(desc)}</desc>${body}</svg>`
  )
}

/** Black or white, whichever contrasts more with `hex`. */
export function textOn(hex: string): string {
  const channel = (offset: number): number => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05) ? '#ffffff' : '#000000'
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100)
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
