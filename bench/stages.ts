/**
 * In-process timings of one build, stage by stage: load, validate, link,
 * score, render (split into the unified part, the Handlebars template and the
 * rest, from a CPU profile of a second render), JSON export and write.
 *
 * Usage: node --expose-gc stages.js <project> <out-dir>
 * Prints the timings in ms as JSON. Run in a fresh process per measurement,
 * as the CLI would be: module loading and JIT warm-up are part of real runs.
 */
import {Session} from 'node:inspector/promises'
import path from 'node:path'
import {loadLibrary, since} from './lib.js'

const [dir, out] = process.argv.slice(2)
if (!dir || !out) throw new TypeError('Usage: stages.js <project> <out-dir>')

const importStarted = performance.now()
const lib = await loadLibrary()
const importMs = since(importStarted)
const root = path.resolve(dir)

const started = performance.now()
let mark = performance.now()
const lap = (): number => {
  const ms = since(mark)
  mark = performance.now()
  return ms
}
const loaded = await lib.loadProject(root)
const loadMs = lap()
const validated = lib.validateProject(loaded)
const validateMs = lap()
const linked = lib.linkProject(validated)
const linkMs = lap()
if (!linked) throw new Error('The project does not link')
const report = lib.scoreProject(linked)
const scoreMs = lap()
const options = {templatesDir: path.join(root, 'templates')}
const rendered = await lib.renderReport(report, options)
// report.html is made on first read: reading it here keeps the template in this stage.
const html = await rendered.html
const renderMs = lap()
const json = rendered.json
const jsonMs = lap()
await lib.writeOutputs(out, [{name: 'report.html', data: html}])
const writeMs = lap()
const totalMs = since(started)
const htmlBytes = Buffer.byteLength(html)
const jsonBytes = Buffer.byteLength(json)

// Rendered bodies are cached by tree: fresh copies of the trees make the
// profiled render do the unified work the first one did.
const uncached = {...report, bodies: new Map([...report.bodies].map(([item, body]) => [item, {...body, tree: structuredClone(body.tree)}]))}
const split = await renderSplit(async () => await (await lib.renderReport(uncached, options)).html)
process.stdout.write(
  `${JSON.stringify({
    importMs,
    loadMs,
    validateMs,
    linkMs,
    scoreMs,
    renderMs,
    renderUnifiedMs: Math.round(renderMs * split.unified),
    renderTemplateMs: Math.round(renderMs * split.template),
    renderOtherMs: Math.round(renderMs * split.other),
    jsonMs,
    writeMs,
    totalMs,
    htmlBytes,
    jsonBytes,
    heapMb: Math.round(process.memoryUsage().heapUsed / 1024 ** 2),
  })}\n`,
)

/**
 * Shares of render time in the unified pipeline (`renderBody`), in Handlebars
 * and in the rest (view model, CSS, charts), from a sampled CPU profile.
 * Garbage collection counts where the sample before it was.
 */
async function renderSplit(render: () => Promise<unknown>): Promise<{unified: number; template: number; other: number}> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', {interval: 250})
  await session.post('Profiler.start')
  await render()
  const {profile} = await session.post('Profiler.stop')
  session.disconnect()

  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const category = new Map<number, 'unified' | 'template' | 'other' | 'gc' | 'idle'>()
  const classify = (id: number): 'unified' | 'template' | 'other' | 'gc' | 'idle' => {
    const known = category.get(id)
    if (known) return known
    const frame = byId.get(id)!.callFrame
    let result: 'unified' | 'template' | 'other' | 'gc' | 'idle'
    if (frame.functionName === '(garbage collector)') result = 'gc'
    else if (frame.functionName === '(idle)' || frame.functionName === '(program)') result = 'idle'
    else if (frame.functionName === 'renderBody') result = 'unified'
    else if (frame.url.includes('/handlebars/')) result = 'template'
    else {
      const up = parent.get(id)
      result = up === undefined ? 'other' : classify(up)
      if (result === 'gc' || result === 'idle') result = 'other'
    }
    category.set(id, result)
    return result
  }
  const totals = {unified: 0, template: 0, other: 0}
  let previous: keyof typeof totals = 'other'
  profile.samples?.forEach((id, index) => {
    const delta = profile.timeDeltas?.[index] ?? 0
    const kind = classify(id)
    if (kind === 'idle') return
    const into = kind === 'gc' ? previous : kind
    totals[into] += delta
    previous = into
  })
  const sum = totals.unified + totals.template + totals.other || 1
  return {unified: totals.unified / sum, template: totals.template / sum, other: totals.other / sum}
}
