/**
 * Adversarial tests: content from a stranger's pull request must not run
 * script, reach the network, read outside the project, crash the build, or
 * lose the previous output.
 */
import {execFileSync, spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {chmod, mkdir, mkdtemp, readFile, readdir, symlink, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {selectAll} from 'hast-util-select'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {project, repoRoot, type Edit} from '../helpers.js'

let server: Server
let requests: string[] = []
let origin: string

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '')
    response.end('gotcha')
  })
  server.on('connection', () => requests.push('(connection)'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

function hostileBody(): string {
  return [
    'Assessment text [@news-2010-07-17] and [@analysis-2010-10].',
    '',
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(1)">js</a> <a href="vbscript:msgbox(1)">vb</a>',
    `<a href="data:text/html,<script>alert(1)</script>">data link</a>`,
    `<object data="${origin}/object"></object><embed src="${origin}/embed">`,
    `<svg onload="alert(1)"><image href="${origin}/svg-image"/></svg>`,
    `<picture><source srcset="${origin}/srcset.png 1x"><img src="x" srcset="${origin}/img-srcset.png 2x"></picture>`,
    `<div style="background-image: url(${origin}/inline-style)">styled</div>`,
    `<link rel="stylesheet" href="${origin}/link.css"><meta http-equiv="refresh" content="0;url=${origin}/refresh">`,
    `<sup data-cite-index="0">forged citation</sup>`,
    '',
    `![remote](${origin}/markdown-image.png)`,
    '',
    '[markdown js link](javascript:alert(1)) and {{constructor.constructor("return process")()}} and {{> cover}}',
    '',
  ].join('\n')
}

const hostileEdits = (): Edit[] => [
  {file: 'priorities/media.md', replace: /---\nNew laws.*\n/, with: `---\n${hostileBody()}`},
  {file: 'priorities/media.md', replace: 'title: Media freedom', with: 'title: "<script>alert(1)</script> {{constructor}} Media"'},
  {file: 'evidence/news-2010-07-17.md', replace: 'publisher: Example News', with: 'publisher: "<img src=x onerror=alert(1)> {{#each this}}x{{/each}}"'},
  {file: 'evidence/news-2010-07-17.md', replace: 'url: https://example.org/news', with: 'url: "https://example.org/\\"onmouseover=\\"alert(1)"'},
]

function scriptless(html: string): void {
  const tree = fromHtml(html)
  expect(selectAll('script, iframe, object, embed, link, base, form', tree)).toEqual([])
  visit(tree, 'element', (node: Element) => {
    for (const [name, value] of Object.entries(node.properties)) {
      expect(name.toLowerCase().startsWith('on'), `${node.tagName} has ${name}`).toBe(false)
      if (['href', 'src', 'action', 'formAction', 'xLinkHref'].includes(name))
        expect(String(value), `${node.tagName} ${name}`).not.toMatch(/^\s*(?:javascript|vbscript|data:(?!image\/(?:png|jpeg|gif|webp)))/i)
    }
  })
  expect(html).not.toMatch(/<meta[^>]+refresh/i)
  expect(html).toContain("script-src 'none'")
}

describe('hostile content', () => {
  it('renders to HTML with no script, no event handler, no script URL, and no remote resource', async () => {
    const dir = await project('minimal', hostileEdits())
    const result = await build(dir, {cwd: dir})
    expect(result.ok, result.files.flatMap((f) => f.messages.map(String)).join('\n')).toBe(true)
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    scriptless(html)
    expect(html).not.toContain(origin)
    // Template syntax in content is text, never compiled.
    // Shown as text, not run (the typographer may curl its quotes: it is prose).
    expect(html).toMatch(/\{\{constructor\.constructor\([“"]return process[”"]\)\(\)\}\}/)
    expect(html).toMatch(/{{(?:>|&gt;) cover}}/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{constructor}} Media')
    // The forged citation marker did not become a note.
    expect(html).toContain('forged citation')
    expect(html).toMatch(/id="dimension-human-note-3"/)
    expect(html).not.toMatch(/id="dimension-human-note-4"/)
    // Remote and file: images are reported where they were written.
    const warnings = result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'remote-resource').map((m) => `${m.file}:${m.line}`))
    expect(warnings).toEqual(['priorities/media.md:22'])
    // srcset on <source> and <img> (issue 14, finding 5): gone from the page and from the JSON's HTML.
    expect(html).not.toMatch(/srcset|<source/i)
    const json = await readFile(path.join(dir, 'out', 'scorecard.json'), 'utf8')
    expect(json).not.toContain(origin)
    expect(json).not.toMatch(/srcset|<source/i)
  })

  it('refuses raw-text tags (script, style, iframe…) as errors rather than dropping their text', async () => {
    const dir = await project('minimal', [
      ...hostileEdits(),
      {file: 'priorities/media.md', replace: '[markdown js link]', with: `<script>document.title = "pwned"</script>\n<iframe src="${origin}/iframe"></iframe>\n<style>body { background: url(${origin}/css-url) }</style>\n\n[markdown js link]`},
    ])
    const result = await build(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'raw-text-element').map((m) => `${m.file}:${m.line}:${m.column}`))).toEqual([
      'priorities/media.md:24:1',
      'priorities/media.md:25:1',
      'priorities/media.md:26:1',
    ])
    expect(result.written).toEqual([])
  })

  it('prints the PDF without a single request reaching a loopback listener', async () => {
    const dir = await project('minimal', [
      ...hostileEdits(),
      // A template override is trusted, but even it cannot make the browser fetch anything.
      {file: 'templates/styles/print.css', write: `@media print { body { background: url(${origin}/print-css) } } @import url(${origin}/import.css);`},
    ])
    requests = []
    const result = await build(dir, {cwd: dir, formats: ['html', 'pdf'], trustTemplates: true})
    expect(result.ok).toBe(true)
    expect(requests).toEqual([])
    expect(result.printWarnings.join('\n')).toContain(`Blocked request to ${origin}/print-css`)
    expect(result.printWarnings.join('\n')).toContain('(in templates/styles/print.css)')
  })

  it('refuses prototype pollution and YAML alias bombs in front matter', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({length: 9}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)]
    const dir = await project('minimal', [
      {file: 'priorities/media.md', replace: 'status: stalled', with: 'status: stalled\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted2: true'},
      {file: 'evidence/analysis-2010-10.md', replace: 'type: analysis', with: `type: analysis\n${bomb.join('\n')}`},
    ])
    const result = await check(dir, {cwd: dir})
    const rules = result.files.flatMap((f) => f.messages.map((m) => `${m.file} ${m.ruleId}`))
    expect(rules).toContain('priorities/media.md unknown-field')
    expect(rules).toContain('evidence/analysis-2010-10.md yaml-syntax')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined()
  })

  it('rejects invisible and direction-changing characters in ids', async () => {
    const dir = await project('minimal', [
      {file: 'priorities/media.md', replace: 'id: media', with: 'id: me\u200Bdia'},
      {file: 'priorities/vienna-document.md', replace: 'status: progressing', with: 'status: progress\u202Eing'},
    ])
    const result = await check(dir, {cwd: dir})
    expect(result.files.flatMap((f) => f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))).toEqual([
      'priorities/media.md:2:5 invisible-character Invalid value for "id": it contains the invisible character U+200B',
      'priorities/vienna-document.md:5:9 invisible-character Invalid value for "status": it contains the invisible character U+202E',
    ])
  })

  it('keeps images inside the project: "..", absolute paths and symlinks out are errors; inside ones are embedded', async () => {
    const dir = await project('minimal')
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const outside = await mkdtemp(path.join(tmpdir(), 'scorecard-outside-'))
    await writeFile(path.join(outside, 'secret.png'), png)
    await writeFile(path.join(dir, 'priorities', 'chart.png'), png)
    await symlink(path.join(outside, 'secret.png'), path.join(dir, 'priorities', 'link.png'))
    const file = path.join(dir, 'priorities', 'media.md')
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}\n![ok](chart.png)\n\n![up](../../secret.png) ![abs](${outside}/secret.png) ![sym](link.png) ![none](nope.png)\n\n![file](file:///etc/passwd) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)\n`,
    )
    const result = await check(dir, {cwd: dir})
    const found = result.files.flatMap((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`))
    expect(found).toEqual([
      '15:1 path-outside-project',
      '15:25 path-outside-project',
      expect.stringMatching(/^15:\d+ path-outside-project$/),
      expect.stringMatching(/^15:\d+ missing-file$/),
      '17:1 path-outside-project',
      '17:29 unsupported-image',
    ])
    await writeFile(file, `${(await readFile(file, 'utf8')).split('\n![up]')[0]}\n`)
    const built = await build(dir, {cwd: dir})
    expect(built.ok).toBe(true)
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8')
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`)
  })

  it('reads an image only when it is a regular file: a folder or a named pipe is not-a-regular-file (a pipe would block a reader)', async () => {
    const dir = await project('minimal')
    await mkdir(path.join(dir, 'priorities', 'folder.png'))
    execFileSync('mkfifo', [path.join(dir, 'priorities', 'pipe.png')])
    const file = path.join(dir, 'priorities', 'media.md')
    await writeFile(file, `${await readFile(file, 'utf8')}\n![dir](folder.png) ![pipe](pipe.png)\n`)
    const result = await check(dir, {cwd: dir})
    expect(result.files.flatMap((f) => f.messages.map((m) => `${m.ruleId} ${m.reason}`))).toEqual([
      'not-a-regular-file Image "folder.png" is a folder, not a regular file; it is not read',
      'not-a-regular-file Image "pipe.png" is a named pipe (FIFO), not a regular file; it is not read',
    ])
  })
})

