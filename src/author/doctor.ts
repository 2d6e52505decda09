/**
 * `scorecard doctor`: can this machine build the report, PDF included? It
 * checks Node.js, the browser (found, its version, whether it starts and
 * prints), Chromium's sandbox, the bundled fonts and, inside a project, the
 * content.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import pc from 'picocolors'
import {findBrowser, sandboxDecision, type BrowserLocation} from '../print/browser.js'
import {summaryLine} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {fontFaceCss, sansFamily, serifFamily} from '../render/fonts.js'
import {configFileName} from '../load/index.js'
import {check} from '../pipeline/index.js'

/** Lowest supported Node.js version, as in package.json `engines`. */
export const minimumNode = {major: 20, minor: 19} as const

/** The outcome of one check: `fail` breaks a build, `warn` deserves attention, `ok` and `info` do not. */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail'

/** One line of the doctor's report. */
export interface DoctorCheck {
  id: 'node' | 'browser' | 'browser-version' | 'browser-launch' | 'sandbox' | 'fonts' | 'project'
  status: CheckStatus
  /** What was found, one line. */
  message: string
  /** What to do about it. */
  hint?: string
}

/** The doctor's report. */
export interface DoctorReport {
  checks: DoctorCheck[]
  /** Whether `build --format pdf` would get a working browser. */
  pdfReady: boolean
  /**
   * 0 when all is well; 4 when no browser was found; 5 when the browser
   * would not start or print; 1 when something else fails (Node.js too old,
   * fonts missing, content errors in the project).
   */
  exitCode: number
}

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** Project folder to check, if it has a scorecard.yml. Default: the current folder. */
  dir?: string
  /** As `--browser-path` of `build`. */
  browserPath?: string | undefined
  /** Environment for browser discovery. Default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** Start the browser and print a test page (default true). */
  launch?: boolean
  /** Node.js version to judge. Default: the running one. */
  nodeVersion?: string
  /** Bound on `--version` and on the test print, in ms. Default 30 000. */
  timeoutMs?: number
}

/** Examine the machine (and the project in `dir`, if any). Never throws for what it finds. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = []
  const env = options.env ?? process.env
  const timeoutMs = options.timeoutMs ?? 30_000

  checks.push(nodeCheck(options.nodeVersion ?? process.versions.node))

  let location: BrowserLocation | undefined
  let browserExit = 0
  try {
    location = findBrowser({browserPath: options.browserPath, env})
    const origin = location.source === 'system' ? 'found in a usual location' : `from ${location.source === 'option' ? '--browser-path' : location.source}`
    checks.push({id: 'browser', status: 'ok', message: `Browser: ${location.path} (${origin})`})
  } catch (error) {
    if (!(error instanceof ScorecardError)) throw error
    browserExit = 4
    checks.push({id: 'browser', status: 'fail', message: `Browser: ${error.message}`, ...(error.hint ? {hint: error.hint} : {})})
  }

  if (location) {
    const versionText = await browserVersion(location.path, Math.min(timeoutMs, 10_000))
    checks.push(
      versionText.ok
        ? {id: 'browser-version', status: 'ok', message: `Browser version: ${versionText.value}`}
        : {id: 'browser-version', status: 'warn', message: `Browser version: unknown (${versionText.value})`},
    )
  }

  const sandbox = sandboxDecision({env})
  checks.push(
    sandbox.noSandbox
      ? {
          id: 'sandbox',
          status: 'warn',
          message: `Sandbox: off (${sandbox.reason ?? 'required here'}); Chromium runs with --no-sandbox`,
          hint: 'Fine for your own content. To print untrusted content (pull requests from strangers) in a sandbox, run as a regular user outside a container.',
        }
      : {id: 'sandbox', status: 'ok', message: 'Sandbox: on'},
  )

  if (location && options.launch !== false) {
    const launched = await tryPrint(location.path, timeoutMs)
    if (!launched.ok) browserExit = 5
    checks.push(launched.check)
  }

  checks.push(await fontsCheck())

  const dir = path.resolve(options.dir ?? '.')
  let projectFailed = false
  if (existsSync(path.join(dir, configFileName))) {
    const result = await check(dir)
    projectFailed = result.errors > 0
    const counts = result.errors + result.warnings === 0 ? 'no problems' : summaryLine(result.errors, result.warnings)
    checks.push({
      id: 'project',
      status: result.errors > 0 ? 'fail' : result.warnings > 0 ? 'warn' : 'ok',
      message: `Project ${dir}: ${result.files.length} files, ${counts}`,
      ...(result.errors + result.warnings > 0 ? {hint: 'Run "scorecard check" to see each problem with file:line.'} : {}),
    })
  } else {
    checks.push({id: 'project', status: 'info', message: `Project: none (no ${configFileName} in ${dir})`, hint: 'Create one with "scorecard init".'})
  }

  const otherFailed = checks.some((entry) => entry.status === 'fail' && ['node', 'fonts'].includes(entry.id)) || projectFailed
  const exitCode = browserExit !== 0 ? browserExit : otherFailed ? 1 : 0
  return {checks, pdfReady: browserExit === 0 && location !== undefined, exitCode}
}

/** The report as text, one line per check, hints indented below. */
export function formatDoctorReport(report: DoctorReport, options: {color?: boolean} = {}): string {
  const colors = pc.createColors(options.color ?? false)
  const paint = (status: CheckStatus, text: string): string =>
    ({ok: colors.green, info: colors.cyan, warn: colors.yellow, fail: colors.red})[status](text)
  const symbols: Record<CheckStatus, string> = {ok: '✔', info: 'ℹ', warn: '⚠', fail: '✖'}
  const lines: string[] = []
  for (const entry of report.checks) {
    lines.push(`${paint(entry.status, symbols[entry.status])} ${entry.message}`)
    if (entry.hint) lines.push(`  hint: ${entry.hint}`)
  }
  if (!report.pdfReady) lines.push('PDF output: not possible until the problems marked ✖ are fixed.')
  else if (report.exitCode !== 0) lines.push('PDF output: the browser is ready, but a build would stop at the problems marked ✖.')
  else lines.push('PDF output: ready.')
  return lines.join('\n')
}

