/**
 * Stage 1, load: find the project, read every content file into a VFile,
 * decode it strictly, and split front matter from body.
 *
 * Nothing here judges content beyond what is needed to read it; the
 * `validate` stage does that.
 */
import {existsSync, type Dirent} from 'node:fs'
import {lstat, readdir} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {compare, report} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {inspectFile, isSafe, readProjectFile, type RealFolders, type UnsafeFile} from '../core/safe-file.js'
import {parseYaml, splitFrontMatter, yamlPlace} from './frontmatter.js'
import {defaultMarkdownBudget, guardMarkdown} from './markdown-guard.js'
import type {FileKind, LoadedProject, ParseCache, SourceFile} from '../core/source.js'

export type {FileKind, LoadedProject, SourceFile} from '../core/source.js'

/** Limits that keep hostile or broken input from hanging or crashing a build. */
export interface Limits {
  /** Largest content file read, in bytes. */
  maxFileBytes: number
  /** Longest line, in characters. */
  maxLineLength: number
  /** Deepest nesting of block quotes and lists, and longest run of `*`, `_`, `[` or `]`. */
  maxNesting: number
}

/** Default limits: far beyond any real report, well within what the parser handles quickly. */
export const defaultLimits: Readonly<Limits> = {
  maxFileBytes: 1024 * 1024,
  maxLineLength: 100_000,
  maxNesting: 100,
}

/** Options shared by every stage that reads a project. */
export interface LoadOptions {
  /** Paths in diagnostics are shown relative to this directory. Default: `process.cwd()`. */
  cwd?: string
  /** Input limits; each defaults to `defaultLimits`. */
  limits?: Partial<Limits>
  /**
   * The parse cache of a session of runs (`preview`). With it, a file whose
   * size, modification and change times are as on the previous run is not
   * read and parsed again: only changed files are.
   */
  cache?: ParseCache
}

/** The name of the project file that marks a Scorecard project. */
export const configFileName = 'scorecard.yml'

/** Folders holding one file per priority and per evidence excerpt. */
export const contentFolders = {priority: 'priorities', evidence: 'evidence'} as const

/**
 * Find and read a project. Throws `ScorecardError('NOT_FOUND_PROJECT')` when
 * `dir` has no scorecard.yml; every content problem is a message instead.
 */
export async function loadProject(dir: string, options: LoadOptions = {}): Promise<LoadedProject> {
  const root = path.resolve(dir)
  const cwd = options.cwd ?? process.cwd()
  const configPath = path.join(root, configFileName)
  if (!existsSync(configPath)) {
    throw new ScorecardError('NOT_FOUND_PROJECT', `No ${configFileName} in ${root}`, {
      hint: `Run scorecard in a project folder (one with ${configFileName}), pass the folder as an argument, or create one with "scorecard init".`,
    })
  }

  const reader = createReader(root, cwd, {...defaultLimits, ...options.limits}, options.cache)
  const config = reader.read(configPath, 'config')
  const skipped: VFile[] = []
  const [priorities, evidence] = await Promise.all([
    readFolder(root, contentFolders.priority, 'priority', reader, skipped, cwd),
    readFolder(root, contentFolders.evidence, 'evidence', reader, skipped, cwd),
  ])
  const prose = await readProse(root, config, reader)
  reader.done()
  return {root, config, priorities, evidence, prose, skipped: skipped.sort((a, b) => compare(a.path, b.path))}
}

/** All files of a loaded project, for reporting. */
export function projectFiles(project: LoadedProject): VFile[] {
  return [...[project.config, ...project.priorities, ...project.evidence, ...project.prose].map((source) => source.file), ...(project.skipped ?? [])]
}

/** Content files: Markdown, by either extension. */
const markdownFile = /\.(?:md|markdown)$/i
/** Files that may sit beside content without being read: images the Markdown shows. */
const assetFile = /\.(?:png|jpe?g|gif|webp)$/i

/**
 * Read a content folder and its subfolders (`evidence/2025/…`). Hidden files
 * and folders are ignored; any other file that is not Markdown is reported
 * as skipped, so that nothing is left out silently.
 */
