import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from './package-root.js'

/** Scorecard's own version, from package.json (stamped into outputs as the generator). */
export const version: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version
