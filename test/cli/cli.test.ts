import {existsSync} from 'node:fs'
import {cp, mkdtemp, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli} from '../helpers.js'


/** Run the real binary (built to dist/ by `npm run build`, which `npm test` runs first). */
async function run(args: string[], cwd = repoRoot) {
  return runCli(args, cwd)
}

async function exampleCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-cli-'))
  for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report', 'assets'])
    await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
  return dir
}

describe('scorecard CLI (real binary)', () => {
  it('prints help', async () => {
    const {code, stdout} = await run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: scorecard')
    expect(stdout).toMatch(/check \[options\] \[dir\]/)
    expect(stdout).toMatch(/build \[options\] \[dir\]/)
  })

  it('check passes on the bundled example', async () => {
    const {code, stderr} = await run(['check'])
    expect(stderr).toMatch(/^Checked \d+ files: no problems\.$/m)
    expect(code).toBe(0)
  })

  it('check fails with file:line:col, rule and hint on a mistyped status, and writes nothing', async () => {
    const dir = await exampleCopy()
    const file = path.join(dir, 'priorities', 'vienna-document.md')
    const {writeFile} = await import('node:fs/promises')
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^status: \w+$/m, 'status: progresing'))
    const {code, stderr, stdout} = await run(['check'], dir)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(
      'priorities/vienna-document.md:5:9 error Unknown status "progresing"; expected one of achieved, progressing, limited, stalled, setback (did you mean "progressing"?) [unknown-status]',
    )
    expect(stderr).toMatch(/^ {2}hint: /m)
    expect(stderr).not.toMatch(/\n\s+at /)
    const built = await run(['build'], dir)
    expect(built.code).toBe(1)
    expect(existsSync(path.join(dir, 'out'))).toBe(false)
  })

  it('prints JSON diagnostics on stdout with --format json', async () => {
    const dir = await exampleCopy()
    const {writeFile} = await import('node:fs/promises')
    await writeFile(path.join(dir, 'priorities', 'gender.md'), '---\nid: gender\n')
    const {code, stdout} = await run(['check', '--format', 'json'], dir)
    expect(code).toBe(1)
    const messages = JSON.parse(stdout) as {file: string; ruleId: string; line: number}[]
    expect(messages).toContainEqual(expect.objectContaining({file: 'priorities/gender.md', ruleId: 'unclosed-front-matter', line: 1}))
  })

  it('builds HTML and JSON into out/ of the project', async () => {
    const dir = await exampleCopy()
    const {code, stderr} = await run(['build', '--format', 'html,json'], dir)
    expect(code).toBe(0)
    expect(stderr).toContain('Wrote out/report.html')
    expect(existsSync(path.join(dir, 'out', 'scorecard.json'))).toBe(true)
  })

  it('exits 3 with a hint, not a stack trace, outside a project', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-empty-'))
    const {code, stderr} = await run(['check'], dir)
    expect(code).toBe(3)
    expect(stderr).toContain('scorecard: No scorecard.yml in')
    expect(stderr).toContain('hint:')
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 on bad usage', async () => {
    expect((await run(['frobnicate'])).code).toBe(2)
    expect((await run(['build', '--format', 'docx'])).code).toBe(2)
  })
})