async function readFolder(root: string, folder: string, kind: FileKind, reader: Reader, skipped: VFile[], cwd: string): Promise<SourceFile[]> {
  const dir = path.join(root, folder)
  let entries: Dirent[]
  try {
    entries = await readdir(dir, {recursive: true, withFileTypes: true})
  } catch {
    return []
  }
  const files: string[] = []
  // Whether a folder, relative to `dir`, is hidden or inside a hidden one: once per folder, not per file.
  const hiddenFolders = new Map<string, boolean>()
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name)
    let hiddenFolder = hiddenFolders.get(entry.parentPath)
    if (hiddenFolder === undefined) {
      hiddenFolder = path.relative(dir, entry.parentPath).split(path.sep).some((part) => part.startsWith('.'))
      hiddenFolders.set(entry.parentPath, hiddenFolder)
    }
    if (hiddenFolder || entry.name.startsWith('.') || entry.isDirectory()) continue
    if (markdownFile.test(entry.name)) files.push(absolute)
    else if (!assetFile.test(entry.name)) skipped.push(skippedFile(absolute, cwd, folder))
  }
  return files.sort(compare).map((file) => reader.read(file, kind))
}

function skippedFile(absolute: string, cwd: string, folder: string): VFile {
  const file = new VFile({path: path.relative(cwd, absolute) || absolute, cwd})
  report(file, {
    reason: `Not read: only .md and .markdown files in ${folder}/ are content`,
    ruleId: 'skipped-file',
    hint: `Rename it to .md if it is content; move other files out of ${folder}/, or start the name with "." to hide it.`,
  })
  return file
}

async function readProse(root: string, config: SourceFile, reader: Reader): Promise<SourceFile[]> {
  const data = config.yaml?.data
  if (!isRecord(data)) return []
  const refs: {value: unknown; at: PropertyKey[]}[] = [{value: data.summary, at: ['summary']}]
  if (Array.isArray(data.closing)) data.closing.forEach((value, index) => refs.push({value, at: ['closing', index]}))

  const sources: SourceFile[] = []
  for (const {value, at} of refs) {
    if (typeof value !== 'string' || value.length === 0) continue
    const resolved = resolveInside(root, value)
    // Paths that escape the project are reported by validate (path-outside-project).
    if (!resolved) continue
    // Anything there (a link, a device) is read by the reader, which reports what is wrong with it.
    const exists = await lstat(resolved).then(() => true, () => false)
    if (!exists) {
      report(config.file, {
        reason: `File "${value}" does not exist`,
        ruleId: 'missing-file',
        place: config.yaml ? yamlPlace(config.file, config.yaml, at) : undefined,
        hint: 'Create the file, or fix the path (it is relative to scorecard.yml).',
      })
      continue
    }
    sources.push(reader.read(resolved, 'prose'))
  }
  return sources
}

/** Resolve `relative` inside `root`, or undefined if it would leave it. */
export function resolveInside(root: string, relative: string): string | undefined {
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return undefined
  const resolved = path.resolve(root, relative)
  const rel = path.relative(root, resolved)
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : resolved
}

/**
 * Read one file: strict UTF-8, BOM removed, CRLF normalised, front matter
 * split. It must be a regular file inside `root` (default: its own folder).
 */
export async function readSource(absolutePath: string, kind: FileKind, cwd: string, limits: Limits = defaultLimits, root = path.dirname(absolutePath)): Promise<SourceFile> {
  return readSourceSync(absolutePath, kind, cwd, limits, root)
}

/** What a session remembers of a file it read without problems. */
interface Remembered {
  /** Identity and version of the file, and the settings it was read with. */
  stamp: string
  text: string
  yaml: SourceFile['yaml']
  body: string
}

/** Files remembered per parse cache (see `LoadOptions.cache`), by absolute path. */
const sessions = new WeakMap<ParseCache, Map<string, Remembered>>()

interface Reader {
  read(absolutePath: string, kind: FileKind): SourceFile
  /** Forget files this load did not see (deleted or renamed). */
  done(): void
}

