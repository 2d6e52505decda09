/**
 * The one path normaliser: paths shown to people and written to outputs
 * (diagnostics, JSON, CSV, diff) use `/` on every platform.
 */
import path from 'node:path'

/** `file` with the platform's separators replaced by `/`. */
export function toPosixPath(file: string): string {
  return file.split(path.sep).join('/')
}
