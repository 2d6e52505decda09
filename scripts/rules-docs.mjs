/**
 * Regenerate the README's rule list from the rules registry
 * (src/core/rules.ts, compiled to dist/ by `npm run build`): the table
 * between the `rules:start` and `rules:end` markers. `npm run docs:rules`
 * runs the build and this script; test/core/rules.test.ts fails while the
 * README and the registry disagree.
 */
import {readFile, writeFile} from 'node:fs/promises'
import {rulesTable} from '../dist/core/rules.js'

const readmePath = new URL('../README.md', import.meta.url)
const readme = await readFile(readmePath, 'utf8')
const marked = /(<!-- rules:start[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/
if (!marked.test(readme)) throw new Error('README.md has no <!-- rules:start --> … <!-- rules:end --> markers')
const next = readme.replace(marked, (_, start, end) => `${start}${rulesTable()}\n${end}`)
if (next !== readme) await writeFile(readmePath, next)
process.stdout.write(next === readme ? 'README.md rule list is up to date\n' : 'README.md rule list regenerated\n')