function createReader(root: string, cwd: string, limits: Limits, cache: ParseCache | undefined): Reader {
  let remembered: Map<string, Remembered> | undefined
  if (cache) {
    remembered = sessions.get(cache)
    if (!remembered) sessions.set(cache, (remembered = new Map()))
  }
  const seen = new Set<string>()
  const folders: RealFolders = new Map()
  const settings = `${cwd}\u0000${limits.maxFileBytes}:${limits.maxLineLength}:${limits.maxNesting}`
  return {
    read(absolutePath, kind) {
      if (!remembered) return readSourceSync(absolutePath, kind, cwd, limits, root, folders)
      seen.add(absolutePath)
      const inspected = inspectFile(absolutePath, root, folders)
      if (!isSafe(inspected)) return unsafeFile(whereOf(absolutePath, cwd), kind, inspected)
      const stats = inspected.stats
      const stamp = `${kind}\u0000${settings}\u0000${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`
      const known = remembered.get(absolutePath)
      if (known?.stamp === stamp) {
        // A fresh file each run: diagnostics of earlier runs must not carry over.
        const file = new VFile({path: path.relative(cwd, absolutePath) || absolutePath, cwd})
        file.value = known.text
        return {kind, file, yaml: known.yaml, body: known.body}
      }
      const source = readSourceSync(absolutePath, kind, cwd, limits, root, folders)
      // Files with problems are read again every time, so their messages are too.
      if (source.file.messages.length === 0) remembered.set(absolutePath, {stamp, text: String(source.file.value), yaml: source.yaml, body: source.body})
      else remembered.delete(absolutePath)
      return source
    },
    done() {
      if (remembered) for (const key of remembered.keys()) if (!seen.has(key)) remembered.delete(key)
    },
  }
}

/**
 * `readSource`, synchronously. Content files are small and many: on 11 000
 * files, blocking reads take a tenth of the time of promise-based ones, which
 * wait in libuv's thread pool four round trips per file (docs/performance.md).
 */
function readSourceSync(absolutePath: string, kind: FileKind, cwd: string, limits: Limits, root: string, folders?: RealFolders): SourceFile {
  const where = whereOf(absolutePath, cwd)
  const outcome = readProjectFile(absolutePath, root, limits.maxFileBytes, folders)
  if ('tooLarge' in outcome) return tooLarge(where, kind, outcome.tooLarge, limits)
  if (!('bytes' in outcome)) return unsafeFile(where, kind, outcome)
  return parseSource(outcome.bytes, kind, where, limits)
}

function whereOf(absolutePath: string, cwd: string): {path: string; cwd: string} {
  return {path: path.relative(cwd, absolutePath) || absolutePath, cwd}
}

/** A file that is not read at all: a link out of the project, a device, a FIFO, a socket, a broken link. */
function unsafeFile(where: {path: string; cwd: string}, kind: FileKind, problem: UnsafeFile): SourceFile {
  const file = new VFile({...where, value: ''})
  const hint = 'Content files must be regular files inside the project. Replace the link or special file with an ordinary file (a pull request can add symbolic links, so they are not followed out of the project).'
  if (problem.kind === 'outside')
    report(file, {reason: 'File is a symbolic link to a file outside the project; it is not read', ruleId: 'path-outside-project', place: {line: 1, column: 1}, hint})
  else
    report(file, {
      reason: problem.kind === 'dangling' ? 'File is a broken symbolic link; it is not read' : `File is ${problem.what}, not a regular file; it is not read`,
      ruleId: 'not-a-regular-file',
      place: {line: 1, column: 1},
      hint,
    })
  return {kind, file, yaml: undefined, body: ''}
}

function tooLarge(where: {path: string; cwd: string}, kind: FileKind, size: number, limits: Limits): SourceFile {
  const file = new VFile({...where, value: ''})
  report(file, {
    reason: `File is too large (${size} bytes; the limit is ${limits.maxFileBytes})`,
    ruleId: 'file-too-large',
    place: {line: 1, column: 1},
    hint: 'Split it up, or shorten it: an excerpt is a short quotation, an assessment a few paragraphs.',
  })
  return {kind, file, yaml: undefined, body: ''}
}

