/**
 * Stage 2, validate: check each file's front matter against the content model
 * and against `scorecard.yml` (statuses, dimensions, ids, dates). Every
 * problem in every file is reported; only valid files go on.
 */
import path from 'node:path'
import type {z} from 'zod'
import {report, suggestion} from '../core/diagnostics.js'
import {isRuleId, type RuleId} from '../core/rules.js'
import {yamlPlace} from '../load/frontmatter.js'
import {isRecord, projectFiles, type LoadedProject, type SourceFile} from '../load/index.js'
import type {Evidence, Priority, Prose, ValidatedProject} from '../core/model.js'
import {dateBounds, isIsoDate, statusAt} from '../core/dates.js'
import {toPosixPath} from '../core/paths.js'
import {checkIds, referencedIds} from './ids.js'
import {formatLocator, parseLocator} from '../core/locator.js'
import {checkAttribution} from './attribution.js'
import {
  configSchema,
  evidenceFrontMatterSchema,
  priorityFrontMatterSchema,
  proseFrontMatterSchema,
  type Config,
} from '../core/schema.js'

type Issue = z.core.$ZodIssue

/** Validate a loaded project. Problems are reported on the files. */
export function validateProject(project: LoadedProject): ValidatedProject {
  const config = validateConfig(project.config)

  const priorities: Priority[] = []
  const citedByInvalid = new Set<string>()
  for (const source of project.priorities) {
    const data = checkShape(source, priorityFrontMatterSchema, 'priority')
    if (config) checkAgainstConfig(source, config)
    if (!data) {
      for (const id of referencedIds(source)) citedByInvalid.add(id)
      continue
    }
    priorities.push({
      id: data.id,
      title: data.title,
      dimension: data.dimension,
      status: data.status,
      stated: data.stated && {quote: data.stated.quote, cite: data.stated.cite, words: data.stated.words ?? 'own'},
      extraEvidence: data.evidence ?? [],
      order: data.order,
      history: (data.history ?? []).map((entry) => ({
        date: String(entry.date),
        status: entry.status,
        note: entry.note,
        evidence: entry.evidence ?? [],
      })),
      source,
    })
    if (config) checkHistory(priorities.at(-1)!, config)
  }

  const evidence: Evidence[] = []
  const invalidEvidenceIds = new Set<string>()
  for (const source of project.evidence) {
    const data = checkShape(source, evidenceFrontMatterSchema, 'evidence')
    if (!data) {
      const raw = source.yaml?.data
      invalidEvidenceIds.add(isRecord(raw) && typeof raw.id === 'string' ? raw.id : path.basename(source.file.path, path.extname(source.file.path)))
      continue
    }
    const locatorParts = data.locator === undefined ? undefined : parseLocator(data.locator)
    const item: Evidence = {
      id: data.id,
      title: data.title,
      publisher: data.publisher,
      author: data.author,
      date: String(data.date),
      url: data.url,
      type: data.type,
      locator: locatorParts && formatLocator(locatorParts),
      locatorParts,
      // Reported speech unless the author says otherwise: never put words in a speaker's mouth by default.
      voice: data.voice ?? (data.speaker === undefined ? 'narrative' : 'reported'),
      speaker: data.speaker,
      spokenOn: data.spokenOn === undefined ? undefined : String(data.spokenOn),
      sourceFile: data.sourceFile,
      note: data.note,
      source,
    }
    if (config) checkEvidenceDate(item, config)
    evidence.push(item)
  }

  const prose: Prose[] = []
  const summaryPath = config?.summary
  for (const source of project.prose) {
    const data = checkShape(source, proseFrontMatterSchema, 'prose')
    if (!data) continue
    const relative = toPosixPath(path.relative(project.root, path.resolve(source.file.cwd, source.file.path)))
    prose.push({
      id: path.basename(source.file.path, path.extname(source.file.path)),
      title: data.title,
      role: summaryPath !== undefined && relative === summaryPath.replace(/^\.\//, '') ? 'summary' : 'closing',
      source,
    })
  }

  checkIds(priorities, 'priority')
  checkIds(evidence, 'evidence')
  if (config) checkEmptyDimensions(project, config)
  checkAttribution(priorities, evidence)

  return {root: project.root, config, priorities, evidence, prose, files: projectFiles(project), invalidEvidenceIds, citedByInvalid}
}

/**
 * A dimension no priority names would be a chapter with nothing in it: say
 * so. The report leaves such a chapter out (score), and the scorecard table
 * shows the dimension with no priorities.
 */
function checkEmptyDimensions(project: LoadedProject, config: Config): void {
  // A priority whose front matter cannot be read may name any dimension: say nothing then.
  if (project.priorities.some((source) => !isRecord(source.yaml?.data))) return
  // Priorities whose front matter failed other checks still count: their dimension is meant.
  const named = new Set(project.priorities.map((source) => (isRecord(source.yaml?.data) ? source.yaml.data.dimension : undefined)))
  // A mistyped dimension is reported as unknown-dimension; the one it meant is not empty.
  if ([...named].some((id) => !config.dimensions.some((dimension) => dimension.id === id))) return
  config.dimensions.forEach((dimension, index) => {
    if (named.has(dimension.id)) return
    report(project.config.file, {
      reason: `Dimension "${dimension.id}" has no priorities; its chapter is left out of the report`,
      ruleId: 'empty-dimension',
      place: place(project.config, ['dimensions', index, 'id']),
      hint: `Add a priority with "dimension: ${dimension.id}" (scorecard new priority "…" --dimension ${dimension.id}), or remove the dimension from scorecard.yml.`,
    })
  })
}

function validateConfig(source: SourceFile): Config | undefined {
  const config = checkShape(source, configSchema, 'config')
  if (!config) return undefined
  let ok = true
  for (const list of ['dimensions', 'scale'] as const) {
    const seen = new Set<string>()
    config[list].forEach((entry, index) => {
      if (seen.has(entry.id)) {
        ok = false
        report(source.file, {
          reason: `Duplicate ${list === 'scale' ? 'scale' : 'dimension'} id "${entry.id}"`,
          ruleId: 'duplicate-id',
          place: place(source, [list, index, 'id']),
          hint: 'Each id in the list must be unique.',
        })
      }
      seen.add(entry.id)
    })
  }
  const editions = config.editions ?? []
  editions.forEach((edition, index) => {
    if (index > 0 && edition.asOf <= editions[index - 1]!.asOf) {
      ok = false
      report(source.file, {
        reason: `Edition "${edition.id}" is not later than the one before it`,
        ruleId: 'history-order',
        place: place(source, ['editions', index, 'asOf']),
        hint: 'List editions oldest first, each with a later as-of date.',
      })
    }
    if (edition.asOf > config.asOf) {
      ok = false
      report(source.file, {
        reason: `Edition "${edition.id}" is dated ${edition.asOf}, after the report's as-of date ${config.asOf}`,
        ruleId: 'history-after-as-of',
        place: place(source, ['editions', index, 'asOf']),
        hint: 'Move "asOf" forward to the latest edition, or fix the edition date.',
      })
    }
  })
  const editionIds = new Set<string>()
  editions.forEach((edition, index) => {
    if (editionIds.has(edition.id)) {
      ok = false
      report(source.file, {reason: `Duplicate edition id "${edition.id}"`, ruleId: 'duplicate-id', place: place(source, ['editions', index, 'id']), hint: 'Each edition needs its own id.'})
    }
    editionIds.add(edition.id)
  })
  if (config.period && dateBounds(String(config.period.start)).start > dateBounds(String(config.period.end)).end) {
    ok = false
    report(source.file, {
      reason: `Period starts (${config.period.start}) after it ends (${config.period.end})`,
      ruleId: 'invalid-date',
      place: place(source, ['period']),
      hint: 'Swap the two dates.',
    })
  }
  return ok ? config : undefined
}

/** Validate one file's data with `schema`, reporting every issue at its position. */
function checkShape<T extends z.ZodType>(source: SourceFile, schema: T, kind: string): z.output<T> | undefined {
  if (!source.yaml || source.yaml.data === undefined) return undefined
  const data = source.yaml.data
  if (!isRecord(data)) {
    report(source.file, {
      reason: kind === 'config' ? 'scorecard.yml must be a YAML mapping of fields' : 'Front matter must be a YAML mapping of fields',
      ruleId: 'invalid-type',
      place: place(source, []),
      hint: 'Write one "field: value" per line.',
    })
    return undefined
  }
  const result = schema.safeParse(data)
  if (result.success) return result.data
  for (const issue of result.error.issues) reportIssue(source, schema, data, issue)
  return undefined
}

function reportIssue(source: SourceFile, schema: z.ZodType, data: unknown, issue: Issue): void {
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

  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    report(source.file, {
      reason: `Missing required field "${field}"`,
      ruleId: 'missing-field',
      place: place(source, issue.path.slice(0, -1), true),
      hint: `Add "${String(issue.path.at(-1))}: …" to ${issue.path.length > 1 ? `"${fieldName(issue.path.slice(0, -1))}"` : 'the front matter'}.`,
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
      hint: issue.code === 'invalid_type' && issue.expected === 'array' ? 'Write a list: one "- item" per line.' : 'Fix the value\'s type; quote text that YAML would read as a number or boolean.',
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

/** `U+200B` style name of the first invisible character in `value`, if any. */
export function invisibleCharacter(value: string): string | undefined {
  const match = invisible.exec(value)
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined
}

function checkAgainstConfig(source: SourceFile, config: Config): void {
  const data = source.yaml?.data
  if (!isRecord(data)) return
  for (const key of ['status', 'dimension'] as const) {
    const value = data[key]
    const hidden = typeof value === 'string' ? invisibleCharacter(value) : undefined
    if (!hidden) continue
    report(source.file, {
      reason: `Invalid value for "${key}": it contains the invisible character ${hidden}`,
      ruleId: 'invisible-character',
      place: place(source, [key]),
      hint: 'Retype the value by hand; invisible and direction-changing characters make values that look alike but differ.',
    })
    return
  }
  const statuses = config.scale.map((entry) => entry.id)
  if (typeof data.status === 'string' && data.status.length > 0 && !statuses.includes(data.status)) {
    report(source.file, {
      reason: `Unknown status "${data.status}"; expected one of ${statuses.join(', ')}${suggestion(data.status, statuses)}`,
      ruleId: 'unknown-status',
      place: place(source, ['status']),
      hint: 'Statuses are the scale ids defined in scorecard.yml.',
      actual: data.status,
      expected: statuses,
    })
  }
  const dimensions = config.dimensions.map((entry) => entry.id)
  if (typeof data.dimension === 'string' && data.dimension.length > 0 && !dimensions.includes(data.dimension)) {
    report(source.file, {
      reason: `Unknown dimension "${data.dimension}"; expected one of ${dimensions.join(', ')}${suggestion(data.dimension, dimensions)}`,
      ruleId: 'unknown-dimension',
      place: place(source, ['dimension']),
      hint: 'Dimensions are the ids listed under "dimensions" in scorecard.yml.',
      actual: data.dimension,
      expected: dimensions,
    })
  }
  if (data.stated === undefined) {
    report(source.file, {
      reason: 'Priority has no stated commitment',
      ruleId: 'missing-stated',
      place: place(source, ['id'], true),
      hint: 'Add "stated:" with "quote:" (the commitment, verbatim) and "cite:" (the evidence id it comes from).',
    })
  }
}

/**
 * History must be in date order, within the report's period up to `asOf`,
 * use scale statuses, and end in the priority's current status.
 */
function checkHistory(priority: Priority, config: Config): void {
  const {source, history} = priority
  const statuses = config.scale.map((entry) => entry.id)
  let previous: string | undefined
  history.forEach((entry, index) => {
    const start = dateBounds(entry.date).start
    if (previous !== undefined && start < previous) {
      report(source.file, {
        reason: `History entry dated ${entry.date} comes after a later one`,
        ruleId: 'history-order',
        place: place(source, ['history', index, 'date']),
        hint: 'List history entries oldest first.',
      })
    }
    previous = start
    if (start > config.asOf) {
      report(source.file, {
        reason: `History entry is dated ${entry.date}, after the report's as-of date ${config.asOf}`,
        ruleId: 'history-after-as-of',
        place: place(source, ['history', index, 'date']),
        hint: 'Check the date, or move "asOf" in scorecard.yml forward.',
      })
    }
    if (!statuses.includes(entry.status)) {
      report(source.file, {
        reason: `Unknown status "${entry.status}"; expected one of ${statuses.join(', ')}${suggestion(entry.status, statuses)}`,
        ruleId: 'unknown-status',
        place: place(source, ['history', index, 'status']),
        hint: 'Statuses are the scale ids defined in scorecard.yml.',
      })
    }
  })
  const current = statusAt(history, config.asOf)
  if (current !== undefined && current !== priority.status && statuses.includes(current)) {
    report(source.file, {
      reason: `Status "${priority.status}" does not match the latest history entry ("${current}")`,
      ruleId: 'status-mismatch',
      place: place(source, ['status']),
      hint: `Set "status: ${current}", or add a history entry that records the change to "${priority.status}".`,
    })
  }
}

function checkEvidenceDate(item: Evidence, config: Config): void {
  if (!isIsoDate(item.date)) return
  if (dateBounds(item.date).start > config.asOf) {
    report(item.source.file, {
      reason: `Evidence is dated ${item.date}, after the report's as-of date ${config.asOf}`,
      ruleId: 'evidence-after-as-of',
      place: place(item.source, ['date']),
      hint: 'Check the date, or move "asOf" in scorecard.yml forward if the report now covers it.',
    })
  }
}

function place(source: SourceFile, at: readonly PropertyKey[], key = false) {
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