function nodeCheck(versionText: string): DoctorCheck {
  const [major = 0, minor = 0] = versionText.replace(/^v/, '').split('.').map(Number)
  const supported = major > minimumNode.major || (major === minimumNode.major && minor >= minimumNode.minor)
  const needed = `${minimumNode.major}.${minimumNode.minor}`
  return supported
    ? {id: 'node', status: 'ok', message: `Node.js ${versionText} (needs ≥ ${needed})`}
    : {id: 'node', status: 'fail', message: `Node.js ${versionText} is too old (needs ≥ ${needed})`, hint: 'Install Node.js 22 or 24 LTS from nodejs.org or your package manager.'}
}

/** `<browser> --version`, bounded. Windows Chrome prints nothing there; that is reported as unknown. */
function browserVersion(executable: string, timeoutMs: number): Promise<{ok: boolean; value: string}> {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], {timeout: timeoutMs, windowsHide: true}, (error, stdout) => {
      const text = String(stdout).trim().split('\n')[0]?.trim() ?? ''
      if (text !== '') resolve({ok: true, value: text})
      else resolve({ok: false, value: error ? error.message.split('\n')[0]! : 'the browser printed no version'})
    })
  })
}

/** Start the browser as `build` does and print a one-page document. */
async function tryPrint(executable: string, timeoutMs: number): Promise<{ok: boolean; check: DoctorCheck}> {
  const started = performance.now()
  try {
    // print.ts owns puppeteer-core; it is loaded only now, as in `build`.
    const {printPdf} = await import('../print/index.js')
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scorecard doctor</title><style>${await fontFaceCss()} body{font-family:var(--font-serif)}</style></head><body><p>Scorecard doctor: Lajčák, Қазақстан ✔ ▲ ◆ ■ ▼</p></body></html>`
    const result = await printPdf(html, {
      browserPath: executable,
      timeoutMs,
      metadata: {title: 'Scorecard doctor', author: 'Scorecard', subject: '', keywords: [], creator: 'Scorecard', lang: 'en', date: new Date(0)},
    })
    const ms = Math.round(performance.now() - started)
    return {ok: true, check: {id: 'browser-launch', status: 'ok', message: `Browser starts and prints (test page: ${result.pageCount} page, ${ms} ms)`}}
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const hint = error instanceof ScorecardError ? error.hint : undefined
    return {
      ok: false,
      check: {
        id: 'browser-launch',
        status: 'fail',
        message: `Browser does not start or print: ${message}`,
        hint: hint ?? 'Point --browser-path or CHROME_PATH at another Chrome, Chromium or Edge.',
      },
    }
  }
}

async function fontsCheck(): Promise<DoctorCheck> {
  try {
    const css = await fontFaceCss()
    const faces = css.match(/@font-face/g)?.length ?? 0
    const megabytes = (Buffer.byteLength(css) / 1024 / 1024).toFixed(1)
    return {id: 'fonts', status: 'ok', message: `Fonts: ${serifFamily}, ${sansFamily}, DejaVu Sans (status symbols); ${faces} faces, ${megabytes} MB inlined`}
  } catch (error) {
    return {
      id: 'fonts',
      status: 'fail',
      message: `Fonts: the bundled fonts could not be read: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Reinstall dependencies (npm ci); the @fontsource packages are missing or damaged.',
    }
  }
}
