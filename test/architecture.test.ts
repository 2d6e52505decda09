/**
 * The shape of src/: the import graph (static, `import type`, re-exports and
 * dynamic `import()`) has no cycle.
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
