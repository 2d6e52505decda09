/**
 * `scorecard fmt`: canonical front matter, so that diffs show only meaningful
 * changes.
 *
 * What is canonicalised: key order (the documented order per kind, unknown
 * keys after the known ones in their original order), YAML quoting (plain
 * where the value reads back the same, double quotes otherwise), block style
 * for lists and mappings, a bare year as a number, LF line endings, no BOM,
 * and exactly one newline at the end of the file. The Markdown body is kept
 * byte for byte apart from line endings and the end of the file. Comments in
 * the front matter are kept.
 *
 * Files whose front matter does not parse are left alone and reported.
 */
import {lstat, readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {isMap, isPair, isScalar, isSeq, visit, type Pair, type ToStringOptions, type YAMLMap} from 'yaml'
import {compare} from '../core/diagnostics.js'
import {toPosixPath} from '../core/paths.js'
import type {RuleId} from '../core/rules.js'
import {splitFrontMatter} from '../load/frontmatter.js'
import {loadProject, type FileKind} from '../load/index.js'
import {writeOutputs} from '../pipeline/write.js'
import {fixFrontMatterText, fixStatuses, type ScaleEntry} from './fmt-fix.js'

/** Kinds of Markdown file `fmt` knows how to order. */
export type FormatKind = Exclude<FileKind, 'config'>

/** The documented front-matter key order per kind; nested keys by the parent key (a mapping, or each mapping in a list). */
export const keyOrder: Readonly<Record<FormatKind, Readonly<Record<string, readonly string[]>>>> = {
  priority: {
    '': ['id', 'title', 'dimension', 'status', 'stated', 'evidence', 'order', 'history'],
    stated: ['quote', 'cite', 'words'],
    // Each entry of the list.
    history: ['date', 'status', 'note', 'evidence'],
  },
  evidence: {
    '': ['id', 'title', 'publisher', 'author', 'date', 'url', 'type', 'sourceFile', 'locator', 'voice', 'speaker', 'spokenOn', 'note'],
    locator: ['page', 'section', 'paragraph'],
  },
  prose: {'': ['title']},
}

/** Fields holding ISO dates, which may be a bare year. */
const dateFields: Readonly<Record<FormatKind, readonly string[]>> = {priority: [], evidence: ['date', 'spokenOn'], prose: []}

/** Options the YAML is printed with. `lineWidth: 0` never folds a long quotation. */
const printOptions: ToStringOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  singleQuote: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  nullStr: '',
}

// Plain in YAML 1.2 but booleans to YAML 1.1 readers (and many front-matter tools).
const yaml11Words = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/

/** The outcome of formatting one file. */
export type FormatResult =
  | {ok: true; text: string; changed: boolean; fixes?: string[]}
  | {ok: false; reason: string; line: number | undefined; column: number | undefined; ruleId: string | undefined}

/**
 * Canonicalise one Markdown file's front matter. Pure: no I/O. Formatting
 * the output again returns it unchanged.
 */
