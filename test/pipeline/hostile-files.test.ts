/**
 * Files a pull request can plant (issue 14, findings 1, 3, 6, 7, 8, 10):
 * symbolic links out of the project, devices, FIFOs, broken links, a
 * symlinked `out/`, a planted lock, a planted `report.pdf`. Each is refused
 * with a diagnostic naming the file, and never read.
 */
import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile} from 'node:fs/promises'
import {hostname, tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, check} from '../../src/index.js'
import {project} from '../helpers.js'

const secret = 'TOP-SECRET-OUTSIDE-TEXT'

async function outsideFile(): Promise<string> {
  const outside = await mkdtemp(path.join(tmpdir(), 'scorecard-outside-'))
  const file = path.join(outside, 'leak.md')
  await writeFile(file, `---\nid: leaked\ntitle: ${secret}\npublisher: Outside\ndate: 2010-07\ntype: news\n---\n${secret} excerpt.\n`)
  return file
}

function diagnostics(files: {messages: {file?: string | null; line?: number | null; column?: number | null; ruleId?: string | null}[]}[]): string[] {
  return files.flatMap((file) => file.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`))
}

async function everyOutput(dir: string): Promise<string> {
  const out = path.join(dir, 'out')
  if (!existsSync(out)) return ''
  const names = await readdir(out)
  return (await Promise.all(names.map((name) => readFile(path.join(out, name), 'utf8')))).join('\n')
}

describe('content files must be regular files inside the project', () => {
  it('a symlinked evidence file pointing outside is refused and its text never reaches the outputs', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', replace: '[@analysis-2010-10;', with: '[@leaked; @analysis-2010-10;'}])
    await symlink(await outsideFile(), path.join(dir, 'evidence', 'leaked.md'))
    const result = await build(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(diagnostics(result.files)).toContain('evidence/leaked.md:1:1 path-outside-project')
    expect(result.files.map((file) => String(file.value)).join('\n')).not.toContain(secret)
    expect(await everyOutput(dir)).not.toContain(secret)
  })

  it('a symlinked report/ folder and summary are refused', async () => {
    const dir = await project('minimal')
    const outside = path.dirname(await outsideFile())
    await writeFile(path.join(outside, 'summary.md'), `---\n---\n${secret}\n`)
    await rm(path.join(dir, 'report'), {recursive: true})
    await symlink(outside, path.join(dir, 'report'))
    const result = await check(dir, {cwd: dir})
    expect(diagnostics(result.files)).toContain('report/summary.md:1:1 path-outside-project')
    expect(result.files.map((file) => String(file.value)).join('\n')).not.toContain(secret)
  })

  it('a symlinked scorecard.yml is refused', async () => {
    const dir = await project('minimal')
    const outside = await mkdtemp(path.join(tmpdir(), 'scorecard-outside-'))
    await writeFile(path.join(outside, 'scorecard.yml'), await readFile(path.join(dir, 'scorecard.yml')))
    await rm(path.join(dir, 'scorecard.yml'))
    await symlink(path.join(outside, 'scorecard.yml'), path.join(dir, 'scorecard.yml'))
    const result = await check(dir, {cwd: dir})
    expect(diagnostics(result.files)).toContain('scorecard.yml:1:1 path-outside-project')
  })

  it('/dev/zero and /dev/stdin are not read (once 9 GB, or a hang)', async () => {
    const dir = await project('minimal')
    await symlink('/dev/zero', path.join(dir, 'evidence', 'z.md'))
    await symlink('/dev/stdin', path.join(dir, 'evidence', 's.md'))
    const result = await check(dir, {cwd: dir})
    const found = diagnostics(result.files)
    expect(found).toContain('evidence/z.md:1:1 path-outside-project')
    expect(found).toContain('evidence/s.md:1:1 path-outside-project')
    expect(process.memoryUsage().rss).toBeLessThan(2 * 1024 ** 3)
  })

  it('a FIFO inside the project is refused, not opened (opening it would block)', async () => {
    const dir = await project('minimal')
    execFileSync('mkfifo', [path.join(dir, 'evidence', 'pipe.md')])
    const result = await check(dir, {cwd: dir})
    expect(diagnostics(result.files)).toContain('evidence/pipe.md:1:1 not-a-regular-file')
    expect(result.files.flatMap((f) => f.messages.map((m) => m.reason))).toContain('File is a named pipe (FIFO), not a regular file; it is not read')
  })

  it('a dangling symlink in priorities/ is a diagnostic, not an internal error', async () => {
    const dir = await project('minimal')
    await symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'priorities', 'dangling.md'))
    const result = await build(dir, {cwd: dir})
    expect(result.ok).toBe(false)
    expect(diagnostics(result.files)).toContain('priorities/dangling.md:1:1 not-a-regular-file')
  })

  it('a symlink to a file inside the project is read', async () => {
    const dir = await project('minimal')
    await rm(path.join(dir, 'evidence', 'news-2010-07-17.md'))
    await mkdir(path.join(dir, 'shared'))
    const original = await readFile(path.join((await project('minimal')), 'evidence', 'news-2010-07-17.md'))
    await writeFile(path.join(dir, 'shared', 'news.md'), original)
    await symlink(path.join('..', 'shared', 'news.md'), path.join(dir, 'evidence', 'news-2010-07-17.md'))
    const result = await check(dir, {cwd: dir})
    expect(diagnostics(result.files).filter((line) => !line.includes('warning'))).not.toContainEqual(expect.stringContaining('evidence/news-2010-07-17.md'))
    expect(result.ok).toBe(true)
  })
})

describe('out/ cannot be redirected or jammed', () => {
  it('never reads a planted out/report.pdf before the build (a FIFO there would block a reader)', async () => {
    const dir = await project('minimal')
    await mkdir(path.join(dir, 'out'))
    const planted = path.join(dir, 'out', 'report.pdf')
    // Opening a FIFO for reading blocks until a writer comes: the old build, which parsed the
    // previous report.pdf for its contents page numbers, would hang here.
    execFileSync('mkfifo', [planted])
    const started = Date.now()
    const result = await build(dir, {cwd: dir, formats: ['pdf'], audit: false})
    expect(result.ok).toBe(true)
    expect(Date.now() - started).toBeLessThan(90_000)
    const written = await lstat(planted)
    expect(written.isFile()).toBe(true)
    expect((await readFile(planted)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  }, 120_000)

  it('ignores a planted page-number note that is too large or malformed', async () => {
    const dir = await project('minimal')
    await mkdir(path.join(dir, 'out'))
    await writeFile(path.join(dir, 'out', '.scorecard-pdf.json'), '{'.repeat(2_000_000))
    const result = await build(dir, {cwd: dir, formats: ['pdf'], audit: false})
    expect(result.ok).toBe(true)
    expect((await readFile(path.join(dir, 'out', 'report.pdf'))).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  }, 120_000)

  it('refuses to write through a symlinked out/ folder', async () => {
    const dir = await project('minimal')
    const victim = await mkdtemp(path.join(tmpdir(), 'scorecard-victim-'))
    await writeFile(path.join(victim, 'report.html'), 'precious')
    await symlink(victim, path.join(dir, 'out'))
    await expect(build(dir, {cwd: dir})).rejects.toMatchObject({code: 'WRITE_FAILED', message: expect.stringContaining('symbolic link')})
    expect(await readFile(path.join(victim, 'report.html'), 'utf8')).toBe('precious')
    expect(await readdir(victim)).toEqual(['report.html'])
  })

  for (const [name, content] of [
    ['a planted lock naming pid 1', '1'],
    ['an empty lock left by a full disk', ''],
    ['an unparsable lock', 'garbage\u0000'],
    ['a lock of a dead process on this host', JSON.stringify({pid: 2 ** 22 + 17, host: hostname()})],
    ['a lock of another host, long idle', JSON.stringify({pid: 1, host: 'elsewhere.example'})],
  ] as const) {
    it(`recovers from ${name}`, async () => {
      const dir = await project('minimal')
      await mkdir(path.join(dir, 'out'))
      const lock = path.join(dir, 'out', '.scorecard.lock')
      await writeFile(lock, content)
      // Old enough to be stale by its age too, as a committed file or a crashed build's lock would be.
      const old = new Date(Date.now() - 10 * 60_000)
      await utimes(lock, old, old)
      const started = Date.now()
      const result = await build(dir, {cwd: dir})
      expect(result.ok).toBe(true)
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(existsSync(lock)).toBe(false)
      expect((await lstat(path.join(dir, 'out', 'report.html'))).isFile()).toBe(true)
    })
  }
})
