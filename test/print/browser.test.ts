import {describe, expect, it} from 'vitest'
import {browserCandidates, findBrowser, isExecutableFile, launchArgs, sandboxDecision} from '../../src/print/browser.js'
import {ScorecardError} from '../../src/core/errors.js'

/** An `exists` that knows only the given paths. */
const only =
  (...paths: string[]) =>
  (p: string): boolean =>
    paths.includes(p)

const linux = {platform: 'linux' as const, env: {PATH: '/usr/local/bin:/usr/bin'}}

function thrown(fn: () => unknown): ScorecardError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ScorecardError)
    return error as ScorecardError
  }
  throw new Error('expected an error')
}

describe('findBrowser', () => {
  it('prefers --browser-path, then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then the usual places', () => {
    const exists = only('/opt/a/chrome', '/opt/b/chrome', '/opt/c/chrome', '/usr/bin/chromium')
    const env = {CHROME_PATH: '/opt/b/chrome', PUPPETEER_EXECUTABLE_PATH: '/opt/c/chrome'}
    expect(findBrowser({browserPath: '/opt/a/chrome', env, platform: 'linux', exists})).toEqual({
      path: '/opt/a/chrome',
      source: 'option',
    })
    expect(findBrowser({env, platform: 'linux', exists})).toEqual({path: '/opt/b/chrome', source: 'CHROME_PATH'})
    expect(findBrowser({env: {PUPPETEER_EXECUTABLE_PATH: '/opt/c/chrome'}, platform: 'linux', exists})).toEqual({
      path: '/opt/c/chrome',
      source: 'PUPPETEER_EXECUTABLE_PATH',
    })
    expect(findBrowser({env: {}, platform: 'linux', exists})).toEqual({path: '/usr/bin/chromium', source: 'system'})
  })

  it('treats an empty variable as unset', () => {
    const found = findBrowser({env: {CHROME_PATH: ''}, platform: 'linux', exists: only('/usr/bin/chromium')})
    expect(found).toEqual({path: '/usr/bin/chromium', source: 'system'})
  })

  it('does not fall through when a path the user gave is missing', () => {
    const exists = only('/usr/bin/chromium')
    const option = thrown(() => findBrowser({browserPath: '/nope/chrome', env: {}, platform: 'linux', exists}))
    expect(option.code).toBe('NOT_FOUND_BROWSER')
    expect(option.message).toContain('/nope/chrome')
    expect(option.message).toContain('--browser-path')

    const fromEnv = thrown(() => findBrowser({env: {CHROME_PATH: '/gone/chrome'}, platform: 'linux', exists}))
    expect(fromEnv.message).toContain('/gone/chrome')
    expect(fromEnv.message).toContain('CHROME_PATH')

    const fromPuppeteer = thrown(() =>
      findBrowser({env: {PUPPETEER_EXECUTABLE_PATH: '/gone/pptr'}, platform: 'linux', exists}),
    )
    expect(fromPuppeteer.message).toContain('PUPPETEER_EXECUTABLE_PATH')
  })

  it('says how to install a browser when none is found', () => {
    const error = thrown(() => findBrowser({env: {}, platform: 'linux', exists: () => false}))
    expect(error.code).toBe('NOT_FOUND_BROWSER')
    expect(error.exitCode).toBe(4)
    expect(error.message).toContain('apt-get install chromium')
    expect(error.message).toContain('brew install --cask chromium')
    expect(error.message).toContain('CHROME_PATH')
    expect(error.message).toContain('--browser-path')
    expect(error.hint).toContain('/usr/bin/chromium')
  })

  it('checks Linux packages in order, then PATH', () => {
    const candidates = browserCandidates('linux', linux.env)
    expect(candidates.slice(0, 6)).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/google-chrome',
      '/snap/bin/chromium',
      '/opt/google/chrome/chrome',
    ])
    expect(candidates).toContain('/usr/bin/microsoft-edge')
    expect(candidates).toContain('/usr/local/bin/chromium')
    expect(new Set(candidates).size).toBe(candidates.length)
    expect(findBrowser({...linux, exists: only('/usr/bin/google-chrome', '/snap/bin/chromium')}).path).toBe(
      '/usr/bin/google-chrome',
    )
    expect(
      findBrowser({platform: 'linux', env: {PATH: '/nix/profile/bin'}, exists: only('/nix/profile/bin/chromium')}).path,
    ).toBe('/nix/profile/bin/chromium')
  })

  it('finds app bundles on macOS, in /Applications and ~/Applications', () => {
    const env = {HOME: '/Users/ana'}
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    const userChromium = '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium'
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    expect(browserCandidates('darwin', env)[0]).toBe(chrome)
    expect(findBrowser({platform: 'darwin', env, exists: only(userChromium, edge)}).path).toBe(userChromium)
    expect(findBrowser({platform: 'darwin', env, exists: only(edge)}).path).toBe(edge)
  })

  it('finds Chrome and Edge on Windows, whatever the case of the variable names', () => {
    const env = {
      LocalAppData: 'C:\\Users\\ana\\AppData\\Local',
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    }
    const candidates = browserCandidates('win32', env)
    expect(candidates[0]).toBe('C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe')
    expect(candidates).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
    expect(candidates).toContain(edge)
    expect(findBrowser({platform: 'win32', env, exists: only(edge)})).toEqual({path: edge, source: 'system'})
    expect(findBrowser({platform: 'win32', env: {chrome_path: 'D:\\c.exe'}, exists: only('D:\\c.exe')}).source).toBe(
      'CHROME_PATH',
    )
  })

  it('finds a real browser on this machine', () => {
    const found = findBrowser()
    expect(isExecutableFile(found.path)).toBe(true)
  })
})

describe('isExecutableFile', () => {
  it('accepts executables and rejects folders, plain files and missing paths', () => {
    expect(isExecutableFile(process.execPath)).toBe(true)
    expect(isExecutableFile('/')).toBe(false)
    expect(isExecutableFile(new URL(import.meta.url).pathname)).toBe(false)
    expect(isExecutableFile('/definitely/not/here')).toBe(false)
  })
})

describe('sandboxDecision', () => {
  const nothing = () => false
  it('keeps the sandbox for an ordinary user outside containers', () => {
    expect(sandboxDecision({uid: 1000, env: {}, exists: nothing})).toEqual({noSandbox: false})
    expect(sandboxDecision({uid: undefined, env: {CI: 'true'}, exists: nothing})).toEqual({noSandbox: false})
  })

  it('drops it for root, and says why', () => {
    expect(sandboxDecision({uid: 0, env: {}, exists: nothing})).toEqual({noSandbox: true, reason: 'running as root'})
    expect(sandboxDecision({uid: 0, env: {CI: 'true'}, exists: nothing}).reason).toBe('running as root in CI')
  })

  it('drops it in Docker and Podman containers', () => {
    expect(sandboxDecision({uid: 1000, env: {}, exists: only('/.dockerenv')})).toEqual({
      noSandbox: true,
      reason: 'running in a container',
    })
    expect(sandboxDecision({uid: 1000, env: {}, exists: only('/run/.containerenv')}).noSandbox).toBe(true)
  })
})

describe('launchArgs', () => {
  it('turns off everything that talks to the network or the GPU', () => {
    const args = launchArgs({noSandbox: false})
    for (const flag of [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ])
      expect(args).toContain(flag)
    expect(args).not.toContain('--no-sandbox')
    expect(launchArgs({noSandbox: true})).toContain('--no-sandbox')
  })
})