export function formatFile(text: string, kind: FormatKind, options: {fix?: {scale: readonly ScaleEntry[]}} = {}): FormatResult {
  let normalised = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n')
  const fixes: string[] = []
  const end = normalised.startsWith('---\n') ? normalised.search(/\n---(?:\n|$)/) : -1
  if (options.fix && end > 0) {
    const keys = [...new Set([...Object.keys(keyOrder[kind]).filter(Boolean), ...Object.values(keyOrder[kind]).flat()])]
    const fixed = fixFrontMatterText(normalised.slice(4, end + 1), keys)
    normalised = `---\n${fixed.text}${normalised.slice(end + 1)}`
    fixes.push(...fixed.fixes)
  }
  const file = new VFile({path: 'file.md', value: normalised})
  const split = splitFrontMatter(file, {required: true})
  const problem = file.messages.find((message) => message.fatal === true)
  if (problem || !split.yaml) return failure(problem, 'Front matter is missing or not closed')
  const {doc} = split.yaml
  if (doc.errors.length > 0 || doc.warnings.length > 0) return failure(file.messages[0], 'Front matter is not valid YAML')
  if (!isMap(doc.contents)) return failure(undefined, 'Front matter is not a mapping of fields')
  if (options.fix && kind === 'priority') fixes.push(...fixStatuses(doc, options.fix.scale))

  const order = keyOrder[kind]
  sortMap(doc.contents, order[''] ?? [], true)
  for (const pair of doc.contents.items) {
    const key = keyName(pair)
    const nested = key === undefined ? undefined : order[key]
    if (nested && isMap(pair.value)) sortMap(pair.value, nested, false)
    if (nested && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) sortMap(item, nested, false)
    if (key !== undefined && dateFields[kind].includes(key) && isScalar(pair.value) && typeof pair.value.value === 'string' && /^\d{4}$/.test(pair.value.value))
      pair.value.value = Number(pair.value.value)
  }

  visit(doc, {
    Map(_, node) {
      node.flow = false
    },
    Seq(_, node) {
      node.flow = false
    },
    Scalar(_, node) {
      if (typeof node.value !== 'string') return
      // yaml prints PLAIN only when the value reads back as the same string,
      // and falls back to double quotes otherwise.
      node.type = node.value.includes('\n') ? 'BLOCK_LITERAL' : yaml11Words.test(node.value) || node.value.trim() !== node.value ? 'QUOTE_DOUBLE' : 'PLAIN'
    },
  })

  const yamlText = doc.toString(printOptions)
  const body = normalised.slice(split.bodyOffset).replace(/\n+$/, '')
  const output = `---\n${yamlText}---\n${body}${body.length > 0 ? '\n' : ''}`
  return {ok: true, text: output, changed: output !== text, ...(options.fix ? {fixes} : {})}

  function failure(message: VFileMessage | undefined, fallback: string): FormatResult {
    return {ok: false, reason: message?.reason ?? fallback, line: message?.line, column: message?.column, ruleId: message?.ruleId}
  }
}

/**
 * Put known keys first, in `known` order, then the others in their original
 * order. A comment above the first key is a header and stays at the top.
 */
function sortMap(map: YAMLMap, known: readonly string[], keepHeader: boolean): void {
  const first = map.items[0]
  const header = keepHeader && first && isScalar(first.key) ? first.key.commentBefore : undefined
  if (header !== undefined && first && isScalar(first.key)) first.key.commentBefore = undefined
  const rank = (pair: Pair): number => {
    const key = keyName(pair)
    const index = key === undefined ? -1 : known.indexOf(key)
    return index === -1 ? known.length : index
  }
  // Array.prototype.sort is stable, so unknown keys keep their order.
  map.items.sort((a, b) => rank(a) - rank(b))
  const top = map.items[0]
  if (header !== undefined && top && isScalar(top.key)) top.key.commentBefore = [header, top.key.commentBefore].filter(Boolean).join('\n')
}

function keyName(pair: unknown): string | undefined {
  return isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined
}

/** Options for `fmtProject`. */
export interface FmtOptions {
  /** Report what would change; write nothing. */
  check?: boolean
  /** Only these files (paths relative to `cwd`); default: every content file of the project. */
  files?: readonly string[]
  /** Paths are resolved and reported relative to this directory. Default: `process.cwd()`. */
  cwd?: string
  /** Also repair mechanical mistakes (`fmt --fix`; see fmt-fix.ts). */
  fix?: boolean
}

/** One file `fmt` could not format. */
export interface FmtFailure {
  file: string
  reason: string
  line: number | undefined
  column: number | undefined
  ruleId: string | undefined
}

/** The outcome of `fmtProject`. Paths are relative to `cwd`, with `/` separators. */
export interface FmtResult {
  /** Files rewritten, or with `check`, files that would be. */
  changed: string[]
  /** Files already formatted. */
  unchanged: string[]
  /** Files left alone because they could not be read or parsed, or are symbolic links. */
  failed: FmtFailure[]
  /** With `fix`: what was repaired, by file. */
  fixed: {file: string; fixes: string[]}[]
}

