/**
 * markdown.ts: `diff --format markdown`, a pull-request comment. Besides the
 * exact lines, the comment is parsed back as GitHub-flavoured Markdown to
 * show that content cannot change its structure.
 */
import type {Html, Root, Table} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {toString} from 'mdast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {diffProjects, formatDiffMarkdown, type AssessmentDiff} from '../../src/diff/index.js'
import {baseDir, diffFixtures, edited} from './fixture.js'

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown)

/** Raw HTML in the comment, as GitHub would see it. */
function rawHtml(tree: Root): string[] {
  const found: string[] = []
  visit(tree, 'html', (node: Html) => {
    found.push(node.value)
  })
  return found
}

describe('formatDiffMarkdown', () => {
  let diff: AssessmentDiff
  let markdown: string
  beforeAll(async () => {
    diff = await diffProjects({type: 'directory', path: 'base'}, {type: 'directory', path: 'head'}, {cwd: diffFixtures})
    markdown = formatDiffMarkdown(diff)
  })

  it('summary line, status table with ▲/▼, caution alert for edited quotations, details', () => {
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('### Scorecard: Test Programme')
    expect(lines[2]).toBe(
      '**base** → **head**: **▲ 1 moved up, ▼ 1 moved down, 1 priority added, 1 priority removed, 1 priority renamed; evidence: 1 EDITED QUOTATION, 1 added, 1 removed; 1 report chapter changed.**',
    )
    expect(markdown).toContain('> [!CAUTION]\n> **EDITED QUOTATION.**')
    expect(markdown).toContain('> The ministers agreed to update the Vienna Document before the <ins>Astana</ins> summit.')
    const table = lines.filter((line) => line.startsWith('| '))
    expect(table).toEqual([
      '| | Priority | Before | After | Change |',
      '| :-: | - | - | - | - |',
      '| ▼ | Media freedom (`media`) | ▲ Progressing | ■ Stalled | down 2 steps |',
      '| ▲ | Updating the Vienna Document (`vienna-document`) | ▲ Progressing | ✔ Achieved | up 1 step |',
      '| ＋ | Water management (`water`) | — | ◆ Limited progress | added |',
      '| − | Election observation (`elections`) | ◆ Limited progress | — | removed |',
    ])
    expect(markdown).toContain('- **Election observation** (`elections`, `priorities/elections.md`) — **removed**')
    expect(markdown).toContain('  - renamed: tolerance → tolerance-and-non-discrimination (same file)')
    expect(markdown).toContain('  - evidence added: `report-2010-09`')
    // mdast-util-to-markdown escapes the "[" that could open a link; "]" alone needs no escape.
    expect(markdown).toContain('Talks <del>moved forward</del><ins>concluded</ins> in the <del>summer</del><ins>autumn</ins> \\[@news-2010-07-17]')
    // An added priority's assessment is shown in full.
    expect(markdown).toContain('  - assessment (+7 −0 words): <ins>A regional water project was announced \\[@report-2010-09].</ins>')
    expect(markdown).toContain('- `news-2010-07-17` — Ministers Meet (`evidence/news-2010-07-17.md`) — modified — ⚠️ **EDITED QUOTATION**')
  })

  it('parses back to the same structure: one table with a row per status change, only <ins>/<del> as raw HTML', () => {
    const tree = parse(markdown)
    const tables: Table[] = []
    visit(tree, 'table', (node: Table) => {
      tables.push(node)
    })
    expect(tables).toHaveLength(1)
    expect(tables[0]!.children.map((row) => row.children.length)).toEqual([5, 5, 5, 5, 5])
    expect(tables[0]!.align).toEqual(['center', null, null, null, null])
    expect(new Set(rawHtml(tree))).toEqual(new Set(['<ins>', '</ins>', '<del>', '</del>']))
    expect(tree.children[0]).toMatchObject({type: 'heading', depth: 3})
    expect(toString(tree.children[0]!)).toBe('Scorecard: Test Programme')
  })

  it('escapes content, so a title cannot break the table, inject HTML or add emphasis', async () => {
    const dir = await edited([
      {file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: "Media | <b>freedom</b> *now*"'},
      {file: 'priorities/media.md', replace: 'status: progressing', with: 'status: stalled'},
    ])
    const changed = formatDiffMarkdown(await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: dir}))
    expect(changed).toContain('title: Media freedom → Media | \\<b>freedom\\</b> \\*now\\*')
    expect(changed).toContain('| ▼ | Media \\| \\<b>freedom\\</b> \\*now\\* (`media`) |')
    const tree = parse(changed)
    expect(rawHtml(tree)).toEqual([])
    let emphasis = 0
    visit(tree, 'emphasis', () => {
      emphasis++
    })
    expect(emphasis).toBe(0)
    const rows: number[] = []
    visit(tree, 'tableRow', (row) => {
      rows.push(row.children.length)
    })
    expect(rows).toEqual([5, 5])
    // The title reads back as written.
    expect(changed.split('\n').some((line) => line.startsWith('- **Media | \\<b>freedom\\</b> \\*now\\***'))).toBe(true)
  })

  it('says when nothing changed', async () => {
    const same = await diffProjects({type: 'directory', path: baseDir}, {type: 'directory', path: baseDir})
    expect(formatDiffMarkdown(same)).toBe(`### Scorecard: Test Programme\n\n**${baseDir}** → **${baseDir}**: **No changes.**\n\nNothing in the assessment changed.\n`)
  })
})
