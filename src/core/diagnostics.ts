/**
 * Content problems are vfile messages, never exceptions. This module creates
 * them consistently (rule id, hint, "did you mean") and prints them.
 */
import {closest, distance} from 'fastest-levenshtein'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import {isRuleId, rules, ruleUrl, type RuleId, type Severity} from './rules.js'

export type {RuleId, Severity} from './rules.js'

/** Where a diagnostic points: a start point or a start/end range (1-based). */
export type Place =
  | {line: number; column: number}
  | {start: {line: number; column: number}; end: {line: number; column: number}}

/** Everything needed to report one content problem. */
export interface Problem {
  reason: string
  ruleId: RuleId
  hint?: string
  place?: Place | undefined
  /** Defaults to the rule's severity in the registry (core/rules.ts). */
  severity?: Severity
  expected?: string[]
  actual?: string
}

/** Source name stamped on every message, as unified plugins do. */
export const messageSource = 'scorecard'

/** Record a content problem on `file`. */
export function report(file: VFile, problem: Problem): VFileMessage {
  if (!isRuleId(problem.ruleId)) throw new TypeError(`Unregistered rule id "${String(problem.ruleId)}" (add it to src/core/rules.ts)`)
  const message = file.message(problem.reason, {
    place: problem.place,
    ruleId: problem.ruleId,
    source: messageSource,
  })
  const severity: Severity = problem.severity ?? rules[problem.ruleId].severity
  // vfile's convention: true is an error, false a warning, undefined an info.
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.url = ruleUrl(problem.ruleId)
  if (problem.hint !== undefined) message.note = problem.hint
  if (problem.expected !== undefined) message.expected = problem.expected
  if (problem.actual !== undefined) message.actual = problem.actual
  return message
}

/** The closest candidate to `value`, if it is close enough to be a likely typo. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value.length === 0) return undefined
  const best = closest(value.toLowerCase(), [...candidates])
  const limit = Math.max(2, Math.floor(best.length / 3))
  return distance(value.toLowerCase(), best) <= limit ? best : undefined
}

/** ` (did you mean "x"?)`, or an empty string when nothing is close. */
export function suggestion(value: string, candidates: readonly string[]): string {
  const best = didYouMean(value, candidates)
  return best === undefined ? '' : ` (did you mean "${best}"?)`
}

/** All messages of all files, sorted by file path, then position. */
export function allMessages(files: readonly VFile[]): VFileMessage[] {
  return [...files]
    .sort((a, b) => compare(a.path, b.path))
    .flatMap((file) =>
      [...file.messages].sort(
        (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compare(a.reason, b.reason),
      ),
    )
}

/** Error and warning counts over all files. */
export function countMessages(files: readonly VFile[]): {errors: number; warnings: number} {
  let errors = 0
  let warnings = 0
  for (const file of files)
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  return {errors, warnings}
}

/** Output formats for diagnostics. */
export type DiagnosticFormat = 'text' | 'stylish' | 'json' | 'github'

/**
 * Format diagnostics.
 * - `text`: one line per problem, `file:line:col severity reason [rule]`, with an indented hint line;
 *   editors and `grep` understand it.
 * - `stylish`: vfile-reporter's grouped output.
 * - `json`: an array of message objects.
 * - `github`: GitHub Actions workflow annotations.
 */
export function formatDiagnostics(
  files: readonly VFile[],
  format: DiagnosticFormat,
  options: {color?: boolean; cwd?: string} = {},
): string {
  const messages = allMessages(files)
  switch (format) {
    case 'stylish':
      return reporter([...files], {color: options.color ?? false, quiet: true})
    case 'json':
      return JSON.stringify(messages.map(toJson), null, 2)
    case 'github':
      return messages.map(toGithubAnnotation).join('\n')
    case 'text': {
      const lines: string[] = []
      for (const message of messages) {
        const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
        const where = `${message.file}:${message.line ?? 1}:${message.column ?? 1}`
        lines.push(`${where} ${severity} ${message.reason} [${message.ruleId ?? 'unknown'}]`)
        if (message.note) lines.push(`  hint: ${message.note}`)
      }
      const {errors, warnings} = countMessages(files)
      if (errors + warnings > 0) lines.push(summaryLine(errors, warnings))
      return lines.join('\n')
    }
  }
}

/** `2 errors, 1 warning` */
export function summaryLine(errors: number, warnings: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
}

function toJson(message: VFileMessage): Record<string, unknown> {
  return {
    file: message.file,
    line: message.line ?? null,
    column: message.column ?? null,
    endLine: message.place && 'end' in message.place ? message.place.end.line : null,
    endColumn: message.place && 'end' in message.place ? message.place.end.column : null,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    ruleId: message.ruleId ?? null,
    url: message.url ?? null,
    reason: message.reason,
    hint: message.note ?? null,
    expected: message.expected ?? null,
    actual: message.actual ?? null,
  }
}

function toGithubAnnotation(message: VFileMessage): string {
  const kind = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'notice'
  const props = [
    `file=${escapeProperty(message.file ?? "")}`,
    `line=${message.line ?? 1}`,
    `col=${message.column ?? 1}`,
  ]
  // A message placed on a range marks the whole range (GitHub's endLine/endColumn).
  const end = message.place && 'end' in message.place ? message.place.end : undefined
  if (end) props.push(`endLine=${end.line}`, `endColumn=${end.column}`)
  props.push(`title=${escapeProperty(message.ruleId ?? 'scorecard')}`)
  const text = message.note ? `${message.reason}. Hint: ${message.note}` : message.reason
  return `::${kind} ${props.join(',')}::${escapeData(text)}`
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Plain code-unit comparison, so ordering never depends on the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