/**
 * Format the content files of the project in `dir`: its priorities, evidence
 * and the report prose named in scorecard.yml. Each changed file is replaced
 * atomically (temporary file and rename in the same folder).
 */
export async function fmtProject(dir: string, options: FmtOptions = {}): Promise<FmtResult> {
  const cwd = options.cwd ?? process.cwd()
  const root = path.resolve(cwd, dir)
  const loaded = await loadProject(root, {cwd})
  const known = new Map<string, FormatKind>()
  for (const source of [...loaded.priorities, ...loaded.evidence, ...loaded.prose])
    if (source.kind !== 'config') known.set(path.resolve(cwd, source.file.path), source.kind)

  const targets: {absolute: string; kind: FormatKind | undefined}[] = options.files
    ? options.files.map((file) => {
        const absolute = path.resolve(cwd, file)
        return {absolute, kind: known.get(absolute) ?? kindByLocation(root, absolute)}
      })
    : [...known].map(([absolute, kind]) => ({absolute, kind}))

  const result: FmtResult = {changed: [], unchanged: [], failed: [], fixed: []}
  const scaleData = (loaded.config.yaml?.data as {scale?: unknown} | undefined)?.scale
  const scale = Array.isArray(scaleData) ? scaleData.filter((entry): entry is ScaleEntry => typeof entry?.id === 'string') : []
  const seen = new Set<string>()
  for (const {absolute, kind} of targets.sort((a, b) => compare(a.absolute, b.absolute))) {
    if (seen.has(absolute)) continue
    seen.add(absolute)
    const shown = toPosixPath(path.relative(cwd, absolute) || absolute)
    const fail = (reason: string, at: Partial<FmtFailure> = {}): void => {
      result.failed.push({file: shown, reason, line: at.line, column: at.column, ruleId: at.ruleId})
    }
    if (!kind) {
      fail('Not a Scorecard content file (only .md files of the project are formatted)', {ruleId: 'not-content' satisfies RuleId})
      continue
    }
    let text: string
    let mode: number
    try {
      const stats = await lstat(absolute)
      // Writing through a link would replace it with a regular file (and could write outside the project).
      if (stats.isSymbolicLink() || !stats.isFile()) {
        fail(stats.isSymbolicLink() ? 'Is a symbolic link; fmt formats regular files only' : 'Not a regular file', {ruleId: 'not-a-regular-file' satisfies RuleId})
        continue
      }
      mode = stats.mode & 0o7777
      text = new TextDecoder('utf-8', {fatal: true}).decode(await readFile(absolute))
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      fail(missing ? 'File does not exist' : 'File is not valid UTF-8', {ruleId: (missing ? 'missing-file' : 'invalid-encoding') satisfies RuleId})
      continue
    }
    const formatted = formatFile(text, kind, options.fix ? {fix: {scale}} : {})
    if (!formatted.ok) {
      fail(formatted.reason, formatted)
      continue
    }
    if (formatted.fixes && formatted.fixes.length > 0) result.fixed.push({file: shown, fixes: formatted.fixes})
    if (!formatted.changed) {
      result.unchanged.push(shown)
      continue
    }
    result.changed.push(shown)
    if (!options.check) await writeOutputs(path.dirname(absolute), [{name: path.basename(absolute), data: formatted.text, mode}])
  }
  return result
}

/** The kind of a Markdown file by where it sits in the project. */
function kindByLocation(root: string, absolute: string): FormatKind | undefined {
  const relative = path.relative(root, absolute)
  if (relative.startsWith('..') || path.isAbsolute(relative) || !/\.(?:md|markdown)$/i.test(relative)) return undefined
  const [folder] = relative.split(path.sep)
  if (folder === 'priorities') return 'priority'
  if (folder === 'evidence') return 'evidence'
  return 'prose'
}
