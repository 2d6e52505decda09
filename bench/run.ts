/**
 * `npm run bench`: Scorecard's benchmark. See docs/performance.md.
 *
 * For synthetic projects of 100, 1 000 and 5 000 priorities (10 evidence
 * files each; bench/corpus.ts) it measures `check`, an HTML build and a JSON
 * build as whole processes (wall time, peak RSS), and one build in process
 * stage by stage; PDF output of the bundled example and of the 100-priority
 * project; and the preview's rebuild after a one-file edit. Baselines run in
 * the same session, interleaved with what they are compared to: the bare
 * unified pipeline on the same Markdown, a bare puppeteer print of
 * Scorecard's own HTML, and md-to-pdf 5.2.5 printing the example's
 * priorities and excerpts as one Markdown file with the same Chromium
 * (bench/md-to-pdf.ts; installed on demand into out/bench-md-to-pdf, never a
 * dependency of Scorecard). Figures are medians; ratios are taken within the run.
 *
 * Flags: --quick (100 priorities, one run each: a smoke test),
 * --sizes=100,1000 (default 100,1000,5000; --sizes= for none), --runs=N
 * (override, PDF of the example included), --no-pdf, --no-preview, --no-settle (do not wait for an idle
 * machine between runs).
 * Writes out/bench.json and prints a table.
 */
