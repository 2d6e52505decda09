import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))
export const fixtures = path.join(repoRoot, 'test', 'fixtures')

/** An edit to a copied fixture: replace text in a file, write a file, or delete one. */
export type Edit =
  | {file: string; replace: string | RegExp; with: string}
  | {file: string; write: string | Uint8Array}
  | {file: string; remove: true}

/** Copy a fixture project into a fresh temp dir and apply `edits`. */
export async function project(name: string, edits: readonly Edit[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `scorecard-${name}-`))
  await cp(path.join(fixtures, name), dir, {recursive: true})
  for (const edit of edits) {
    const target = path.join(dir, edit.file)
    if ('remove' in edit) await rm(target)
    else if ('write' in edit) {
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, edit.write)
    }
    else {
      const text = await readFile(target, 'utf8')
      const next = text.replace(edit.replace, edit.with)
      if (next === text) throw new Error(`Edit did not apply to ${edit.file}: ${String(edit.replace)}`)
      await writeFile(target, next)
    }
  }
  return dir
}

/** What running the real binary printed, and how it exited. */
export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * The environment the tests run in, less what makes output depend on where they run:
 * the GitHub Actions variables `diff --format markdown` makes links from.
 */
function inherited(): NodeJS.ProcessEnv {
  const env = {...process.env}
  for (const name of ['GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_SHA']) delete env[name]
  return env
}

/** Run the real `scorecard` binary (built to dist/ by `npm run build`, which `npm test` runs first). */
export async function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const {execFile} = await import('node:child_process')
  const {promisify} = await import('node:util')
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin', 'scorecard.js'), ...args], {
      cwd,
      env: {...inherited(), NO_COLOR: '1', ...env},
    })
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as CliResult
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}
