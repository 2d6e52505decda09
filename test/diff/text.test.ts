/**
 * text.ts: `diff --format text`.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, formatDiffText, type AssessmentDiff} from '../../src/diff/index.js'
import {baseDir, diffFixtures, edited} from './fixture.js'

describe('formatDiffText', () => {
  let diff: AssessmentDiff
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: 'base'}, {type: 'directory', path: 'head'}, {cwd: diffFixtures})
  })

  it('text: summary, loud edited quotation, status moves with direction and steps, word changes', () => {
    const text = formatDiffText(diff, {color: false})
    const lines = text.split('\n')
    expect(lines[0]).toBe('Scorecard diff: base → head')
    expect(lines[1]).toBe(
      '1 moved up, 1 moved down, 1 priority added, 1 priority removed, 1 priority renamed; evidence: 1 EDITED QUOTATION, 1 added, 1 removed; 1 report chapter changed.',
    )
    expect(text).toContain('!! EDITED QUOTATION: news-2010-07-17 (evidence/news-2010-07-17.md)')
    expect(text).toContain('The ministers agreed to update the Vienna Document before the {+Astana +}summit.')
    expect(lines).toContain('  ▼ media            ▲ Progressing → ■ Stalled (down 2 steps)')
    expect(lines).toContain('  ▲ vienna-document  ▲ Progressing → ✔ Achieved (up 1 step)')
    expect(lines).toContain('  + water            ◆ Limited progress (added)')
    expect(lines).toContain('  - elections        ◆ Limited progress (removed)')
    expect(text).toContain('    renamed: tolerance → tolerance-and-non-discrimination (same file)')
    expect(text).toContain('    evidence added: report-2010-09')
    expect(text).toContain('    stated commitment: {+promised to +}protect journalists')
    expect(text).toContain('Talks [-moved forward-]{+concluded+} in the [-summer-]{+autumn+}')
    expect(text).toContain('  news-2010-07-17  Ministers Meet (evidence/news-2010-07-17.md) [modified] EDITED QUOTATION')
    // No colour codes unless asked for.
    expect(text).not.toMatch(/\u001b\[/)
    expect(formatDiffText(diff, {color: true})).toMatch(/\u001b\[31m\[-moved forward-\]/)
  })

  it('says when nothing changed, and notes a changed scale', async () => {
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(formatDiffText(same)).toBe(`Scorecard diff: ${baseDir} → ${baseDir}\nNo changes.\n`)
    const dir = await edited([{file: 'scorecard.yml', replace: /  - id: stalled[\s\S]*$/, with: '  - id: setback\n    label: Setback\n    symbol: "▼"\n    color: "#8b1a1a"\n'}])
    const changed = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir})
    expect(formatDiffText(changed)).toContain('  note: the rating scale changed; statuses are ranked on the new scale.')
  })
})
