/**
 * Writing without friction (issue 16): curly quotes explained, nested field
 * typos with "did you mean", evidence in subfolders and `.markdown` files
 * read (other files reported), empty dimensions reported and left out.
 */
import {mkdir, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {project, type Edit} from '../helpers.js'

async function problems(edits: Edit[]) {
  const dir = await project('minimal', edits)
  const result = await check(dir, {cwd: dir})
  const list = result.files.flatMap((file) => file.messages.map((m) => ({at: `${m.file}:${m.line}:${m.column}`, rule: m.ruleId, fatal: m.fatal, reason: m.reason, hint: m.note})))
  return {dir, result, list}
}

describe('curly quotes around a YAML value', () => {
  it('are explained in the hint of the YAML error they cause', async () => {
    const {list} = await problems([{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: “Safety: journalists”'}])
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({at: 'priorities/media.md:3:8', rule: 'yaml-syntax', fatal: true})
    expect(list[0]!.hint).toContain('curly quote (“)')
    expect(list[0]!.hint).toContain('straight quotes')
    expect(list[0]!.hint).toContain('scorecard fmt --fix')
  })

  it('are not mentioned when the YAML error has another cause', async () => {
    const {list} = await problems([{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: Safety: journalists'}])
    expect(list[0]!.rule).toBe('yaml-syntax')
    expect(list[0]!.hint).not.toContain('curly')
  })
})

describe('nested field typos', () => {
  it('get "did you mean" like top-level ones, with the fields allowed there', async () => {
    const {list} = await problems([
      {file: 'priorities/media.md', replace: '  cite: analysis-2010-10', with: '  citation: analysis-2010-10'},
      {file: 'scorecard.yml', replace: '    label: Achieved', with: '    lable: Achieved'},
    ])
    const unknown = list.filter((entry) => entry.rule === 'unknown-field')
    expect(unknown.map((entry) => entry.reason).sort()).toEqual([
      'Unknown field "scale[0].lable" (did you mean "label"?)',
      'Unknown field "stated.citation" (did you mean "cite"?)',
    ])
    expect(unknown.find((entry) => entry.reason.includes('lable'))!.hint).toBe('Allowed fields here: id, label, symbol, color, description.')
  })
})

describe('content files', () => {
  it('are read from subfolders and as .markdown; other files are reported, hidden files and images are not', async () => {
    const dir = await project('minimal')
    await mkdir(path.join(dir, 'evidence', '2010', '.drafts'), {recursive: true})
    await rename(path.join(dir, 'evidence', 'news-2010-07-17.md'), path.join(dir, 'evidence', '2010', 'news-2010-07-17.markdown'))
    await writeFile(path.join(dir, 'evidence', '2010', 'notes.txt'), 'to do\n')
    await writeFile(path.join(dir, 'evidence', '2010', '.drafts', 'draft.txt'), 'hidden\n')
    await writeFile(path.join(dir, 'evidence', '2010', 'chart.png'), 'not really a png')
    await writeFile(path.join(dir, 'priorities', 'media.md.bak'), 'old\n')
    const result = await check(dir, {cwd: dir})
    expect(result.errors).toBe(0)
    const skipped = result.files.flatMap((file) => file.messages.filter((m) => m.ruleId === 'skipped-file').map((m) => `${file.path} ${m.fatal}`))
    expect(skipped).toEqual(['evidence/2010/notes.txt false', 'priorities/media.md.bak false'])
    // The moved excerpt is still found: the priorities citing it check clean.
    expect(result.report!.evidence.map((item) => item.id).sort()).toEqual(['analysis-2010-10', 'news-2010-07-17'])
  })
})

describe('an empty dimension', () => {
  it('is reported by check and left out of the report instead of printing as a blank chapter', async () => {
    const {dir, list, result} = await problems([{file: 'scorecard.yml', replace: '  - id: human\n    title: Human Dimension\n', with: '  - id: human\n    title: Human Dimension\n  - id: economy\n    title: Economy\n'}])
    expect(list).toEqual([
      expect.objectContaining({at: 'scorecard.yml:14:9', rule: 'empty-dimension', fatal: false, reason: 'Dimension "economy" has no priorities; its chapter is left out of the report'}),
    ])
    expect(result.report!.chapters.filter((chapter) => chapter.kind === 'dimension').map((chapter) => chapter.id)).toEqual(['dimension-security', 'dimension-human'])
    const built = await build(dir, {cwd: dir, formats: ['html']})
    const {readFile} = await import('node:fs/promises')
    const html = await readFile(built.written[0]!, 'utf8')
    expect(html).toContain('id="dimension-human"')
    expect(html).not.toContain('id="dimension-economy"')
  })
})
