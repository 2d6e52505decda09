/**
 * Splitting a Markdown file into YAML front matter and body, and parsing the
 * YAML safely with positions kept, so diagnostics can point inside it.
 *
 * The front matter is blanked out of the body (replaced by spaces, newlines
 * kept) instead of cut, so Markdown positions still match the file.
 */
import {isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode} from 'yaml'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {report, type Place} from '../core/diagnostics.js'
import {parsePlainYaml} from './yaml-fast-path.js'

/** Limits on YAML that keep a hostile file from exhausting memory. */
export const yamlLimits = {maxAliasCount: 50, maxDepth: 100} as const

/** A parsed YAML document plus where it sits in its file. */
import type {YamlSource} from '../core/source.js'
export type {YamlSource}

/** The result of splitting a Markdown file. */
export interface SplitFile {
  yaml: YamlSource | undefined
  /** The file's text with the front matter blanked out. */
  body: string
  /** Offset where the body starts (after the closing fence). */
  bodyOffset: number
}

const fence = /^---[ \t]*$/
const closingFence = /^(?:---|\.\.\.)[ \t]*$/

/**
 * Split `file` (already decoded and normalised to LF) into YAML and body, and
 * parse the YAML. Structural problems are reported on the file.
 */
export function splitFrontMatter(file: VFile, options: {required: boolean}): SplitFile {
  const text = String(file.value)
  const firstBreak = text.indexOf('\n')
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak)

  if (!fence.test(firstLine)) {
    const language = /^(?:---|\+\+\+)\s*([A-Za-z]\w*)?\s*$/.exec(firstLine)
    if (language) {
      const announced = language[1] ?? 'toml'
      report(file, {
        reason: `Front matter in "${announced}" is not supported; only YAML front matter is read`,
        ruleId: 'front-matter-language',
        place: {start: {line: 1, column: 1}, end: {line: 1, column: firstLine.length + 1}},
        hint: 'Start the file with a line of exactly "---" and write the front matter as YAML. Front matter is data, never code.',
      })
    } else if (options.required) {
      report(file, {
        reason: 'Missing front matter',
        ruleId: 'missing-front-matter',
        place: {line: 1, column: 1},
        hint: 'Start the file with a "---" line, the YAML fields, and another "---" line.',
      })
    }
    return {yaml: undefined, body: text, bodyOffset: 0}
  }

  const yamlStart = firstBreak + 1
  let cursor = yamlStart
  let closeStart = -1
  let closeEnd = -1
  while (firstBreak !== -1 && cursor <= text.length) {
    const next = text.indexOf('\n', cursor)
    const end = next === -1 ? text.length : next
    if (closingFence.test(text.slice(cursor, end))) {
      closeStart = cursor
      closeEnd = next === -1 ? text.length : next + 1
      break
    }
    if (next === -1) break
    cursor = next + 1
  }

  if (closeStart === -1) {
    report(file, {
      reason: 'Front matter is not closed',
      ruleId: 'unclosed-front-matter',
      place: {start: {line: 1, column: 1}, end: {line: 1, column: 4}},
      hint: 'Add a line of exactly "---" after the last front matter field.',
    })
    return {yaml: undefined, body: '', bodyOffset: text.length}
  }

  const yaml = parseYaml(file, text.slice(yamlStart, closeStart), yamlStart)
  const body = blank(text.slice(0, closeEnd)) + text.slice(closeEnd)
  return {yaml, body, bodyOffset: closeEnd}
}

/**
 * Parse YAML with the safe core schema: no custom tags, capped aliases,
 * duplicate keys are errors. Problems are reported on `file` at their real
 * position (`offset` is where the YAML starts within the file).
 */
