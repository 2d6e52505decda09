/**
 * Helpers shared by the benchmark scripts: where things are, loading the
 * compiled library, timing, child processes and statistics.
 *
 * The benchmark measures the compiled package (`dist/`, as `npm run build`
 * leaves it) and the real binary, never the TypeScript sources: types come
 * from `src/`, code from `dist/`.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

/** The repository root: the nearest folder above this file with Scorecard's package.json. */
export const repoRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)))

/** Where the benchmark keeps corpora, scratch output and results (git-ignored). */
export const outRoot = path.join(repoRoot, 'out')
export const corpusRoot = path.join(outRoot, 'bench-corpus')
export const scratchRoot = path.join(outRoot, 'bench-tmp')
/** The compiled benchmark scripts, next to each other. */
export const benchBuild = path.dirname(fileURLToPath(import.meta.url))

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === '@scorecard-reports/scorecard') return dir
    if (path.dirname(dir) === dir) throw new Error(`No Scorecard package.json above ${start}`)
  }
}

/** The compiled library, `dist/index.js`. */
export async function loadLibrary(): Promise<typeof import('../src/index.js')> {
  return (await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)) as typeof import('../src/index.js')
}

/** A compiled module of the library other than the index, e.g. `print.js`. */
export async function loadModule<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(repoRoot, 'dist', name)).href)) as T
}

/** Milliseconds since `start`, rounded to 0.1. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Run the garbage collector when node runs with --expose-gc, so runs start alike. */
export function collectGarbage(): void {
  ;(globalThis as {gc?: () => void}).gc?.()
}

/** One finished child process. */
export interface ChildRun {
  wallMs: number
  /** Peak resident set of the node process (not of Chromium), in MB, when the probe could report it. */
  peakRssMb: number | undefined
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Run `node <args>` as a whole process and time it. A preload module writes
 * the process's peak RSS (`process.resourceUsage().maxRSS`) to a file at exit.
 */
export async function runNode(args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<ChildRun> {
  mkdirSync(scratchRoot, {recursive: true})
  const rssFile = path.join(scratchRoot, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`)
  const probe = pathToFileURL(path.join(benchBuild, 'rss-probe.js')).href
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', probe, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: {...process.env, ...options.env, SCORECARD_BENCH_RSS_FILE: rssFile, FORCE_COLOR: '0'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (exitCode) => resolve(exitCode))
  })
  const wallMs = since(started)
  let peakRssMb: number | undefined
  try {
    peakRssMb = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024)
    rmSync(rssFile)
  } catch {
    peakRssMb = undefined
  }
  return {wallMs, peakRssMb, code, stdout, stderr}
}

/** Like {@link runNode}, but fails loudly on a non-zero exit, and parses the last stdout line as JSON. */
export async function runJson<T>(args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<ChildRun & {result: T}> {
  const run = await runNode(args, options)
  if (run.code !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.code}\n${run.stderr.slice(-2000)}`)
  const last = run.stdout.trim().split('\n').at(-1) ?? ''
  return {...run, result: JSON.parse(last) as T}
}

/** A short description of the machine, for the results file. */
export function machine(): Record<string, unknown> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  }
}

/**
 * Wait (up to `maxMs`) until the machine is mostly idle, so that other work
 * on a shared machine disturbs the figures less. Linux only; elsewhere a no-op.
 */
export async function settle(maxMs = 20_000, busyPercent = 20): Promise<void> {
  if (!existsSync('/proc/stat')) return
  const sample = (): {busy: number; total: number} => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const total = fields.reduce((sum, value) => sum + value, 0)
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
    return {busy: total - idle, total}
  }
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    const before = sample()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const after = sample()
    const total = after.total - before.total
    if (total > 0 && (100 * (after.busy - before.busy)) / total < busyPercent) return
  }
}

/**
 * What a PDF holds that costs print time: its pages, whether Chromium tagged
 * it (a structure tree) and whether it has an outline. The comparisons are
 * only fair when read with these.
 */
export async function pdfFeatures(file: string): Promise<string> {
  const {PDFDocument, PDFName} = await import('pdf-lib')
  const doc = await PDFDocument.load(readFileSync(file), {updateMetadata: false})
  const has = (key: string): boolean => doc.catalog.get(PDFName.of(key)) !== undefined
  return `${doc.getPageCount()} pages, ${has('StructTreeRoot') ? 'tagged' : 'untagged'}, ${has('Outlines') ? 'outline' : 'no outline'}`
}

/** sha256 of a file, hex. */
export function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** Rows as an aligned text table (numbers after the third column right-aligned). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index]!.length)))
  const line = (cells: string[]): string => cells.map((cell, index) => (/^\d/.test(cell) && index > 2 ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join('  ').trimEnd()
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n')
}

/** The bench's command-line options (see run.ts). */
export interface Options {
  quick: boolean
  sizes: number[]
  runs: number | undefined
  pdf: boolean
  preview: boolean
  settle: boolean
}

/** Parse the bench's flags; throws on an unknown one. */
export function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick') || process.env['SCORECARD_BENCH_QUICK'] === '1'
  const sizesArg = argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length)
  const sizes = sizesArg === undefined ? undefined : sizesArg === '' ? [] : sizesArg.split(',').map(Number)
  const runs = argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length)
  for (const arg of argv)
    if (!['--quick', '--no-pdf', '--no-preview', '--no-settle'].includes(arg) && !arg.startsWith('--sizes=') && !arg.startsWith('--runs='))
      throw new TypeError(`Unknown option ${arg}. Use --quick, --sizes=100,1000 (or --sizes= for none), --runs=N, --no-pdf, --no-preview, --no-settle.`)
  if (sizes?.some((size) => !Number.isInteger(size) || size < 1)) throw new TypeError('--sizes takes positive whole numbers, e.g. --sizes=100,1000')
  return {
    quick,
    sizes: sizes ?? (quick ? [100] : [100, 1000, 5000]),
    runs: runs === undefined ? undefined : Number(runs),
    pdf: !argv.includes('--no-pdf'),
    preview: !argv.includes('--no-preview'),
    settle: !argv.includes('--no-settle'),
  }
}
