/**
 * Front matter against its zod schema: every issue reported at its place in
 * the YAML, with the field name, what was expected, and "did you mean" for
 * unknown keys at any depth.
 */
import type {z} from 'zod'
import {report, suggestion} from '../core/diagnostics.js'
import {isRuleId, type RuleId} from '../core/rules.js'
import {yamlPlace} from '../load/frontmatter.js'
import {isRecord, type SourceFile} from '../load/index.js'

type Issue = z.core.$ZodIssue

/** What checkShape reads of a file: its text and parsed YAML (or JSON, which is YAML). */
type Shaped = Pick<SourceFile, 'file' | 'yaml'>

/**
 * Validate one file's data with `schema`, reporting every issue at its
 * position. `kind` `theme` is a theme's theme.json: the hints speak JSON.
 */
export function checkShape<T extends z.ZodType>(source: Shaped, schema: T, kind: string): z.output<T> | undefined {
  if (!source.yaml || source.yaml.data === undefined) return undefined
  const data = source.yaml.data
  if (!isRecord(data)) {
    report(source.file, {
      reason: kind === 'config' ? 'scorecard.yml must be a YAML mapping of fields' : kind === 'theme' ? 'theme.json must be a JSON object of fields' : 'Front matter must be a YAML mapping of fields',
      ruleId: 'invalid-type',
      place: place(source, []),
      hint: kind === 'theme' ? 'Write {"fonts": [ … ], "logo": "…"}.' : 'Write one "field: value" per line.',
    })
    return undefined
  }
  const result = schema.safeParse(data)
  if (result.success) return result.data
  for (const issue of result.error.issues) reportIssue(source, schema, data, issue, kind === 'theme')
  return undefined
}

function reportIssue(source: Shaped, schema: z.ZodType, data: unknown, issue: Issue, json: boolean): void {
  const field = fieldName(issue.path)
  const value = valueAt(data, issue.path)

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, issue.path)
    for (const key of issue.keys) {
      report(source.file, {
        reason: `Unknown field "${fieldName([...issue.path, key])}"${fieldSuggestion(key, known, value)}`,
        ruleId: 'unknown-field',
        place: place(source, [...issue.path, key], true),
        hint: known.length > 0 ? `Allowed fields here: ${known.join(', ')}.` : 'Remove the field.',
        actual: key,
        expected: known,
      })
    }
    return
  }

  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    report(source.file, {
      reason: `Missing required field "${field}"`,
      ruleId: 'missing-field',
      place: place(source, issue.path.slice(0, -1), true),
      hint: `Add ${json ? `"${String(issue.path.at(-1))}": …` : `"${String(issue.path.at(-1))}: …"`} to ${issue.path.length > 1 ? `"${fieldName(issue.path.slice(0, -1))}"` : json ? 'the object' : 'the front matter'}.`,
    })
    return
  }

  const rule = issue.code === 'custom' && isRuleId(issue.params?.rule) ? issue.params.rule : undefined
  if (rule) {
    report(source.file, {
      reason: `Invalid value ${show(value)} for "${field}": ${issue.message}`,
      ruleId: rule,
      place: place(source, issue.path),
      hint: ruleHints[rule] ?? 'Fix the value.',
      actual: String(value),
    })
    return
  }

  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    const expected = issue.code === 'invalid_type' ? describeType(issue.expected) : 'a date or text'
    report(source.file, {
      reason: `Field "${field}" must be ${expected}, not ${typeName(value)}`,
      ruleId: 'invalid-type',
      place: place(source, issue.path),
      hint: json
        ? 'Fix the value\'s type: a list in [ ], text in double quotes, a number without.'
        : issue.code === 'invalid_type' && issue.expected === 'array'
          ? 'Write a list: one "- item" per line.'
          : 'Fix the value\'s type; quote text that YAML would read as a number or boolean.',
    })
    return
  }

  const isId = issue.code === 'invalid_format' && issue.format === 'regex' && /slug/.test(issue.message)
  const hidden = typeof value === 'string' ? invisibleCharacter(value) : undefined
  if (isId && hidden) {
    report(source.file, {
      reason: `Invalid value for "${field}": it contains the invisible character ${hidden}`,
      ruleId: 'invisible-character',
      place: place(source, issue.path),
      hint: 'Retype the id by hand; invisible and direction-changing characters make ids that look alike but differ.',
    })
    return
  }
  report(source.file, {
    reason: `Invalid value ${show(value)} for "${field}": ${issue.message}`,
    ruleId: isId ? 'invalid-id' : 'invalid-field',
    place: place(source, issue.path),
    hint: isId
      ? 'Ids use lowercase letters, digits and single hyphens, e.g. "cfe-treaty" or "rferl-2010-07-17".'
      : issue.code === 'invalid_value'
        ? `Use one of: ${issue.values.map(String).join(', ')}.`
        : 'Fix the value as the message says.',
  })
}

const ruleHints: Partial<Record<RuleId, string>> = {
  'invalid-date': 'Write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day. Never invent a day.',
  'invalid-url': 'Use the full address, starting with https:// or http://.',
  'path-outside-project': 'Paths are relative to scorecard.yml and must stay inside the project.',
}

/** Zero-width, joiner and bidirectional-control characters. */
const invisible = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/

export function place(source: Shaped, at: readonly PropertyKey[], key = false) {
  return source.yaml ? yamlPlace(source.file, source.yaml, at, {key}) : undefined
}

function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  let node: unknown = schema
  for (const segment of at) {
    node = unwrap(node)
    if (typeof segment === 'number') node = (node as {element?: unknown}).element
    else node = (node as {shape?: Record<string, unknown>}).shape?.[String(segment)]
  }
  const shape = (unwrap(node) as {shape?: Record<string, unknown>} | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

/**
 * ` (did you mean "x"?)` for an unknown field: a known field close in
 * spelling, or else the one known field of the same mapping that is missing
 * and starts with the same three letters (`citation` for `cite`).
 */
function fieldSuggestion(key: string, known: readonly string[], mapping: unknown): string {
  const near = suggestion(key, known)
  if (near) return near
  const present = isRecord(mapping) ? Object.keys(mapping) : []
  const stem = key.slice(0, 3).toLowerCase()
  const missing = known.filter((name) => !present.includes(name) && stem.length === 3 && name.toLowerCase().startsWith(stem))
  return missing.length === 1 ? ` (did you mean "${missing[0]}"?)` : ''
}

function unwrap(node: unknown): unknown {
  let current = node as {unwrap?: () => unknown} | undefined
  // Arrays have unwrap() too (to their element); stop there so that indexes step into them.
  while (current && typeof current.unwrap === 'function' && !('shape' in current) && !('element' in current)) current = current.unwrap() as typeof current
  return current
}

function valueAt(data: unknown, at: readonly PropertyKey[]): unknown {
  let node = data
  for (const segment of at) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment]
    else if (isRecord(node)) node = node[String(segment)]
    else return undefined
  }
  return node
}

function fieldName(at: readonly PropertyKey[]): string {
  return at.reduce<string>(
    (name, segment) => (typeof segment === 'number' ? `${name}[${segment}]` : name ? `${name}.${String(segment)}` : String(segment)),
    '',
  )
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

function typeName(value: unknown): string {
  if (value === null) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`
}

function describeType(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list'
    case 'object':
      return 'a mapping of fields'
    case 'string':
      return 'text'
    case 'number':
    case 'int':
      return 'a number'
    default:
      return `a ${expected}`
  }
}

/** `U+200B` style name of the first invisible character in `value`, if any. */
export function invisibleCharacter(value: string): string | undefined {
  const match = invisible.exec(value)
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined
}
