/**
 * Prose that used to lose words or warnings silently (issue 14, findings 9
 * and 11): raw-text tags and remote images in reference-style links.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {project} from '../helpers.js'

const head = '---\nid: media\ntitle: Media freedom\ndimension: human\nstatus: stalled\n---\n'

function found(result: Awaited<ReturnType<typeof check>>): string[] {
  return result.files.flatMap((file) => file.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
}

describe('raw-text tags are errors, never silent losses', () => {
  it('<script> in a sentence is reported where it stands (it once swallowed the rest and a citation)', async () => {
    const dir = await project('minimal', [
      {file: 'priorities/media.md', write: `${head}The law was defended with a <script> tag, and critics objected [@news-2010-07-17]. This sentence stays.\n`},
    ])
    const result = await build(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(found(result)).toContain('priorities/media.md:7:29 raw-text-element')
    expect(result.written).toEqual([])
  })

  for (const tag of ['style', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'plaintext', 'SCRIPT']) {
    it(`<${tag}> in prose is an error naming file:line:col`, async () => {
      const dir = await project('minimal', [{file: 'priorities/media.md', write: `${head}First paragraph [@news-2010-07-17].\n\nSecond <${tag} class="x">paragraph [@analysis-2010-10].\n`}])
      const result = await check(dir, {cwd: dir})
      expect(found(result)).toContain('priorities/media.md:9:8 raw-text-element')
      expect(result.ok).toBe(false)
    })
  }

  it('in an excerpt too, and on the right line inside a multi-line HTML block', async () => {
    const dir = await project('minimal', [{file: 'evidence/news-2010-07-17.md', replace: 'The ministers agreed', with: '<div>\nok\n  <textarea>The ministers agreed'}])
    const result = await check(dir, {cwd: dir})
    expect(found(result)).toContain('evidence/news-2010-07-17.md:11:3 raw-text-element')
  })

  it('tags as text (backticks, entities) and harmless tags pass', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', write: `${head}A \`<script>\` tag and &lt;style&gt; and <b>bold</b> and <scripted> [@news-2010-07-17].\n`}])
    const result = await build(dir, {cwd: dir})
    expect(found(result).filter((line) => line.endsWith('raw-text-element'))).toEqual([])
    expect(result.ok).toBe(true)
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).toContain('<code>&#x3C;script></code> tag and &#x3C;style> and <b>bold</b>')
  })
})

describe('reference-style images', () => {
  it('a remote one gets the remote-resource warning (it was dropped silently)', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', write: `${head}Text [@news-2010-07-17].\n\n![chart][c] and ![Logo]\n\n[c]: http://127.0.0.1:9/chart.png\n[logo]: https://example.org/logo.png\n`}])
    const result = await check(dir, {cwd: dir})
    expect(found(result).filter((line) => line.endsWith('remote-resource'))).toEqual(['priorities/media.md:9:1 remote-resource', 'priorities/media.md:9:17 remote-resource'])
  })

  it('a local one is embedded like an inline image, and one outside is refused', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const dir = await project('minimal', [
      {file: 'priorities/chart.png', write: png},
      {file: 'priorities/media.md', write: `${head}Text [@news-2010-07-17].\n\n![chart][c]\n\n[c]: chart.png\n`},
    ])
    const built = await build(dir, {cwd: dir})
    expect(built.ok).toBe(true)
    expect(await readFile(path.join(dir, 'out', 'report.html'), 'utf8')).toContain(`src="data:image/png;base64,${png.toString('base64')}"`)
    const outside = await project('minimal', [{file: 'priorities/media.md', write: `${head}Text [@news-2010-07-17].\n\n![x][up]\n\n[up]: ../../../etc/passwd.png\n`}])
    expect(found(await check(outside, {cwd: outside}))).toContain('priorities/media.md:9:1 path-outside-project')
  })
})