export function parseYaml(file: VFile, source: string, offset: number): YamlSource {
  // Simple front matter is read directly; its document, wanted only to place
  // diagnostics, is built the first time one asks (see yaml-fast-path.ts).
  const plain = parsePlainYaml(source)
  if (plain !== undefined) {
    let doc: Document.Parsed | undefined
    return {
      get doc() {
        return (doc ??= parseDocumentSafely(source))
      },
      offset,
      data: plain,
    }
  }
  const tooDeep = yamlDepthProblem(source)
  if (tooDeep !== undefined) {
    report(file, {
      reason: `YAML is nested too deeply (more than ${yamlLimits.maxDepth} levels)`,
      ruleId: 'nesting-too-deep',
      place: rangePlace(file, offset + tooDeep, offset + tooDeep + 1),
      hint: 'Front matter is a few flat fields; flatten the structure.',
    })
    return {doc: parseDocument(''), offset, data: undefined}
  }
  const doc = parseDocumentSafely(source)
  const yaml: YamlSource = {doc, offset, data: undefined}
  let failed = false
  for (const error of [...doc.errors, ...doc.warnings]) {
    failed = true
    const duplicate = error.code === 'DUPLICATE_KEY'
    const tag = error.code === 'TAG_RESOLVE_FAILED' || error.code === 'BAD_ALIAS'
    report(file, {
      reason: duplicate
        ? 'Duplicate key in front matter'
        : tag
          ? `Unsupported YAML: ${error.message}`
          : `Invalid YAML: ${error.message}`,
      ruleId: duplicate ? 'duplicate-key' : 'yaml-syntax',
      place: rangePlace(file, offset + error.pos[0], offset + Math.max(error.pos[1], error.pos[0] + 1)),
      hint: duplicate
        ? 'Each field may appear once; remove or merge the repeated one.'
        : tag
          ? 'Custom YAML tags (such as !!js/function) are not allowed: front matter is plain data.'
          : error.code !== 'TAB_AS_INDENT' && curlyQuoted(source, error.pos[0])
            ? `A value starts with a curly quote (${curlyQuoteOf(source, error.pos[0])}). YAML quotes only with straight quotes (" or '), so the curly ones are read as part of an unquoted value and a ": " inside it starts a mapping. Type straight quotes, or run "scorecard fmt --fix".`
            : 'Check indentation, and quote values that contain ": " or start with a special character.',
    })
  }
  if (failed) return yaml
  try {
    yaml.data = doc.toJS({maxAliasCount: yamlLimits.maxAliasCount})
  } catch (error) {
    report(file, {
      reason: `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
      ruleId: 'yaml-syntax',
      place: rangePlace(file, offset, offset + 1),
      hint: 'YAML aliases are limited; write the values out instead.',
    })
  }
  return yaml
}

const curlyValue = /^[ \t]*(?:- )?[^\s:#][^:]*:[ \t]+([“”‘’„‚«»])/

/** The curly quote that starts a value on the line of `offset`, if one does. */
function curlyQuoteOf(source: string, offset: number): string | undefined {
  const start = source.lastIndexOf('\n', Math.max(0, offset - 1)) + 1
  const end = source.indexOf('\n', offset)
  return curlyValue.exec(source.slice(start, end === -1 ? undefined : end))?.[1]
}

function curlyQuoted(source: string, offset: number): boolean {
  return curlyQuoteOf(source, offset) !== undefined
}

/** The yaml package's document for `source`, with the safe core schema. */
/**
 * Where YAML first nests deeper than `yamlLimits.maxDepth` (flow brackets,
 * or block indentation levels), as an offset; undefined if it never does.
 * The YAML library recurses per level, and a few thousand overflow the stack
 * ("Maximum call stack size exceeded"); this linear scan refuses them first.
 * Quoted scalars are skipped roughly: the scan may overcount, never miss.
 */
export function yamlDepthProblem(source: string): number | undefined {
  let flow = 0
  const indents: number[] = []
  let lineStart = 0
  while (lineStart <= source.length) {
    const newline = source.indexOf('\n', lineStart)
    const end = newline === -1 ? source.length : newline
    let i = lineStart
    while (i < end && (source[i] === ' ' || source[i] === '-' || source[i] === '?')) i++
    if (i < end && source[i] !== '#') {
      // Block levels: each deeper indentation (counting "- " as indentation) opens one.
      const indent = i - lineStart
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop()
      indents.push(indent)
      const dashes = source.slice(lineStart, i).split('-').length - 1
      if (flow === 0 && indents.length + dashes > yamlLimits.maxDepth) return lineStart
    }
    let quote = ''
    for (let k = i; k < end; k++) {
      const c = source[k]!
      if (quote) {
        if (c === quote) quote = ''
        continue
      }
      if (c === '"' || c === "'") quote = c
      else if (c === '#' && (k === lineStart || source[k - 1] === ' ')) break
      else if (c === '[' || c === '{') {
        if (++flow > yamlLimits.maxDepth) return k
      } else if ((c === ']' || c === '}') && flow > 0) flow--
    }
    lineStart = end + 1
  }
  return undefined
}

function parseDocumentSafely(source: string): Document.Parsed {
  const doc = parseDocument(source, {
    schema: 'core',
    customTags: [],
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  })
  flattenScalars(doc)
  return doc
}

/**
 * The yaml package builds quoted scalars one character at a time, and V8
 * keeps such a string as a rope of one node per character until something
 * reads it whole. Every document is kept for diagnostics, so on 11 000 files
 * the ropes were half the documents' memory (50 MB) and a good part of the
 * garbage collector's work (docs/performance.md). Converting a string to a
 * number reads it whole, which makes V8 flatten it in place while it is
 * still young; the number itself is thrown away.
 */
function flattenScalars(doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string') Number(node.value)
      if (typeof node.source === 'string') Number(node.source)
    },
  })
}

/** Where a value (or, with `key: true`, its key) at `path` is, if it exists. */
export function yamlPlace(
  file: VFile,
  yaml: YamlSource,
  path: readonly PropertyKey[],
  options: {key?: boolean} = {},
): Place | undefined {
  let node: unknown = yaml.doc.contents
  let keyNode: unknown
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) return nodePlace(file, yaml, node as YamlNode)
      keyNode = pair.key
      node = pair.value ?? pair.key
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment]
      if (item === undefined) return nodePlace(file, yaml, node as YamlNode)
      keyNode = undefined
      node = item
    } else {
      break
    }
  }
  const target = options.key && keyNode ? keyNode : node
  return nodePlace(file, yaml, target as YamlNode | undefined)
}

function nodePlace(file: VFile, yaml: YamlSource, node: YamlNode | undefined | null): Place | undefined {
  if (!node || !node.range) return rangePlace(file, yaml.offset, yaml.offset)
  const [start, valueEnd] = node.range
  return rangePlace(file, yaml.offset + start, yaml.offset + Math.max(valueEnd, start))
}

/** A start/end place from two offsets into the file. */
export function rangePlace(file: VFile, startOffset: number, endOffset: number): Place | undefined {
  const where = location(file)
  const start = where.toPoint(startOffset) ?? where.toPoint(String(file.value).length)
  const end = where.toPoint(endOffset) ?? start
  if (!start || !end) return undefined
  return {start: {line: start.line, column: start.column}, end: {line: end.line, column: end.column}}
}

function blank(text: string): string {
  // Line by line with repeat(): a global replace builds one rope node per
  // character, which cost 180 MB of heap on 11 000 files (docs/performance.md).
  return text
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n')
}