describe('bad bytes and huge inputs get diagnostics, not crashes', () => {
  const cases: [string, () => string | Buffer, string][] = [
    ['a multi-megabyte body', () => `---\nid: media\n---\n${'lorem ipsum '.repeat(200_000)}`, 'file-too-large'],
    ['a very long line', () => `---\nid: media\n---\n${'x'.repeat(150_000)}`, 'line-too-long'],
    ['thousands of nested block quotes', () => `---\nid: media\n---\n${'>'.repeat(5000)} deep`, 'nesting-too-deep'],
    ['thousands of nested lists', () => `---\nid: media\n---\n${Array.from({length: 600}, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n')}`, 'nesting-too-deep'],
    ['a run of thousands of emphasis markers', () => `---\nid: media\n---\n${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`, 'nesting-too-deep'],
    ['invalid UTF-8', () => Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0x0a]), 'invalid-encoding'],
  ]
  for (const [name, content, rule] of cases) {
    it(name, async () => {
      const dir = await project('minimal', [{file: 'priorities/media.md', write: content()}])
      const result = await check(dir, {cwd: dir})
      expect(result.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toContain(rule)
      expect(result.ok).toBe(false)
    })
  }

  it('limits are configurable', async () => {
    const dir = await project('minimal')
    const result = await check(dir, {cwd: dir, limits: {maxLineLength: 20}})
    expect(result.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toContain('line-too-long')
  })
})

