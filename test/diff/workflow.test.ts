/**
 * docs/scorecard-review.yml, the example pull-request workflow: it parses,
 * pins every third-party action by commit SHA, and never posts an empty
 * comment. The diff step's shell script is run for real with a stand-in
 * `npx` that exits as `scorecard diff` does.
 */
import {execFile} from 'node:child_process'
import {chmod, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {parse} from 'yaml'
import {beforeAll, describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers.js'

interface Step {
  name?: string
  id?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  'working-directory'?: string
}

interface Workflow {
  on: {pull_request: {paths: string[]}}
  env: Record<string, string>
  permissions: Record<string, string>
  jobs: Record<string, {steps: Step[]}>
}

const file = path.join(repoRoot, 'docs', 'scorecard-review.yml')

describe('docs/scorecard-review.yml', () => {
  let text: string
  let workflow: Workflow
  let steps: Step[]
  beforeAll(async () => {
    text = await readFile(file, 'utf8')
    workflow = parse(text) as Workflow
    steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
  })

  it('parses as a pull-request workflow with least privilege', () => {
    expect(workflow.on.pull_request.paths).toContain('priorities/**')
    expect(workflow.permissions).toEqual({contents: 'read', 'pull-requests': 'write'})
    expect(steps.map((step) => step.id ?? step.name ?? step.uses?.split('@')[0])).toContain('diff')
  })

  it('pins every action by a full commit SHA, with the version in a comment', () => {
    const uses = steps.map((step) => step.uses).filter((value): value is string => value !== undefined)
    expect(uses.length).toBeGreaterThanOrEqual(4)
    for (const action of uses) expect(action, action).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/)
    // The comment after each pin names the version it stands for.
    const lines = text.split('\n').filter((line) => /^\s*(- )?uses: /.test(line))
    for (const line of lines) expect(line, line).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/)
  })

  it('supports a project in a subfolder: every project step runs in PROJECT_DIR, annotations from the root', () => {
    expect(workflow.env.PROJECT_DIR).toBe('.')
    const byName = (name: string): Step => steps.find((step) => step.name === name)!
    for (const name of ['Install', 'Formatting', 'Compare with the base branch']) expect(byName(name)['working-directory']).toBe('${{ env.PROJECT_DIR }}')
    // GitHub needs annotation paths relative to the repository root.
    expect(byName('Check')['working-directory']).toBeUndefined()
    expect(byName('Check').run).toContain('check "$PROJECT_DIR" --format github')
  })

  it('comments only when the diff step says there is a comment, never on a file hash', () => {
    const comment = steps.find((step) => step.uses?.startsWith('marocchino/'))!
    expect(comment.if).toContain("steps.diff.outputs.comment == 'true'")
    expect(text).not.toContain('hashFiles')
    expect(comment.with).toMatchObject({ignore_empty: true})
  })

  describe('the diff step, run with a stand-in scorecard', () => {
    const exec = promisify(execFile)
    /** Run the step's script with `npx` printing `stdout` and exiting `code`; returns its exit code and what it wrote to GITHUB_OUTPUT. */
    async function runStep(code: number, stdout: string): Promise<{code: number; output: string; summary: string}> {
      const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-workflow-'))
      const bin = path.join(dir, 'bin')
      await exec('mkdir', ['-p', bin])
      await writeFile(path.join(bin, 'npx'), `#!/bin/sh\nprintf '%s' '${stdout}'\nexit ${code}\n`)
      await chmod(path.join(bin, 'npx'), 0o755)
      const output = path.join(dir, 'output')
      const summary = path.join(dir, 'summary')
      await writeFile(output, '')
      await writeFile(summary, '')
      const script = steps.find((step) => step.id === 'diff')!.run!
      const env = {...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary}
      let exitCode = 0
      await exec('bash', ['-e', '-c', script], {cwd: dir, env}).catch((error: {code: number}) => {
        exitCode = error.code
      })
      return {code: exitCode, output: await readFile(output, 'utf8'), summary: await readFile(summary, 'utf8')}
    }

    it('posts when the diff compared (0, 1 or 6), and keeps its exit code', async () => {
      for (const code of [0, 1, 6]) {
        const result = await runStep(code, '### Scorecard: Test\n')
        expect(result, String(code)).toMatchObject({code, output: 'comment=true\n', summary: '### Scorecard: Test\n'})
      }
    })

    it('does not post when nothing was compared (2, 3) or the output is empty', async () => {
      for (const code of [2, 3]) expect(await runStep(code, ''), String(code)).toMatchObject({code, output: '', summary: ''})
      expect(await runStep(0, '')).toMatchObject({code: 0, output: ''})
    })
  })
})
