/**
 * Links from the preview's overlay into the author's editor, as Vite's and
 * Phoenix's error pages make them: each diagnostic's `file:line:col` opens
 * that place. The link is made from a template with the placeholders
 * `{file}` (the absolute path, forward slashes), `{line}` and `{column}`;
 * the default opens Visual Studio Code. Values are URL-escaped, and the
 * template's scheme is fixed and checked when the preview starts: a scheme
 * that runs script or reads local data (`javascript:`, `data:`, …) is refused.
 */
import {ScorecardError} from '../core/errors.js'
import {toPosixPath} from '../core/paths.js'

/** The template used when none is given: Visual Studio Code's URL handler. */
export const defaultEditorUrl = 'vscode://file/{file}:{line}:{column}'

/** Environment variable that sets the template (`--editor-url` overrides it). */
export const editorUrlVariable = 'SCORECARD_EDITOR_URL'

/** Schemes a link may never use: they run script, show inline content or reach into the browser or disk. */
const refusedSchemes = new Set(['javascript', 'vbscript', 'data', 'blob', 'file', 'filesystem', 'about', 'chrome', 'view-source', 'ws', 'wss'])

const placeholders = ['{file}', '{line}', '{column}'] as const

/** A checked template; {@link editorLink} fills it in. `undefined` template: links are off. */
export interface EditorUrl {
  template: string | undefined
}

/**
 * Check a template: `''` or `none` turns links off; anything else must start
 * with a literal scheme that is not refused, and name `{file}`.
 *
 * @throws {ScorecardError} `INVALID_OPTION` for a template that is refused, with the reason and a hint.
 */
export function parseEditorUrl(template: string | undefined, from = '--editor-url'): EditorUrl {
  if (template === undefined) return {template: defaultEditorUrl}
  const trimmed = template.trim()
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return {template: undefined}
  const hint = `Use an editor's URL scheme, e.g. ${defaultEditorUrl} (the default), idea://open?file={file}&line={line}&column={column}, or none for no links.`
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase()
  if (!scheme) throw new ScorecardError('INVALID_OPTION', `${from} must start with a URL scheme such as vscode:, got "${template}".`, {hint})
  if (refusedSchemes.has(scheme))
    throw new ScorecardError('INVALID_OPTION', `${from} uses the "${scheme}:" scheme, which is not allowed for editor links: it could run script or read local data in the preview.`, {hint})
  if (!trimmed.includes('{file}')) throw new ScorecardError('INVALID_OPTION', `${from} must contain {file}, where the path of the file goes.`, {hint})
  if (/[\s<>"]/.test(trimmed)) throw new ScorecardError('INVALID_OPTION', `${from} must not contain spaces, quotes or angle brackets; write them URL-escaped.`, {hint})
  return {template: trimmed}
}

/**
 * The link to `line`:`column` of `file` (absolute), or undefined when links
 * are off. The path is escaped segment by segment (slashes and a drive
 * letter's colon kept), so spaces, `#`, `?` and `%` cannot change the URL's
 * meaning; line and column are whole numbers.
 */
export function editorLink(editor: EditorUrl, file: string, line: number, column: number): string | undefined {
  if (editor.template === undefined) return undefined
  const posix = toPosixPath(file)
  const escaped = posix
    .split('/')
    .map((segment, index) => (index <= 1 && /^[a-z]:$/i.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/')
  const values: Record<(typeof placeholders)[number], string> = {
    '{file}': escaped,
    '{line}': String(Math.max(1, Math.trunc(line))),
    '{column}': String(Math.max(1, Math.trunc(column))),
  }
  return editor.template.replace(/\{file\}|\{line\}|\{column\}/g, (name) => values[name as (typeof placeholders)[number]])
}