describe('nothing is lost', () => {
  async function snapshot(dir: string): Promise<Record<string, string>> {
    const out = path.join(dir, 'out')
    const names = (await readdir(out)).sort()
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await readFile(path.join(out, name))).toString('base64')] as const)))
  }

  it('a browser that crashes mid-build leaves the previous out/ byte-identical', async () => {
    const dir = await project('minimal')
    expect((await build(dir, {cwd: dir})).ok).toBe(true)
    const before = await snapshot(dir)
    const fake = path.join(dir, 'fake-chrome.sh')
    await writeFile(fake, '#!/bin/sh\necho "crashing" >&2\nexit 1\n')
    await chmod(fake, 0o755)
    await writeFile(path.join(dir, 'priorities', 'media.md'), (await readFile(path.join(dir, 'priorities', 'media.md'), 'utf8')).replace('New laws', 'Changed laws'))
    await expect(build(dir, {cwd: dir, formats: ['html', 'json', 'pdf'], browserPath: fake})).rejects.toMatchObject({code: 'PRINT_FAILED'})
    expect(await snapshot(dir)).toEqual(before)
  })

  it('two builds into one out/ at once never mix or truncate files', async () => {
    const a = await project('minimal', [{file: 'scorecard.yml', replace: 'title: Test Programme', with: 'title: Build A'}])
    const b = await project('minimal', [{file: 'scorecard.yml', replace: 'title: Test Programme', with: 'title: Build B'}])
    const out = await mkdtemp(path.join(tmpdir(), 'scorecard-shared-out-'))
    for (let round = 0; round < 5; round++) {
      await Promise.all([build(a, {cwd: a, out}), build(b, {cwd: b, out})])
      const html = await readFile(path.join(out, 'report.html'), 'utf8')
      const json = JSON.parse(await readFile(path.join(out, 'scorecard.json'), 'utf8')) as {report: {title: string}}
      expect(html.endsWith('</html>\n')).toBe(true)
      expect(html).toContain(`<title>${json.report.title}: Interim Assessment</title>`)
      expect((await readdir(out)).sort()).toEqual(['evidence.csv', 'priorities.csv', 'report.html', 'scorecard.json'])
    }
  })

  it('SIGTERM during a PDF build closes the browser and leaves no Chromium behind', async () => {
    const dir = await project('minimal')
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'scorecard.js'), 'build', '--format', 'pdf', '--verbose'], {cwd: dir})
    let stderr = ''
    const launched = await new Promise<{pid: number; profile: string}>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser never launched: ${stderr}`)), 30_000)
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        const match = /Launched browser \(pid (\d+), profile ([^)]+)\)/.exec(stderr)
        if (match) {
          clearTimeout(timer)
          resolve({pid: Number(match[1]), profile: match[2]!})
        }
      })
    })
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    // Reported as an interruption (issue 14), not as a print failure ("Protocol error", exit 5).
    expect(code).toBe(143)
    expect(stderr).toContain('interrupted by SIGTERM')
    expect(stderr).not.toContain('Protocol error')
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    for (let i = 0; i < 50 && alive(launched.pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(alive(launched.pid)).toBe(false)
    expect(existsSync(launched.profile)).toBe(false)
    expect(existsSync(path.join(dir, 'out', 'report.pdf'))).toBe(false)
  })

  it('browser profiles left by a killed build are removed at the next start; live ones stay', async () => {
    const {removeStaleProfiles} = await import('../../src/print/index.js')
    const tmp = await mkdtemp(path.join(tmpdir(), 'scorecard-tmp-'))
    const {mkdir} = await import('node:fs/promises')
    const {hostname} = await import('node:os')
    const dead = path.join(tmp, 'scorecard-chrome-dead')
    const live = path.join(tmp, 'scorecard-chrome-live')
    const other = path.join(tmp, 'unrelated')
    for (const dir of [dead, live, other]) await mkdir(dir)
    await writeFile(path.join(dead, 'scorecard-owner.json'), JSON.stringify({pid: 2 ** 22 + 17, host: hostname()}))
    await writeFile(path.join(live, 'scorecard-owner.json'), JSON.stringify({pid: process.pid, host: hostname()}))
    expect(await removeStaleProfiles(tmp)).toEqual([dead])
    expect((await readdir(tmp)).sort()).toEqual(['scorecard-chrome-live', 'unrelated'])
  })
})
