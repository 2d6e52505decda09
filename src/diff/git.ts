/**
 * Reading a project as it was at a git revision, without checking it out:
 * `git ls-tree` lists the project's files at the revision and
 * `git cat-file --batch` reads them, in one process each (execFile and spawn,
 * never a shell). The files are written to a temporary folder, so the
 * normal pipeline (`check`) can read them like any project.
 */
import {execFile, spawn} from 'node:child_process'
import {mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {parse} from 'yaml'
import {ScorecardError} from '../core/errors.js'
import {configFileName, contentFolders, isRecord, resolveInside} from '../load/index.js'

const run = promisify(execFile)

/** One side of a comparison: a project folder, or a git revision of the repository around `cwd`. */
export type ProjectSource = {type: 'directory'; path: string; label?: string} | {type: 'git'; rev: string}

/** A project side made readable on disk. */
export interface OpenedSource {
  /** Folder holding the project (a temporary copy for a revision). */
  dir: string
  /** How to show the side to people: the folder or revision as given. */
  label: string
  /** The commit a revision resolved to. */
  commit: string | undefined
  /** Remove the temporary copy, if any. Safe to call twice. */
  dispose(): Promise<void>
}

/** Folders read from a revision, besides scorecard.yml and the prose it names. */
export const revisionFolders = [contentFolders.priority, contentFolders.evidence, 'report', 'templates'] as const

/**
 * Interpret a command-line argument: an existing folder is a folder,
 * anything else a git revision. A folder wins over a branch of the same name;
 * write `refs/heads/<name>` to mean the branch.
 */
export async function resolveSource(spec: string, cwd: string = process.cwd()): Promise<ProjectSource> {
  const isDir = await stat(path.resolve(cwd, spec)).then((s) => s.isDirectory(), () => false)
  return isDir ? {type: 'directory', path: spec} : {type: 'git', rev: spec}
}

/**
 * Make `source` readable as a folder. For a revision, the project is the
 * folder `cwd` is in, as it was at that revision. Throws
 * `ScorecardError('INVALID_OPTION')` for an unknown revision or outside a
 * repository, and `NOT_FOUND_PROJECT` when the revision has no scorecard.yml.
 */
export async function openSource(source: ProjectSource, cwd: string = process.cwd()): Promise<OpenedSource> {
  if (source.type === 'directory')
    return {dir: path.resolve(cwd, source.path), label: source.label ?? source.path, commit: undefined, dispose: async () => {}}
  const {dir, commit} = await materialiseRevision(source.rev, cwd)
  let disposed = false
  return {
    dir,
    label: source.rev,
    commit,
    dispose: async () => {
      if (disposed) return
      disposed = true
      await rm(dir, {recursive: true, force: true})
    },
  }
}

/**
 * Write the project files of revision `rev` (the project being the folder
 * `cwd` is in) into a new temporary folder. The caller removes it.
 */
export async function materialiseRevision(rev: string, cwd: string): Promise<{dir: string; commit: string}> {
  if (rev.length === 0 || rev.startsWith('-') || /[\0\n]/.test(rev))
    throw new ScorecardError('INVALID_OPTION', `"${rev}" is not a folder or a git revision`, {hint: revisionHint})
  const top = (await git(['rev-parse', '--show-toplevel'], cwd, () => notARepository(rev, cwd))).trim()
  const prefix = (await git(['rev-parse', '--show-prefix'], cwd, () => notARepository(rev, cwd))).replace(/\n$/, '')
  const commit = (
    await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top, () =>
      new ScorecardError('INVALID_OPTION', `"${rev}" is neither a folder nor a revision of this git repository`, {hint: revisionHint}),
    )
  ).trim()

  const list = async (paths: readonly string[]): Promise<TreeEntry[]> =>
    parseTree(await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths.map((p) => `${prefix}${p}`)], top))

  const entries = await list([configFileName, ...revisionFolders])
  const config = entries.find((entry) => entry.path === `${prefix}${configFileName}`)
  if (!config)
    throw new ScorecardError('NOT_FOUND_PROJECT', `No ${configFileName} in ${prefix || 'the repository root'} at revision ${rev}`, {
      hint: `Run scorecard in the project folder, and check that the project existed at ${rev}.`,
    })

  const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-rev-'))
  try {
    const blobs = await readBlobs([config.object], top)
    const configText = blobs[0]!
    // Prose files named in scorecard.yml may live outside the usual folders.
    const extra = prosePaths(configText).filter((p) => !entries.some((entry) => entry.path === `${prefix}${p}`))
    if (extra.length > 0) entries.push(...(await list(extra)))

    const wanted = entries.filter((entry) => entry.path.startsWith(prefix))
    const contents = await readBlobs(wanted.map((entry) => entry.object), top)
    for (const [index, entry] of wanted.entries()) {
      const target = resolveInside(dir, entry.path.slice(prefix.length))
      if (!target) continue
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, contents[index]!)
    }
    return {dir, commit}
  } catch (error) {
    await rm(dir, {recursive: true, force: true})
    throw error
  }
}

