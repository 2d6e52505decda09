/**
 * Where the running Scorecard was installed from, as a dependency spec that
 * `npm install` in a new project can use (`scorecard init` writes it into
 * package.json).
 *
 * Until the package is published, a version range would make npm look the
 * name up in the registry, where it is not (or is someone else's). So the
 * spec points at the source the user actually has:
 *
 * - installed from the registry: `^<version>`;
 * - installed from a tarball (`npm install ./scorecard.tgz`): `file:` that
 *   tarball, read from the installing project's lockfile;
 * - installed from git: the resolved git URL with its commit;
 * - run from a checkout, a linked folder or a global install (npm keeps no
 *   lockfile for those): `file:` the package folder itself, which npm links.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../core/package-root.js'
import {toPosixPath} from '../core/paths.js'
import {version} from '../core/version.js'

/** How Scorecard was installed, and the dependency spec that installs the same again. */
export interface InstallSource {
  kind: 'registry' | 'tarball' | 'git' | 'folder'
  /** The value for `dependencies["@scorecard-reports/scorecard"]` in a project at `projectRoot`. */
  spec: string
}

interface LockEntry {
  resolved?: string
  link?: boolean
}

/**
 * The dependency spec for a project in `projectRoot`, given the Scorecard
 * installed at `installedAt` (default: the one running).
 */
export function detectInstallSource(projectRoot: string, installedAt: string = packageRoot): InstallSource {
  const folder = (): InstallSource => ({kind: 'folder', spec: fileSpec(projectRoot, installedAt)})
  const parts = installedAt.split(path.sep)
  const nodeModules = parts.indexOf('node_modules')
  if (nodeModules === -1) return folder()
  const installer = parts.slice(0, nodeModules).join(path.sep) || path.sep
  const key = parts.slice(nodeModules).join('/')
  for (const lockfile of [path.join(installer, 'node_modules', '.package-lock.json'), path.join(installer, 'package-lock.json'), path.join(installer, 'npm-shrinkwrap.json')]) {
    const entry = readLockEntry(lockfile, key)
    if (!entry?.resolved) continue
    const {resolved} = entry
    if (entry.link) return folder()
    if (resolved.startsWith('file:')) {
      const target = path.resolve(installer, resolved.slice('file:'.length))
      if (existsSync(target)) return {kind: 'tarball', spec: fileSpec(projectRoot, target)}
      return folder()
    }
    if (/^(?:git\+|git:|github:|gitlab:|bitbucket:)/.test(resolved)) return {kind: 'git', spec: resolved}
    if (/^https?:\/\//.test(resolved)) return {kind: 'registry', spec: `^${version}`}
  }
  return folder()
}

function readLockEntry(lockfile: string, key: string): LockEntry | undefined {
  try {
    const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as {packages?: Record<string, LockEntry>}
    return lock.packages?.[key]
  } catch {
    return undefined
  }
}

/** `file:` and the path from the project to `target`, with `/` separators (npm reads them on every platform). */
function fileSpec(projectRoot: string, target: string): string {
  const relative = path.relative(projectRoot, target)
  const shown = relative === '' ? '.' : path.isAbsolute(relative) ? target : relative
  return `file:${toPosixPath(shown)}`
}
