/**
 * Browser discovery and launch arguments.
 *
 * Nothing here imports puppeteer-core: `check` and `--help` load this module
 * without paying for the browser driver. Every function takes its environment
 * as arguments so that tests can run the Linux, macOS and Windows searches on
 * any machine.
 */
import {accessSync, constants, statSync} from 'node:fs'
import path from 'node:path'
import {ScorecardError} from '../core/errors.js'

/** Where a browser executable was found, and which rule found it. */
export interface BrowserLocation {
  path: string
  source: 'option' | 'CHROME_PATH' | 'PUPPETEER_EXECUTABLE_PATH' | 'system'
}

/** Inputs of {@link findBrowser}; each defaults to the running process. */
export interface FindBrowserOptions {
  /** `--browser-path`: wins over everything else. */
  browserPath?: string | undefined
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  /** Whether `p` is an executable file. */
  exists?: (p: string) => boolean
}

const installAdvice =
  'Install one (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium; ' +
  'Windows: install Google Chrome or Microsoft Edge), or set CHROME_PATH or --browser-path to its executable.'

/**
 * Find a Chrome, Chromium or Edge executable: `browserPath`, then
 * `CHROME_PATH`, then `PUPPETEER_EXECUTABLE_PATH`, then the usual install
 * locations of the platform.
 *
 * A path the user gave that does not exist is an error naming it: falling
 * through to another browser would print with something they did not ask for.
 *
 * @throws {ScorecardError} `NOT_FOUND_BROWSER`
 */
export function findBrowser(options: FindBrowserOptions = {}): BrowserLocation {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const exists = options.exists ?? isExecutableFile

  const explicit: Array<[BrowserLocation['source'], string | undefined, string]> = [
    ['option', options.browserPath, '--browser-path'],
    ['CHROME_PATH', getEnv(env, 'CHROME_PATH', platform), 'the CHROME_PATH environment variable'],
    [
      'PUPPETEER_EXECUTABLE_PATH',
      getEnv(env, 'PUPPETEER_EXECUTABLE_PATH', platform),
      'the PUPPETEER_EXECUTABLE_PATH environment variable',
    ],
  ]
  for (const [source, value, origin] of explicit) {
    if (value === undefined || value === '') continue
    if (exists(value)) return {path: value, source}
    throw new ScorecardError('NOT_FOUND_BROWSER', `No browser executable at ${value} (from ${origin}).`, {
      hint: `Check the path, or unset it to let Scorecard search the usual locations. ${installAdvice}`,
    })
  }

  const candidates = browserCandidates(platform, env)
  const found = candidates.find((candidate) => exists(candidate))
  if (found !== undefined) return {path: found, source: 'system'}
  throw new ScorecardError('NOT_FOUND_BROWSER', `No Chrome, Chromium or Edge browser was found. ${installAdvice}`, {
    hint: `Searched: ${candidates.join(', ')}`,
  })
}

/** The usual install locations of Chromium-based browsers on `platform`, most preferred first. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = ['LOCALAPPDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)']
      .map((name) => getEnv(env, name, platform))
      .filter((root): root is string => root !== undefined && root !== '')
    const programs = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ]
    return unique(programs.flatMap((parts) => roots.map((root) => path.win32.join(root, ...parts))))
  }

  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ]
    const home = getEnv(env, 'HOME', platform)
    const folders = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])]
    return unique([
      ...apps.flatMap((app) => folders.map((folder) => path.posix.join(folder, app))),
      ...onPath(env, platform, ['chromium', 'google-chrome']),
    ])
  }

  // Linux and the BSDs: distribution packages first, then vendor packages, then PATH
  // (which catches NixOS, Homebrew on Linux and custom installs).
  return unique([
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    ...onPath(env, platform, [
      'chromium',
      'chromium-browser',
      'google-chrome-stable',
      'google-chrome',
      'microsoft-edge-stable',
      'microsoft-edge',
    ]),
  ])
}

/** Inputs of {@link sandboxDecision}; each defaults to the running process. */
export interface SandboxOptions {
  uid?: number | undefined
  env?: NodeJS.ProcessEnv
  exists?: (p: string) => boolean
}

/**
 * Whether Chromium must run with `--no-sandbox`, and why.
 *
 * Chromium refuses to start as root with its sandbox on, and inside most
 * containers the sandbox cannot create its namespaces. Everywhere else the
 * sandbox stays on.
 */
export function sandboxDecision(options: SandboxOptions = {}): {noSandbox: boolean; reason?: string} {
  const uid = 'uid' in options ? options.uid : process.getuid?.()
  const env = options.env ?? process.env
  const exists = options.exists ?? pathExists
  if (uid === 0) {
    return {noSandbox: true, reason: env['CI'] ? 'running as root in CI' : 'running as root'}
  }
  if (exists('/.dockerenv') || exists('/run/.containerenv')) {
    return {noSandbox: true, reason: 'running in a container'}
  }
  return {noSandbox: false}
}

/**
 * Chromium arguments for printing (puppeteer adds `--headless=new` itself):
 * nothing that phones home, nothing that depends on the GPU, and no sandbox
 * only when {@link sandboxDecision} says so.
 *
 * `--host-resolver-rules` makes every host name unresolvable, so even traffic
 * that never becomes an interceptable request (DNS prefetch, preconnect)
 * cannot leave the machine. `--font-render-hinting=none` keeps glyph advances
 * unhinted, so line breaks (and thus page numbers) match across machines.
 */
export function launchArgs(options: {noSandbox: boolean}): string[] {
  return [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-extensions',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--font-render-hinting=none',
    ...(options.noSandbox ? ['--no-sandbox'] : []),
  ]
}

/** Whether `p` is a file this process may execute. */
export function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false
    accessSync(p, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function pathExists(p: string): boolean {
  try {
    statSync(p)
    return true
  } catch {
    return false
  }
}

/** Environment lookup that is case-insensitive on Windows, as the real `process.env` is there. */
function getEnv(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name]
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase())
  return key === undefined ? undefined : env[key]
}

function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, names: string[]): string[] {
  const dirs = (getEnv(env, 'PATH', platform) ?? '').split(':').filter((dir) => path.posix.isAbsolute(dir))
  return names.flatMap((name) => dirs.map((dir) => path.posix.join(dir, name)))
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
