/**
 * The md-to-pdf baseline (issue 17): the same priorities and excerpts as one
 * Markdown file, printed by md-to-pdf 5.2.5 with the same Chromium.
 *
 * md-to-pdf is never a dependency of Scorecard. It is installed on demand
 * into a bench-only folder (out/bench-md-to-pdf), with Puppeteer's browser
 * download skipped; when that fails (offline), the comparison is reported as
 * not measured, with the reason.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {loadLibrary, loadModule, outRoot} from './lib.js'

export const mdToPdfVersion = '5.2.5'
const installDir = path.join(outRoot, 'bench-md-to-pdf')

/** The md-to-pdf CLI script, installing it first if needed; or why it is not available. */
export function ensureMdToPdf(log: (message: string) => void): {cli: string} | {reason: string} {
  const manifest = path.join(installDir, 'node_modules', 'md-to-pdf', 'package.json')
  const installed = (): string | undefined => {
    try {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as {version?: string}).version
    } catch {
      return undefined
    }
  }
  if (installed() !== mdToPdfVersion) {
    log(`Installing md-to-pdf@${mdToPdfVersion} into ${path.relative(process.cwd(), installDir)} (bench only; browser download skipped)`)
    mkdirSync(installDir, {recursive: true})
    // A package.json of its own, so that npm installs here and not into Scorecard.
    writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify({name: 'scorecard-bench-md-to-pdf', private: true}, null, 2)}\n`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const run = spawnSync(npm, ['install', '--prefix', installDir, '--no-audit', '--no-fund', '--no-save', '--no-package-lock', `md-to-pdf@${mdToPdfVersion}`], {
      cwd: installDir,
      env: {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1'},
      encoding: 'utf8',
      timeout: 300_000,
    })
    if (run.error || run.status !== 0 || installed() !== mdToPdfVersion) {
      const detail = (run.error?.message ?? run.stderr ?? '').trim().split('\n').filter(Boolean).at(-1) ?? `exit ${run.status}`
      return {reason: `npm install md-to-pdf@${mdToPdfVersion} failed: ${detail}`}
    }
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {bin?: string | Record<string, string>}
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.['md-to-pdf'] ?? 'dist/cli.js')
  const cli = path.join(path.dirname(manifest), bin)
  return existsSync(cli) ? {cli} : {reason: `md-to-pdf's CLI is missing at ${cli}`}
}

/**
 * Write `dir`'s priorities and excerpts as one Markdown file: each priority's
 * title, dimension, status, stated commitment and prose, then every excerpt
 * with its title, publisher, date and locator. Returns the file's size.
 */
export async function writeSameTextMarkdown(dir: string, file: string): Promise<{bytes: number}> {
  const lib = await loadLibrary()
  const checked = await lib.check(dir)
  if (!checked.report) throw new Error(`${dir} does not check`)
  const report = checked.report
  const parts: string[] = [`# ${report.config.title}\n`]
  for (const priority of report.priorities) {
    parts.push(`## ${priority.title}\n`, `*${priority.dimension} · ${priority.status}*\n`)
    if (priority.stated) parts.push(`> ${priority.stated.quote}\n`)
    parts.push(`${priority.source.body.trim()}\n`)
  }
  parts.push('# Evidence\n')
  for (const excerpt of report.evidence) {
    const where = [excerpt.publisher, excerpt.date, excerpt.locator].filter(Boolean).join(', ')
    parts.push(`### ${excerpt.title}\n`, `${where}\n`, `${excerpt.source.body.trim().replace(/^/gm, '> ')}\n`)
  }
  const text = parts.join('\n')
  writeFileSync(file, text)
  return {bytes: Buffer.byteLength(text)}
}

/**
 * md-to-pdf's configuration: Scorecard's Chromium with Scorecard's flags
 * (but for the host resolver rule, which would stop md-to-pdf reaching its
 * own local file server), A4 with backgrounds, like the report.
 */
export async function writeMdToPdfConfig(file: string, dest: string): Promise<void> {
  type BrowserModule = typeof import('../src/print/browser.js')
  const {findBrowser, launchArgs, sandboxDecision} = await loadModule<BrowserModule>('print/browser.js')
  const args = launchArgs(sandboxDecision()).filter((arg) => !arg.startsWith('--host-resolver-rules'))
  const config = {
    dest,
    launch_options: {executablePath: findBrowser().path, headless: true, args},
    pdf_options: {format: 'A4', printBackground: true, margin: {top: '20mm', right: '20mm', bottom: '20mm', left: '20mm'}},
  }
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
}
