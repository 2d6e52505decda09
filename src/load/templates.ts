/**
 * The project's `templates/` folder as untrusted input. Templates arrive in
 * pull requests like content, and a template can do what content cannot:
 * drop the CSP, add script, or (through a symbolic link such as
 * `templates/styles/print.css → /proc/self/environ`) pull a secret into the
 * report. So: links and special files in templates/ are errors reported by
 * `check`, and in CI templates/ is not used at all unless trusted from
 * outside the pull request's reach (README, Security).
 */
import {lstatSync, readdirSync, realpathSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {VFile} from 'vfile'
import {report} from '../core/diagnostics.js'
import {packageRoot} from '../core/package-root.js'
import {fileKind, inspectFile, isSafe} from '../core/safe-file.js'

/** Name of the templates folder in a project. */
export const templatesFolder = 'templates'

/**
 * Whether the project's templates are used. An explicit choice (the
 * `--trust-templates` flag, the API option) wins; then the environment
 * variable `SCORECARD_TRUST_TEMPLATES` (`1`/`0`), which a pull request cannot
 * set; otherwise they are trusted except in CI (when `CI` is set), where the
 * repository's content is a stranger's pull request.
 */
export function templatesTrusted(explicit: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (explicit !== undefined) return explicit
  const setting = env.SCORECARD_TRUST_TEMPLATES?.toLowerCase()
  if (setting === '1' || setting === 'true') return true
  if (setting === '0' || setting === 'false') return false
  const ci = env.CI?.toLowerCase()
  return ci === undefined || ci === '' || ci === '0' || ci === 'false'
}

/**
 * Whether the project has any template override (files under templates/).
 * Scorecard's own templates folder (the bundled example in Scorecard's own
 * repository) overrides nothing: it is what the defaults are read from.
 */
export function hasTemplates(root: string): boolean {
  try {
    if (realpathSync(path.join(root, templatesFolder)) === realpathSync(path.join(packageRoot, templatesFolder))) return false
    return readdirSync(path.join(root, templatesFolder), {recursive: true}).length > 0
  } catch {
    return false
  }
}

/**
 * One file per entry of templates/ that is not a regular file inside the
 * project (a link, a device, a FIFO), each with an error. Links are never
 * followed, not even into the project: a template is read as it stands.
 */
export function templateProblems(root: string, cwd: string): VFile[] {
  const files: VFile[] = []
  const walk = (dir: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      return
    }
    for (const name of names.sort()) {
      const full = path.join(dir, name)
      const stats = lstatSync(full, {throwIfNoEntry: false})
      if (!stats) continue
      if (stats.isDirectory()) {
        if (depth < 8) walk(full, depth + 1)
        continue
      }
      if (stats.isFile()) continue
      const file = new VFile({path: path.relative(cwd, full) || full, cwd, value: ''})
      const inspected = stats.isSymbolicLink() ? inspectFile(full, root) : undefined
      const outside = inspected !== undefined && !isSafe(inspected) && inspected.kind === 'outside'
      report(file, {
        reason: stats.isSymbolicLink()
          ? `Template is a symbolic link${outside ? ' to a file outside the project' : ''}; templates are never read through links`
          : `Template is ${fileKind(stats)}, not a regular file; it is not read`,
        ruleId: outside ? 'path-outside-project' : 'not-a-regular-file',
        place: {line: 1, column: 1},
        hint: 'Replace it with an ordinary file (a pull request can add links to secrets such as /proc/self/environ).',
      })
      files.push(file)
    }
  }
  walk(path.join(root, templatesFolder), 0)
  return files
}

/** Themes shipped with Scorecard, in `themes/<name>/` beside `templates/`; `default` is the templates themselves. */
export const shippedThemes: readonly string[] = ['compact', 'default']

/** Where a theme is: its folder, `shipped` when Scorecard ships it (always trusted); `error` says why it cannot be found. */
export type ThemeLocation = {dir: string | undefined; shipped: boolean; error?: undefined} | {dir?: undefined; shipped?: undefined; error: string}

/**
 * The folder of the theme `name` for the project at `root`: a shipped theme
 * by name, a folder of the project (a path, `./themes/mine`), or an npm
 * package installed for the project (its package folder holds `partials/`,
 * `layouts/` and `styles/` as templates/ does). `default` and no name are
 * the default templates (no folder).
 */
export function resolveTheme(root: string, name: string | undefined): ThemeLocation {
  if (name === undefined || name === 'default') return {dir: undefined, shipped: true}
  if (shippedThemes.includes(name)) return {dir: path.join(packageRoot, 'themes', name), shipped: true}
  if (name.startsWith('.') || name.startsWith('/') || (name.includes('/') && !name.startsWith('@'))) {
    const dir = path.resolve(root, name)
    const relative = path.relative(root, dir)
    if (relative.startsWith('..') || path.isAbsolute(relative)) return {error: `Theme folder "${name}" is outside the project`}
    if (!lstatSync(dir, {throwIfNoEntry: false})?.isDirectory()) return {error: `Theme folder "${name}" does not exist`}
    return {dir, shipped: false}
  }
  try {
    const manifest = createRequire(path.join(root, 'scorecard.yml')).resolve(`${name}/package.json`)
    return {dir: path.dirname(manifest), shipped: false}
  } catch {
    return {error: `Theme "${name}" is neither shipped (${shippedThemes.join(', ')}), a folder of the project, nor an installed npm package`}
  }
}
