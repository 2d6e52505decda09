/**
 * The shape of src/: the import graph (static, `import type`, re-exports and
 * dynamic `import()`) has no cycle, imports point down the pipeline, and
 * docs/architecture.md names every folder.
 */
import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {repoRoot} from './helpers.js'

const src = path.join(repoRoot, 'src')

/** Each module of src/ (path relative to src/) with the modules of src/ it imports. */
export async function importGraph(): Promise<Map<string, string[]>> {
  const entries = await readdir(src, {withFileTypes: true, recursive: true})
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name))
  const graph = new Map<string, string[]>()
  for (const file of files.sort()) {
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.relative(src, path.resolve(path.dirname(file), name.replace(/\.js$/, '.ts'))))
    graph.set(path.relative(src, file), [...new Set(targets)].sort())
  }
  return graph
}

/** Cycles closed by the back edges of a depth-first search, each as a path back to its start: empty exactly when the graph has no cycle. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'active')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'active') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return found
}

/** Order of the folders of src/: a module may import its own rank or a lower one. */
const ranks: Record<string, number> = {
  core: 0,
  load: 1,
  validate: 2,
  link: 3,
  verify: 4,
  score: 4,
  // Render's Markdown → hast passes are what present calls; its layout reads only core's view types.
  render: 5,
  present: 6,
  export: 6,
  print: 7,
  pipeline: 8,
  diff: 9,
  preview: 9,
  author: 9,
  cli: 10,
  'index.ts': 11,
}

function rank(module: string): number {
  const folder = module.split('/')[0]!
  const value = ranks[folder]
  if (value === undefined) throw new Error(`src/${folder} has no place in the order: add it to ranks and to docs/architecture.md`)
  return value
}

describe('the import graph of src/', () => {
  it('has every import resolve to a module of src/', async () => {
    const graph = await importGraph()
    expect(graph.size).toBeGreaterThan(30)
    const missing = [...graph].flatMap(([from, to]) => to.filter((target) => !graph.has(target)).map((target) => `${from} → ${target}`))
    expect(missing).toEqual([])
  })

  it('has no cycle', async () => {
    expect(cycles(await importGraph()).map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('imports point down the pipeline: no stage imports a later one', async () => {
    const against = [...(await importGraph())].flatMap(([from, to]) =>
      to.filter((target) => rank(target) > rank(from)).map((target) => `${from} → ${target}`),
    )
    expect(against).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ])
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([])
  })
})

describe('docs/architecture.md', () => {
  it("names every folder of src/ in its table, and no folder that is not there", async () => {
    const page = await readFile(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8')
    const rows = [...page.matchAll(/^\| `src\/([\w-]+)\/` \|/gm)].map((match) => match[1])
    const folders = (await readdir(src, {withFileTypes: true})).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    expect(rows.sort()).toEqual(folders.sort())
    for (const folder of folders) expect(ranks[folder], folder).toBeDefined()
  })
})
