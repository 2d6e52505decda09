/**
 * Finding the project from inside it, as git and npm do: the nearest folder
 * at or above `start` that holds scorecard.yml.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

/** The name of the project file that marks a Scorecard project. */
const configFileName = 'scorecard.yml'

/**
 * The nearest folder at or above `start` (resolved against the current
 * folder) holding scorecard.yml, or undefined when there is none up to the
 * file-system root.
 */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, configFileName))) return dir
    if (path.dirname(dir) === dir) return undefined
  }
}
