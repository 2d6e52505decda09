/**
 * Preview on a checkout with planted links (issue 14, findings 1 and 8): the
 * watcher never follows a link out of the project (`assets -> /` once grew
 * it to 4.8 GB, never ready), and a linked content file is reported, not read.
 */
import {mkdtemp, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {startPreview} from '../../src/preview/index.js'
import {project} from '../helpers.js'

describe('preview and symbolic links', () => {
  it('becomes ready quickly with `assets -> /`, and reports a linked evidence file instead of reading it', async () => {
    const dir = await project('minimal')
    await symlink('/', path.join(dir, 'assets'))
    const outside = await mkdtemp(path.join(tmpdir(), 'scorecard-outside-'))
    await writeFile(path.join(outside, 'leak.md'), '---\nid: leak\n---\nOUTSIDE-SECRET\n')
    await symlink(path.join(outside, 'leak.md'), path.join(dir, 'evidence', 'leak.md'))
    const started = Date.now()
    const before = process.memoryUsage().rss
    const preview = await startPreview(dir, {port: 0})
    try {
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024)
      const state = preview.state
      expect(state.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toContain('evidence/leak.md:1:1 path-outside-project')
      expect(JSON.stringify(state)).not.toContain('OUTSIDE-SECRET')
    } finally {
      await preview.close()
    }
  })
})