const revisionHint = 'Pass a project folder, or a revision such as HEAD~1, main or origin/main (in CI, fetch it first: git fetch origin main).'

function notARepository(rev: string, cwd: string): ScorecardError {
  return new ScorecardError('INVALID_OPTION', `"${rev}" is not a folder, and ${cwd} is not inside a git repository`, {
    hint: 'Revisions are read from the git repository around the current folder. Run scorecard inside the repository, or compare two folders.',
  })
}

interface TreeEntry {
  path: string
  object: string
}

/** Regular files from `ls-tree -r -z` output; symlinks and submodules are skipped. */
function parseTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = []
  for (const record of output.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.+)$/s.exec(record)
    if (!match || match[2] !== 'blob' || !/^100(?:644|755)$/.test(match[1]!)) continue
    entries.push({path: match[4]!, object: match[3]!})
  }
  return entries
}

/** Relative paths of the prose files named in scorecard.yml (`summary`, `closing`). */
function prosePaths(configBytes: Buffer): string[] {
  let data: unknown
  try {
    data = parse(configBytes.toString('utf8'), {schema: 'core'})
  } catch {
    return []
  }
  if (!isRecord(data)) return []
  const paths = [data.summary, ...(Array.isArray(data.closing) ? data.closing : [])]
  return paths.filter((p): p is string => typeof p === 'string' && p.length > 0 && !p.split(/[\\/]/).includes('..') && !path.isAbsolute(p)).map((p) => p.replace(/^\.\//, ''))
}

/** Read blobs by object id with one `git cat-file --batch`. */
function readBlobs(objects: readonly string[], cwd: string): Promise<Buffer[]> {
  if (objects.length === 0) return Promise.resolve([])
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {cwd, stdio: ['pipe', 'pipe', 'pipe']})
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => reject(gitMissing(error)))
    child.on('close', (code) => {
      if (code !== 0) return reject(new ScorecardError('INVALID_OPTION', `git cat-file failed: ${stderr.trim()}`))
      const out = Buffer.concat(chunks)
      const blobs: Buffer[] = []
      let at = 0
      for (const object of objects) {
        const lineEnd = out.indexOf(0x0a, at)
        const header = out.subarray(at, lineEnd).toString()
        const match = /^([0-9a-f]+) blob (\d+)$/.exec(header)
        if (lineEnd === -1 || !match || match[1] !== object)
          return reject(new ScorecardError('INVALID_OPTION', `git cat-file: unexpected answer for ${object}: ${header}`))
        const size = Number(match[2])
        blobs.push(out.subarray(lineEnd + 1, lineEnd + 1 + size))
        at = lineEnd + 1 + size + 1
      }
      resolve(blobs)
    })
    child.stdin.end(`${objects.join('\n')}\n`)
  })
}

/** Run git; a failure becomes `onError()` (or a generic error). */
async function git(args: string[], cwd: string, onError?: () => ScorecardError): Promise<string> {
  try {
    const {stdout} = await run('git', args, {cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8'})
    return stdout
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw gitMissing(error)
    if (onError) throw onError()
    const stderr = (error as {stderr?: string}).stderr?.trim()
    throw new ScorecardError('INVALID_OPTION', `git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`, {cause: error})
  }
}

function gitMissing(error: unknown): ScorecardError {
  return new ScorecardError('INVALID_OPTION', 'git is not installed or not on PATH', {
    cause: error,
    hint: 'Install git to compare revisions, or compare two project folders instead.',
  })
}

/**
 * The folder `dir` within its git repository, `/`-separated and ending in
 * `/` ('' at the root, and outside a repository or without git).
 */
export async function repositoryPrefix(dir: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-prefix'], dir)).replace(/\n$/, '')
  } catch {
    return ''
  }
}
