/**
 * `fmt --fix` repairs mechanical mistakes; `fmt` refuses symbolic links and
 * keeps a file's mode (issue 16).
 */
import {chmod, lstat, readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fmtProject, formatFile} from '../../src/author/fmt.js'
import {check} from '../../src/index.js'
import {project} from '../helpers.js'

const scale = [
  {id: 'achieved', label: 'Achieved', symbol: '✔'},
  {id: 'progressing', label: 'Progressing', symbol: '▲'},
  {id: 'limited', label: 'Limited progress', symbol: '◆'},
]

describe('fmt --fix', () => {
  it('repairs tabs, curly quotes, a missing colon and a status given by label or symbol', () => {
    const text = '---\nid: media\ntitle “Safety: journalists”\ndimension: human\nstatus: Limited Progress\nstated:\n\tquote: “protect journalists”\n\tcite: e1\nhistory:\n  - date: 2010-05-01\n    status: ▲\n    note: |\n      status quo held\n---\nBody.\n'
    const fixed = formatFile(text, 'priority', {fix: {scale}})
    expect(fixed.ok).toBe(true)
    if (!fixed.ok) return
    expect(fixed.text).toBe(
      '---\nid: media\ntitle: "Safety: journalists"\ndimension: human\nstatus: limited\nstated:\n  quote: protect journalists\n  cite: e1\nhistory:\n  - date: 2010-05-01\n    status: progressing\n    note: |\n      status quo held\n---\nBody.\n',
    )
    expect(fixed.fixes).toEqual([
      'line 3: colon added after "title"',
      'line 3: curly quotes around the value replaced by straight ones',
      'line 7: tab in indentation replaced by spaces',
      'line 7: curly quotes around the value replaced by straight ones',
      'line 8: tab in indentation replaced by spaces',
      'status: "Limited Progress" is the scale entry "limited"',
      'history[0].status: "▲" is the scale entry "progressing"',
    ])
    // Without --fix the same file is not valid YAML and is left alone.
    expect(formatFile(text, 'priority').ok).toBe(false)
  })

  it('makes a project pass check, through fmtProject', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', replace: 'title: Media freedom\ndimension: human\nstatus: stalled', with: 'title “Media: freedom”\ndimension: human\nstatus: ■'}])
    expect((await check(dir, {cwd: dir})).errors).toBeGreaterThan(0)
    const result = await fmtProject(dir, {cwd: dir, fix: true})
    expect(result.fixed.map((entry) => entry.file)).toEqual(['priorities/media.md'])
    const after = await check(dir, {cwd: dir})
    expect(after.errors).toBe(0)
    expect(await readFile(path.join(dir, 'priorities', 'media.md'), 'utf8')).toContain('title: "Media: freedom"\ndimension: human\nstatus: stalled\n')
  })
})

describe('fmt and file modes', () => {
  it('refuses symbolic links, leaving them links, and keeps the mode of the files it rewrites', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title:   "Media freedom"'}])
    const media = path.join(dir, 'priorities', 'media.md')
    await chmod(media, 0o640)
    await symlink('media.md', path.join(dir, 'priorities', 'link.md'))
    const result = await fmtProject(dir, {cwd: dir, files: ['priorities/link.md', 'priorities/media.md']})
    expect(result.failed).toEqual([{file: 'priorities/link.md', reason: 'Is a symbolic link; fmt formats regular files only', line: undefined, column: undefined, ruleId: 'not-a-regular-file'}])
    expect(result.changed).toEqual(['priorities/media.md'])
    expect((await lstat(path.join(dir, 'priorities', 'link.md'))).isSymbolicLink()).toBe(true)
    expect((await lstat(media)).mode & 0o777).toBe(0o640)
    expect(await readFile(media, 'utf8')).toContain('title: Media freedom\n')
    await writeFile(path.join(dir, 'unused'), '')
  })
})
