/**
 * Links from the pull-request comment to the changed lines on the forge:
 * `{server}/{repository}/blob/{commit}/{path}#L{start}-L{end}`, the form
 * GitHub (and Gitea, Forgejo) use. The head's files link to the head commit,
 * a removed file to the base's commit. Without a repository and commit the
 * comment names files plainly.
 */
import {ScorecardError} from '../core/errors.js'
import {toPosixPath} from '../core/paths.js'
import type {LineRange} from './types.js'

/** Where files live on the forge. */
export interface ForgeLinks {
  /** `https://github.com/owner/repo` */
  repositoryUrl: string
  /** The commit the head's files are read at (in a pull request's workflow, GITHUB_SHA: the merge commit). */
  headCommit: string | null
  /** The commit the base's files are read at, for removed files; null: removed files are not linked. */
  baseCommit: string | null
  /** The project folder within the repository, `/`-separated, ending in `/` ('' at the root). */
  prefix: string
}

const commitPattern = /^[0-9a-f]{7,64}$/i

/**
 * Check and assemble the link settings. `repositoryUrl` must be an http(s)
 * URL; commits are hexadecimal object names.
 *
 * @throws {ScorecardError} `INVALID_OPTION` naming `from` (the option or variables they came from).
 */
export function forgeLinks(settings: {repositoryUrl: string; headCommit?: string | null; baseCommit?: string | null; prefix?: string}, from = 'repositoryUrl'): ForgeLinks {
  let url: URL
  try {
    url = new URL(settings.repositoryUrl)
  } catch {
    throw new ScorecardError('INVALID_OPTION', `${from} is not a URL: "${settings.repositoryUrl}".`, {hint: 'Give the repository as https://github.com/owner/name.'})
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ScorecardError('INVALID_OPTION', `${from} must be an https: (or http:) URL, got "${settings.repositoryUrl}".`, {hint: 'Give the repository as https://github.com/owner/name.'})
  for (const [name, commit] of [
    ['head commit', settings.headCommit],
    ['base commit', settings.baseCommit],
  ] as const)
    if (commit && !commitPattern.test(commit))
      throw new ScorecardError('INVALID_OPTION', `The ${name} must be a commit hash, got "${commit}".`, {hint: 'Give the full commit SHA, e.g. $GITHUB_SHA.'})
  const prefix = toPosixPath(settings.prefix ?? '').replace(/^\/+/, '')
  return {
    repositoryUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    headCommit: settings.headCommit || null,
    baseCommit: settings.baseCommit || null,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
  }
}

/** The link to `lines` of the project file `file` on `side`, or undefined when that side's commit is unknown. */
export function forgeFileLink(links: ForgeLinks, side: 'base' | 'head', file: string, lines: LineRange | null): string | undefined {
  const commit = side === 'head' ? links.headCommit : links.baseCommit
  if (!commit) return undefined
  const filePath = `${links.prefix}${file}`.split('/').map(encodeURIComponent).join('/')
  const anchor = lines ? (lines.start === lines.end ? `#L${lines.start}` : `#L${lines.start}-L${lines.end}`) : ''
  return `${links.repositoryUrl}/blob/${commit}/${filePath}${anchor}`
}
