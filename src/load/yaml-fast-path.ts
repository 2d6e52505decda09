/**
 * A fast path for the commonest front matter: block mappings and sequences
 * of simple scalars, which is what priorities and evidence are written in.
 *
 * Reading YAML was the largest part of loading a large project: the yaml
 * package builds a full document (nodes, ranges, a schema per document) for
 * every file, although the positions are only wanted to point diagnostics
 * inside the front matter (docs/performance.md). For front matter made only
 * of the constructs below, this reads the data directly, exactly as the yaml
 * package's core schema would; anything else (comments, flow collections,
 * anchors, tags, block or multi-line scalars, nulls, booleans, floats, odd
 * indentation, duplicate keys) is declined, and `parseYaml` then reads it as
 * before. The full document is still built on demand for diagnostics.
 * The yaml package is the reference: this is only an optimisation of it, and
 * where the two could differ the fast path declines. test/load/yaml-fast-path.test.ts
 * checks it against the yaml package on generated input and on every file of
 * the example.
 */

/** A plain key: `id`, `spokenOn`, `maxAliasCount`. */
const keyPattern = /^([A-Za-z][\w-]*):(?: +(.*))?$/
/** Keys the core schema reads as something other than a string. */
const specialKey = /^(?:null|true|false|y|n|yes|no|on|off)$/i
/** Characters a plain scalar may not start with (YAML indicators), plus those that start numbers we do not resolve. */
const indicator = /^[-?:,[\]{}#&*!|>'"%@`.+]/
const integer = /^[0-9]{1,15}$/
/** Numbers of the core schema other than small decimal integers: we leave them to the yaml package. */
const otherNumber = /^(?:0[xo]|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|[0-9]+[eE])/i
const special = /^(?:~|null|true|false)$/i
/** Tabs, carriage returns, control and non-characters, byte order marks, lone surrogates: the yaml package's business. */
const unusual = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/

/** Returned when the fast path declines. */
const decline = Symbol('decline')

interface Line {
  indent: number
  text: string
}

/**
 * The data of `source` if it is a block mapping this fast path reads, exactly
 * as `yaml`'s `parseDocument(source, {schema: 'core', uniqueKeys: true}).toJS()`
 * gives it, with no errors or warnings; otherwise undefined.
 */
export function parsePlainYaml(source: string): Record<string, unknown> | undefined {
  if (unusual.test(source)) return undefined
  const lines: Line[] = []
  for (const raw of source.split('\n')) {
    if (/^ *$/.test(raw)) continue
    const indent = raw.length - raw.trimStart().length
    if (raw.includes('\t') || raw.startsWith('#', indent)) return undefined
    lines.push({indent, text: raw.slice(indent)})
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined
  const cursor = {index: 0}
  const data = readMap(lines, cursor, 0)
  return data === decline || cursor.index !== lines.length ? undefined : data
}

function readMap(lines: Line[], cursor: {index: number}, indent: number): Record<string, unknown> | typeof decline {
  const map: Record<string, unknown> = {}
  while (cursor.index < lines.length) {
    const line = lines[cursor.index]!
    if (line.indent < indent) break
    if (line.indent > indent) return decline
    const match = keyPattern.exec(line.text)
    if (!match) return decline
    const key = match[1]!
    if (specialKey.test(key) || Object.hasOwn(map, key)) return decline
    cursor.index++
    const rest = match[2]?.trimEnd() ?? ''
    let value: unknown
    if (rest === '') {
      const next = lines[cursor.index]
      if (!next || next.indent <= indent) return decline
      value = next.text === '-' || next.text.startsWith('- ') ? readSequence(lines, cursor, next.indent) : readMap(lines, cursor, next.indent)
    } else value = readScalar(rest)
    if (value === decline) return decline
    map[key] = value
  }
  return map
}

function readSequence(lines: Line[], cursor: {index: number}, indent: number): unknown[] | typeof decline {
  const list: unknown[] = []
  while (cursor.index < lines.length) {
    const line = lines[cursor.index]!
    if (line.indent < indent) break
    if (line.indent > indent || !line.text.startsWith('- ')) return decline
    const item = line.text.slice(2)
    const itemIndent = indent + 2 + (item.length - item.trimStart().length)
    const content = item.trimStart()
    let value: unknown
    if (keyPattern.test(content)) {
      // A mapping in the sequence: its first pair is on the dash's line.
      lines[cursor.index] = {indent: itemIndent, text: content}
      value = readMap(lines, cursor, itemIndent)
    } else {
      cursor.index++
      value = readScalar(content.trimEnd())
    }
    if (value === decline) return decline
    list.push(value)
  }
  return list
}

function readScalar(text: string): unknown {
  if (text === '') return decline
  if (text.startsWith('"')) return readDoubleQuoted(text)
  if (text.startsWith("'")) return readSingleQuoted(text)
  if (indicator.test(text) || special.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return decline
  if (integer.test(text)) return Number(text)
  if (otherNumber.test(text)) return decline
  return text
}

// Both quoted forms collect runs of ordinary characters as slices and join
// them once: adding a character at a time would leave V8 a rope of one node
// per character, which is the very cost this module exists to avoid.

function readDoubleQuoted(text: string): string | typeof decline {
  const parts: string[] = []
  let run = 1
  for (let index = 1; index < text.length; index++) {
    const char = text.charAt(index)
    if (char === '"') {
      parts.push(text.slice(run, index))
      return text.slice(index + 1).trim() === '' ? parts.join('') : decline
    }
    if (char < ' ' || char === '\u007f') return decline
    if (char !== '\\') continue
    parts.push(text.slice(run, index))
    const escape = text.charAt(++index)
    const simple = ({'"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f'} as Record<string, string>)[escape]
    if (simple !== undefined) parts.push(simple)
    else {
      const hex = /^u([0-9a-fA-F]{4})/.exec(text.slice(index))
      const code = hex ? Number.parseInt(hex[1]!, 16) : -1
      if (code === -1 || (code >= 0xd800 && code <= 0xdfff)) return decline
      parts.push(String.fromCharCode(code))
      index += 4
    }
    run = index + 1
  }
  return decline
}

function readSingleQuoted(text: string): string | typeof decline {
  const parts: string[] = []
  let run = 1
  for (let index = 1; index < text.length; index++) {
    const char = text.charAt(index)
    if (char < ' ' || char === '\u007f') return decline
    if (char !== "'") continue
    parts.push(text.slice(run, index))
    if (text.charAt(index + 1) === "'") {
      parts.push("'")
      run = ++index + 1
      continue
    }
    return text.slice(index + 1).trim() === '' ? parts.join('') : decline
  }
  return decline
}
