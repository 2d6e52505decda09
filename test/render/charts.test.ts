import {describe, expect, it} from 'vitest'
import {changeChart, stackedBarChart} from '../../src/render/charts.js'
import {sansMeasure, wrapText} from '../../src/render/measure.js'

const scale = [
  {id: 'achieved', label: 'Achieved', symbol: '✔', color: '#1e6b3a'},
  {id: 'stalled', label: 'Stalled', symbol: '■', color: '#9c3d10'},
]

/** Each right-aligned label line: its anchor x and text. */
function labelLines(svg: string): {x: number; text: string}[] {
  const lines: {x: number; text: string}[] = []
  for (const match of svg.matchAll(/<text x="([\d.-]+)"[^>]*text-anchor="end"[^>]*>(.*?)<\/text>/g)) {
    const [first, ...rest] = match[2]!.split(/<tspan x="[\d.-]+" dy="\d+">/)
    for (const text of [first!, ...rest]) lines.push({x: Number(match[1]), text: text.replace(/<\/tspan>/g, '')})
  }
  return lines
}

describe('chart labels', () => {
  it('are measured with the face, so none starts left of the chart, and a long one wraps', async () => {
    const measure = await sansMeasure()
    const long = 'Economic, Environmental and Energy Security Dimension of the OSCE'
    const svg = stackedBarChart({
      id: 'c',
      title: 'Test',
      scale,
      measure,
      rows: [
        {label: 'Economic and Environmental Dimension', counts: [1, 2]},
        {label: long, counts: [2, 0]},
      ],
    })
    const lines = labelLines(svg)
    expect(lines.map((line) => line.text)).toEqual(['Economic and Environmental Dimension', ...wrapText(long, 13, 240, measure)])
    expect(lines.length).toBe(3)
    for (const line of lines) expect(line.x - measure(line.text, 13), line.text).toBeGreaterThanOrEqual(0)
    // Measured, not counted: an "i" is narrower than an "m".
    expect(measure('iiii', 13)).toBeLessThan(measure('mmmm', 13) / 2)
  })

  it('give the movement chart the room its labels need', async () => {
    const measure = await sansMeasure()
    const svg = changeChart({id: 'm', title: 'Movement', counts: {up: 2, same: 17, down: 0, new: 0}, measure})
    for (const line of labelLines(svg)) expect(line.x - measure(line.text, 13)).toBeGreaterThanOrEqual(0)
  })

  it('measure the same text the same every time', async () => {
    const measure = await sansMeasure()
    expect(measure('Human Dimension', 13)).toBe(measure('Human Dimension', 13))
    expect(measure('Human Dimension', 26)).toBeCloseTo(2 * measure('Human Dimension', 13), 6)
  })
})