/** Like `readSource`, for bytes already in memory (used by tests and `preview`). */
export function parseSource(
  bytes: Uint8Array | string,
  kind: FileKind,
  where: {path: string; cwd: string},
  limits: Limits = defaultLimits,
): SourceFile {
  const file = new VFile({path: where.path, cwd: where.cwd})
  const text = decode(bytes, file)
  file.value = text ?? ''
  if (text === undefined) return {kind, file, yaml: undefined, body: ''}

  if (text.trim().length === 0) {
    report(file, {
      reason: 'File is empty',
      ruleId: 'empty-file',
      place: {line: 1, column: 1},
      hint: kind === 'config' ? 'Fill in the report metadata, dimensions and scale.' : 'Add front matter and content, or delete the file.',
    })
    return {kind, file, yaml: undefined, body: ''}
  }

  if (!withinLimits(file, text, limits)) return {kind, file, yaml: undefined, body: ''}
  if (kind === 'config') return {kind, file, yaml: parseYaml(file, text, 0), body: ''}
  const split = splitFrontMatter(file, {required: true})
  const problem = guardMarkdown(split.body, {...defaultMarkdownBudget, maxNesting: limits.maxNesting})
  if (problem) {
    report(file, problem)
    return {kind, file, yaml: split.yaml, body: ''}
  }
  return {kind, file, yaml: split.yaml, body: split.body}
}

/**
 * Cheap line scan for input that would make the Markdown parser slow or
 * overflow its stack: very long lines and absurd nesting.
 */
function withinLimits(file: VFile, text: string, limits: Limits): boolean {
  const run = new RegExp(`([*_\\[\\]])\\1{${limits.maxNesting},}`)
  // A run never spans lines: look for it line by line only when the text has one.
  const anyRun = run.test(text)
  let line = 0
  let start = 0
  while (start <= text.length) {
    line++
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const length = end - start
    if (length > limits.maxLineLength) {
      report(file, {
        reason: `Line is too long (${length} characters; the limit is ${limits.maxLineLength})`,
        ruleId: 'line-too-long',
        place: {line, column: 1},
        hint: 'Break the text into paragraphs or shorter lines.',
      })
      return false
    }
    let quotes = 0
    let indent = 0
    // A line that starts with a printable ASCII character other than a space or ">" has no prefix to measure.
    const first = text.charCodeAt(start)
    if (!(first > 32 && first < 127 && first !== 62)) {
      const prefix = /^[\s>]*/.exec(text.slice(start, end))![0]
      quotes = prefix.split('>').length - 1
      indent = prefix.replace(/\t/g, '    ').length - quotes
    }
    const deepRun = anyRun ? run.exec(text.slice(start, end)) : null
    if (quotes > limits.maxNesting || indent > limits.maxNesting * 2 || deepRun) {
      report(file, {
        reason: `Nesting is too deep (more than ${limits.maxNesting} levels of quotes, lists, emphasis or brackets)`,
        ruleId: 'nesting-too-deep',
        place: {line, column: deepRun ? deepRun.index + 1 : 1},
        hint: 'Flatten the structure; real reports never nest this deep.',
      })
      return false
    }
    start = end + 1
  }
  return true
}

function decode(bytes: Uint8Array | string, file: VFile): string | undefined {
  let text: string
  if (typeof bytes === 'string') {
    text = bytes
  } else {
    try {
      text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes)
    } catch {
      const at = firstInvalidUtf8(bytes)
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at))
      const lines = before.split('\n')
      file.value = ''
      report(file, {
        reason: `File is not valid UTF-8 (bad byte at offset ${at})`,
        ruleId: 'invalid-encoding',
        place: {line: lines.length, column: (lines.at(-1) ?? '').length + 1},
        hint: 'Save the file as UTF-8 in your editor.',
      })
      return undefined
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return text.replace(/\r\n?/g, '\n')
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0
  let high = bytes.length
  // Binary search for the shortest invalid prefix; a cut multi-byte sequence
  // at the end of a prefix is tolerated with {stream: true}.
  while (low < high) {
    const mid = (low + high) >>> 1
    try {
      new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, mid + 1), {stream: true})
      low = mid + 1
    } catch {
      high = mid
    }
  }
  return low
}

/** A plain object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
