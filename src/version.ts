import {createRequire} from 'node:module'

/** Scorecard's own version, from package.json (stamped into outputs as the generator). */
export const version: string = (createRequire(import.meta.url)('../package.json') as {version: string}).version