import {createHash} from 'node:crypto'
import {cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {generateCorpus, writeCorpus} from './corpus.js'
import {ensureMdToPdf, mdToPdfVersion, writeMdToPdfConfig, writeSameTextMarkdown} from './md-to-pdf.js'
import {benchBuild, corpusRoot, digest, machine, median, outRoot, parseArgs, pdfFeatures, repoRoot, runJson, runNode, scratchRoot, settle, table, type ChildRun} from './lib.js'

const options = parseArgs(process.argv.slice(2))
const bin = path.join(repoRoot, 'bin', 'scorecard.js')
const script = (name: string): string => path.join(benchBuild, name)
const started = Date.now()

/** One measured figure. */
interface Figure {
  group: string
  measure: string
  size: string
  /** Median wall time in ms. */
  ms: number
  runs: number[]
  peakRssMb?: number | undefined
  note?: string
}
const figures: Figure[] = []
/** Extra facts (bytes, passes, ratios) for the JSON. */
const facts: Record<string, unknown> = {}

if (!existsSync(path.join(repoRoot, 'dist', 'index.js'))) throw new Error('dist/ is missing: run "npm run build" first (npm run bench does).')
rmSync(scratchRoot, {recursive: true, force: true})
mkdirSync(scratchRoot, {recursive: true})
log(`Scorecard benchmark${options.quick ? ' (quick)' : ''}: sizes ${options.sizes.join(', ')}; ${JSON.stringify(machine())}`)

for (const size of options.sizes) await benchSize(size)
if (options.pdf) {
  await benchPdf('example', repoRoot, options.runs ?? (options.quick ? 1 : 3))
  if (!options.quick) {
    const dir = await ensureCorpus(100)
    // On a loaded machine this 250-page print can pass the 60 s print timeout: report it, keep the rest.
    await benchPdf('100', dir, 1).catch((error: unknown) => {
      facts['pdf.100'] = `not measured: ${error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error)}`
      log(`PDF of the 100-priority corpus not measured: ${String(error).slice(0, 300)}`)
    })
  }
}
if (options.preview) await benchPreview(options.quick ? 100 : 1000, options.quick ? 3 : 5)

const targets = evaluateTargets()
const results = {
  generatedAt: new Date().toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  options,
  machine: machine(),
  figures,
  facts,
  targets,
}
writeFileSync(path.join(outRoot, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`)
printTables(targets)
log(`Wrote out/bench.json in ${results.durationS} s.`)

// ---------------------------------------------------------------------------

async function benchSize(size: number): Promise<void> {
  const dir = await ensureCorpus(size)
  const runs = options.runs ?? (options.quick ? 1 : size >= 5000 ? 1 : size >= 1000 ? 3 : 5)
  const stageRuns = options.runs ?? (options.quick || size >= 5000 ? 1 : size >= 1000 ? 2 : 3)
  const label = String(size)
  log(`\n== ${size} priorities, ${size * 10} evidence files (${runs} runs)`)

  // The HTML build and its baseline alternate, so both see the same machine.
  const bare: ChildRun[] = []
  const bareInternal: number[] = []
  const html: ChildRun[] = []
  const htmlHashes = new Set<string>()
  for (let run = 0; run < runs; run++) {
    await pause()
    const baseline = await runJson<{ms: number; bytes: number; files: number}>([script('bare-unified.js'), dir, path.join(scratchRoot, `bare-${size}.html`)])
    bare.push(baseline)
    bareInternal.push(baseline.result.ms)
    facts[`markdownBytes.${size}`] = baseline.result.bytes
    await pause()
    const outDir = path.join(scratchRoot, `html-${size}-${run}`)
    html.push(await cli(['build', dir, '--format', 'html', '--out', outDir, '--quiet']))
    htmlHashes.add(digest(path.join(outDir, 'report.html')))
    rmSync(outDir, {recursive: true, force: true})
  }
  record('unified baseline', 'bare unified, whole process', label, bare)
  figures.push({group: 'unified baseline', measure: 'bare unified, in process', size: label, ms: median(bareInternal), runs: bareInternal})
  record('whole process', 'build --format html', label, html)
  facts[`deterministicHtml.${size}`] = htmlHashes.size === 1

  const checks: ChildRun[] = []
  const jsons: ChildRun[] = []
  for (let run = 0; run < runs; run++) {
    await pause()
    checks.push(await cli(['check', dir, '--quiet']))
    await pause()
    const outDir = path.join(scratchRoot, `json-${size}-${run}`)
    jsons.push(await cli(['build', dir, '--format', 'json', '--out', outDir, '--quiet']))
    rmSync(outDir, {recursive: true, force: true})
  }
  record('whole process', 'check', label, checks)
  record('whole process', 'build --format json', label, jsons)

  const stages: Record<string, number>[] = []
  for (let run = 0; run < stageRuns; run++) {
    await pause()
    const outDir = path.join(scratchRoot, `stages-${size}`)
    stages.push((await runJson<Record<string, number>>(['--expose-gc', script('stages.js'), dir, outDir])).result)
    rmSync(outDir, {recursive: true, force: true})
  }
  for (const key of Object.keys(stages[0]!)) {
    if (!key.endsWith('Ms')) continue
    const values = stages.map((entry) => entry[key]!)
    figures.push({group: 'in process', measure: key.slice(0, -2), size: label, ms: median(values), runs: values})
  }
  facts[`htmlBytes.${size}`] = stages[0]!['htmlBytes']
  facts[`jsonBytes.${size}`] = stages[0]!['jsonBytes']
}

async function benchPdf(label: string, dir: string, runs: number): Promise<void> {
  log(`\n== PDF: ${label} (${runs} runs)`)
  // A build into a fresh folder prints twice (contents numbers, then the
  // check that they hold); a rebuild finds the previous report's note and
  // prints once when its numbers still hold. Both are measured, for the full
  // build (every format) against a bare print of the same HTML, and, for the
  // example, for a PDF-only build against md-to-pdf on the same text.
  const cold: ChildRun[] = []
  const warm: ChildRun[] = []
  const bare: (ChildRun & {result: {totalMs: number}})[] = []
  const pdfCold: ChildRun[] = []
  const pdfWarm: ChildRun[] = []
  const pdfUncached: ChildRun[] = []
  const mdToPdf: ChildRun[] = []
  const passes: {cold: number[]; warm: number[]} = {cold: [], warm: []}
  const launches: number[] = []
  const hashes = new Set<string>()
  /** What each compared PDF holds (pages, tags, outline), read back from the last run's file. */
  const features: {scorecard?: string; bare?: string; mdToPdf?: string} = {}
  const passesOf = (run: ChildRun): number => Number(/in (\d+) pass/.exec(run.stderr)?.[1] ?? NaN)
  const md = label === 'example' ? await prepareMdToPdf(dir) : undefined
  for (let run = 0; run < runs; run++) {
    const outDir = path.join(scratchRoot, `pdf-${label}-${run}`)
    rmSync(outDir, {recursive: true, force: true})
    for (const [kind, list] of [['cold', cold], ['warm', warm]] as const) {
      await pause()
      const build = await cli(['build', dir, '--format', 'html,json,csv,pdf', '--out', outDir, '--verbose'])
      list.push(build)
      passes[kind].push(passesOf(build))
      launches.push((build.stderr.match(/Launched browser/g) ?? []).length)
      hashes.add(digest(path.join(outDir, 'report.pdf')))
    }
    features.scorecard = await pdfFeatures(path.join(outDir, 'report.pdf'))
    await pause()
    bare.push(await runJson<{totalMs: number}>([script('bare-print.js'), path.join(outDir, 'report.html'), path.join(scratchRoot, `bare-${label}.pdf`)]))
    features.bare = await pdfFeatures(path.join(scratchRoot, `bare-${label}.pdf`))
    rmSync(outDir, {recursive: true, force: true})
    if (md && 'cli' in md) {
      const pdfDir = path.join(scratchRoot, `pdf-only-${label}-${run}`)
      rmSync(pdfDir, {recursive: true, force: true})
      for (const list of [pdfCold, pdfWarm]) {
        await pause()
        list.push(await cli(['build', dir, '--format', 'pdf', '--out', pdfDir, '--quiet']))
      }
      rmSync(pdfDir, {recursive: true, force: true})
      // As on a machine that never built the report: no font subsets cached.
      await pause()
      pdfUncached.push(await cli(['build', dir, '--format', 'pdf', '--out', pdfDir, '--quiet'], {SCORECARD_CACHE_DIR: 'off'}))
      rmSync(pdfDir, {recursive: true, force: true})
      rmSync(md.pdf, {force: true})
      await pause()
      const converted = await runNode([md.cli, md.markdown, '--config-file', md.config])
      if (converted.code !== 0 || !existsSync(md.pdf)) throw new Error(`md-to-pdf exited with ${converted.code}\n${converted.stderr.slice(-2000)}`)
      mdToPdf.push(converted)
      features.mdToPdf = await pdfFeatures(md.pdf)
    }
  }
  record('pdf', 'build --format html,json,csv,pdf, fresh output folder', label, cold, `passes: ${passes.cold.join(', ')}; ${features.scorecard}`)
  record('pdf', 'build --format html,json,csv,pdf, rebuild over the previous PDF', label, warm, `passes: ${passes.warm.join(', ')}`)
  record('pdf baseline', 'bare puppeteer print (whole process)', label, bare, features.bare)
  const bareInternal = bare.map((run) => run.result.totalMs)
  figures.push({group: 'pdf baseline', measure: 'bare puppeteer print: launch + setContent + pdf + close', size: label, ms: median(bareInternal), runs: bareInternal})
  facts[`pdfPasses.${label}`] = passes
  facts[`pdfLaunchesPerBuild.${label}`] = launches
  facts[`deterministicPdf.${label}`] = hashes.size === 1
  if (md && 'cli' in md) {
    record('pdf', 'build --format pdf, fresh output folder', label, pdfCold)
    record('pdf', 'build --format pdf, rebuild over the previous PDF', label, pdfWarm)
    record('pdf', 'build --format pdf, fresh output folder, font cache off', label, pdfUncached)
    record('pdf baseline', `md-to-pdf ${mdToPdfVersion}, same text as one Markdown file (whole process)`, label, mdToPdf, `${md.bytes} bytes of Markdown; ${features.mdToPdf}`)
  } else if (md) {
    facts[`mdToPdf.${label}`] = `not measured: ${md.reason}`
    log(`md-to-pdf: not measured: ${md.reason}`)
  }

  await pause()
  const inProcess = await runJson<{launchMs: number; first: {ms: number; passes: number; pages: number}; second: {ms: number; passes: number}; totalMs: number; launches: number}>([
    script('print.js'),
    dir,
    path.join(scratchRoot, `print-${label}.pdf`),
  ])
  const printed = inProcess.result
  figures.push({group: 'pdf', measure: 'in process: launch', size: label, ms: printed.launchMs, runs: [printed.launchMs]})
  figures.push({group: 'pdf', measure: `in process: first print (${printed.first.passes} passes, ${printed.first.pages} pages)`, size: label, ms: printed.first.ms, runs: [printed.first.ms]})
  figures.push({group: 'pdf', measure: `in process: second print, same browser, numbers known (${printed.second.passes} pass)`, size: label, ms: printed.second.ms, runs: [printed.second.ms]})
  facts[`browserLaunchesForTwoPrints.${label}`] = printed.launches
}

/** md-to-pdf installed, the example's text as Markdown and a configuration using Scorecard's Chromium; or why not. */
async function prepareMdToPdf(dir: string): Promise<{cli: string; markdown: string; config: string; pdf: string; bytes: number} | {reason: string}> {
  const installed = ensureMdToPdf(log)
  if ('reason' in installed) return installed
  const folder = path.join(scratchRoot, 'md-to-pdf')
  mkdirSync(folder, {recursive: true})
  const markdown = path.join(folder, 'report.md')
  const pdf = path.join(folder, 'report.pdf')
  const config = path.join(folder, 'config.json')
  const {bytes} = await writeSameTextMarkdown(dir, markdown)
  await writeMdToPdfConfig(config, pdf)
  return {cli: installed.cli, markdown, config, pdf, bytes}
}

async function benchPreview(size: number, edits: number): Promise<void> {
  log(`\n== Preview: one-file edit on ${size} priorities (${edits} edits)`)
  const source = await ensureCorpus(size)
  const dir = path.join(scratchRoot, `preview-${size}`)
  rmSync(dir, {recursive: true, force: true})
  cpSync(source, dir, {recursive: true})
  const file = readStamp(source)?.samplePriority ?? ''
  await pause()
  const run = await runJson<{coldMs: number; modes: string[]; fragmentMs: number; fullMs: number; runs: number[]; fullRuns: number[]}>([
    '--expose-gc',
    script('preview.js'),
    dir,
    file,
    String(edits),
  ])
  const result = run.result
  figures.push({group: 'preview', measure: 'first build (check + render)', size: String(size), ms: result.coldMs, runs: [result.coldMs]})
  figures.push({group: 'preview', measure: 'full rebuild, warm caches (any change)', size: String(size), ms: result.fullMs, runs: result.fullRuns})
  figures.push({
    group: 'preview',
    measure: 'rebuild after one prose edit',
    size: String(size),
    ms: result.fragmentMs,
    runs: result.runs,
    peakRssMb: run.peakRssMb,
    note: `mode: ${result.modes.join(', ')}`,
  })
  rmSync(dir, {recursive: true, force: true})
}

// ---------------------------------------------------------------------------

interface Target {
  target: string
  figure: string
  limit: string
  met: boolean | undefined
}

function evaluateTargets(): Target[] {
  const find = (group: string, measure: string, size: string): Figure | undefined =>
    figures.find((entry) => entry.group === group && entry.measure === measure && entry.size === size)
  const targets: Target[] = []
  const add = (target: string, figure: string, limit: string, met: boolean | undefined): void => {
    targets.push({target, figure, limit, met})
  }
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

  const size = options.sizes.includes(1000) ? '1000' : String(options.sizes[0])
  const html = find('whole process', 'build --format html', size)
  const bare = find('unified baseline', 'bare unified, whole process', size)
  const stageTotal = find('in process', 'total', size)
  const bareIn = find('unified baseline', 'bare unified, in process', size)
  if (html && bare) {
    const ratio = html.ms / bare.ms
    facts[`ratio.htmlBuildToBareUnified.${size}`] = round(ratio)
    add(`HTML build, ${size} priorities: ≤ 1.5× bare unified (whole processes)`, `${round(ratio)}× (${seconds(html.ms)} vs ${seconds(bare.ms)})`, '1.5×', ratio <= 1.5)
  }
  if (stageTotal && bareIn) {
    const ratio = stageTotal.ms / bareIn.ms
    facts[`ratio.inProcessBuildToBareUnified.${size}`] = round(ratio)
    add(`HTML build, ${size} priorities: ≤ 1.5× bare unified (in process, after module loading)`, `${round(ratio)}× (${seconds(stageTotal.ms)} vs ${seconds(bareIn.ms)})`, '1.5×', ratio <= 1.5)
  }
  if (html) {
    add(`HTML build, ${size} priorities: whole process`, seconds(html.ms), '< 5 s', html.ms < 5000)
    if (html.peakRssMb !== undefined) add(`HTML build, ${size} priorities: peak RSS`, `${html.peakRssMb} MB`, '< 500 MB', html.peakRssMb < 500)
  }
  const check = find('whole process', 'check', size)
  if (check) add(`check, ${size} priorities: whole process`, seconds(check.ms), '< 3 s', check.ms < 3000)

  const big = find('whole process', 'build --format html', '5000')
  const mid = find('whole process', 'build --format html', '1000')
  if (big) {
    const growth = mid ? big.ms / mid.ms : undefined
    if (growth !== undefined) facts['growth.htmlBuild.5000over1000'] = round(growth)
    add(
      'HTML build, 5 000 priorities: completes, roughly linear',
      `${seconds(big.ms)}, ${big.peakRssMb ?? '?'} MB${growth === undefined ? '' : `; ${round(growth)}× the 1 000 build for 5× the content`}`,
      'no out-of-memory; ≈5×',
      growth === undefined ? true : growth < 7,
    )
  }

  const pdf = find('pdf', 'build --format html,json,csv,pdf, fresh output folder', 'example')
  const rebuilt = find('pdf', 'build --format html,json,csv,pdf, rebuild over the previous PDF', 'example')
  const barePdf = find('pdf baseline', 'bare puppeteer print (whole process)', 'example')
  if (pdf && barePdf) {
    const ratio = pdf.ms / barePdf.ms
    facts['ratio.pdfBuildToBarePrint.example'] = round(ratio)
    add('Full report build of the example (html,json,csv,pdf), fresh output folder: ≤ 1.2× bare puppeteer print of the same HTML', `${round(ratio)}× (${seconds(pdf.ms)} vs ${seconds(barePdf.ms)})`, '1.2×', ratio <= 1.2)
    if (rebuilt) {
      const warmRatio = rebuilt.ms / barePdf.ms
      facts['ratio.pdfRebuildToBarePrint.example'] = round(warmRatio)
      add('Full report build of the example, rebuild over the previous PDF: ≤ 1.2× bare puppeteer print', `${round(warmRatio)}× (${seconds(rebuilt.ms)} vs ${seconds(barePdf.ms)})`, '1.2×', warmRatio <= 1.2)
    }
    add('PDF of the example (whole build, contents pass, outline, metadata): ≤ 1.6× bare puppeteer print (earlier target)', `${round(ratio)}× (${seconds(pdf.ms)} vs ${seconds(barePdf.ms)})`, '1.6×', ratio <= 1.6)
  }
  const mdToPdf = figures.find((entry) => entry.group === 'pdf baseline' && entry.measure.startsWith('md-to-pdf') && entry.size === 'example')
  const pdfOnly = find('pdf', 'build --format pdf, fresh output folder', 'example')
  const pdfOnlyRebuilt = find('pdf', 'build --format pdf, rebuild over the previous PDF', 'example')
  if (mdToPdf && pdfOnly && pdfOnlyRebuilt) {
    const uncached = find('pdf', 'build --format pdf, fresh output folder, font cache off', 'example')
    const kinds = [['fresh output folder', pdfOnly, 'fresh'], ['rebuild', pdfOnlyRebuilt, 'rebuild'], ...(uncached ? [['fresh output folder, font cache off', uncached, 'uncached'] as const] : [])] as const
    for (const [kind, figure, key] of kinds) {
      const ratio = figure.ms / mdToPdf.ms
      facts[`ratio.pdfBuildToMdToPdf.${key}.example`] = round(ratio)
      add(`PDF of the example (build --format pdf, ${kind}): ≤ 0.9× md-to-pdf ${mdToPdfVersion} on the same text`, `${round(ratio)}× (${seconds(figure.ms)} vs ${seconds(mdToPdf.ms)})`, '0.9×', ratio <= 0.9)
    }
  } else if (options.pdf) {
    const reason = (facts['mdToPdf.example'] as string | undefined) ?? 'not measured'
    add(`PDF of the example: ≤ 0.9× md-to-pdf ${mdToPdfVersion} on the same text (fresh and rebuild)`, reason.startsWith('not measured') ? reason : `not measured: ${reason}`, '0.9×', undefined)
  }
  const passes = facts['pdfPasses.example'] as {cold: number[]; warm: number[]} | undefined
  if (passes)
    add('PDF: no second print when the page numbers are known', `passes, fresh: ${passes.cold.join(', ')}; rebuild: ${passes.warm.join(', ')}`, '1 when known', passes.warm.every((value) => value === 1))
  const launches = facts['pdfLaunchesPerBuild.example'] as number[] | undefined
  const twoPrints = facts['browserLaunchesForTwoPrints.example'] as number | undefined
  if (launches) add('One browser launch per run, several outputs', `launches per build: ${launches.join(', ')}; two prints: ${twoPrints ?? '?'}`, '1', launches.every((value) => value === 1) && twoPrints === 1)

  const preview = figures.find((entry) => entry.group === 'preview' && entry.measure === 'rebuild after one prose edit')
  const fullPreview = figures.find((entry) => entry.group === 'preview' && entry.measure === 'full rebuild, warm caches (any change)')
  if (preview) {
    const fragment = preview.note === 'mode: fragment'
    add(
      `Preview: one-file prose edit on ${preview.size} priorities`,
      `${seconds(preview.ms)} (${preview.note ?? ''})${fullPreview ? `; other changes rebuild in full: ${seconds(fullPreview.ms)}` : ''}`,
      '< 0.2 s',
      preview.ms < 200 && fragment,
    )
  }
  return targets
}

function printTables(targets: Target[]): void {
  const rows = figures.map((entry) => [entry.group, entry.measure, entry.size, `${Math.round(entry.ms)}`, String(entry.runs.length), entry.peakRssMb === undefined ? '' : String(entry.peakRssMb), entry.note ?? ''])
  process.stdout.write(`\n${table(['group', 'measure', 'size', 'median ms', 'runs', 'peak RSS MB', 'note'], rows)}\n`)
  const targetRows = targets.map((entry) => [entry.target, entry.figure, entry.limit, entry.met === undefined ? '?' : entry.met ? 'met' : 'MISSED'])
  process.stdout.write(`\n${table(['target', 'figure', 'limit', ''], targetRows)}\n`)
}

// ---------------------------------------------------------------------------

/** Generate the corpus of `size` priorities into out/bench-corpus, unless the one there is current. */
async function ensureCorpus(size: number): Promise<string> {
  const dir = path.join(corpusRoot, String(size))
  const generator = createHash('sha256').update(readFileSync(script('corpus.js'))).digest('hex').slice(0, 16)
  const stamp = readStamp(dir)
  if (stamp?.generator === generator && stamp.priorities === size) return dir
  log(`Generating ${size} priorities into ${path.relative(repoRoot, dir)}`)
  const corpus = generateCorpus({priorities: size})
  await writeCorpus(dir, corpus)
  writeFileSync(path.join(dir, '.bench-corpus.json'), `${JSON.stringify({generator, priorities: size, files: corpus.files.size, markdownBytes: corpus.markdownBytes, samplePriority: corpus.samplePriority})}\n`)
  return dir
}

function readStamp(dir: string): {generator: string; priorities: number; samplePriority: string} | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, '.bench-corpus.json'), 'utf8')) as {generator: string; priorities: number; samplePriority: string}
  } catch {
    return undefined
  }
}

async function cli(args: string[], env?: NodeJS.ProcessEnv): Promise<ChildRun> {
  const run = await runNode([bin, ...args], env === undefined ? {} : {env})
  if (run.code !== 0) throw new Error(`scorecard ${args.join(' ')} exited with ${run.code}\n${run.stderr.slice(-2000)}`)
  return run
}

function record(group: string, measure: string, size: string, runs: ChildRun[], note?: string): void {
  const rss = runs.map((run) => run.peakRssMb).filter((value): value is number => value !== undefined)
  const wall = runs.map((run) => run.wallMs)
  const figure: Figure = {group, measure, size, ms: median(wall), runs: wall, peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined}
  if (note !== undefined) figure.note = note
  figures.push(figure)
  log(`${group}: ${measure} [${size}] median ${Math.round(figure.ms)} ms${figure.peakRssMb === undefined ? '' : `, peak ${figure.peakRssMb} MB`}`)
}

async function pause(): Promise<void> {
  if (options.settle) await settle()
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function log(message: string): void {
  process.stderr.write(`${message}\n`)
}
