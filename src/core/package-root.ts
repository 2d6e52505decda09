/**
 * Where Scorecard itself is installed. Modules sit at different depths in
 * `src/`, `dist/` and the bundled `dist-cli/`, so paths to the package's own
 * files (templates, package.json) are resolved from the package root, found by
 * walking up to the `package.json` that names this package.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** Scorecard's package name: scoped, so that nobody else can publish under it. */
export const packageName = '@scorecard-reports/scorecard'

function findPackageRoot(start: string): string {
  let dir = start
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name
      if (name === packageName) return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new TypeError(`Scorecard's package.json was not found above ${start}`)
    dir = parent
  }
}

/** The folder holding Scorecard's own package.json, templates/ and dist/. */
export const packageRoot: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)))
