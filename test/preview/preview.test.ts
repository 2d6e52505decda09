/**
 * `scorecard preview` against a real server and a real headless Chromium page.
 */
import {spawn} from 'node:child_process'
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {request} from 'node:http'
import {connect} from 'node:net'
import {networkInterfaces, tmpdir} from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser, type Page} from 'puppeteer-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser, launchArgs, sandboxDecision} from '../../src/print/browser.js'
import {startPreview, type PreviewServer, type RebuildOutcome} from '../../src/preview/index.js'
import {createSession} from '../../src/preview/session.js'
import {newPriority} from '../../src/author/new.js'
import {authorProject} from '../author-helpers.js'
import {repoRoot} from '../helpers.js'

const project = authorProject
const fixture = 'preview'

/** Poll `probe` until it returns a value other than undefined, or fail after `timeoutMs`. */
async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A raw GET, so the Host header can be set freely. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{status: number; headers: Record<string, unknown>; body: string}> {
  return new Promise((resolve, reject) => {
    const req = request(url, {method, headers}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body}))
    })
    req.on('error', reject)
    req.end()
  })
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({host, port})
    socket.setTimeout(2000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

/** Text of the report frame that is on screen. */
function frontText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe.front')
    return frame?.contentDocument?.body?.textContent ?? ''
  })
}

function overlay(page: Page): Promise<{hidden: boolean; text: string; className: string; bold: number}> {
  return page.evaluate(() => {
    const element = document.getElementById('scorecard-overlay')!
    return {hidden: element.hidden, text: element.textContent ?? '', className: element.className, bold: element.querySelectorAll('#overlay-list b').length}
  })
}

describe('preview server', () => {
  let dir: string
  let preview: PreviewServer | undefined

  beforeAll(async () => {
    dir = await project(fixture)
    preview = await startPreview(dir, {port: 0})
  })

  afterAll(async () => {
    await preview?.close()
  })

  it('binds to 127.0.0.1 only by default', async () => {
    expect(preview!.host).toBe('127.0.0.1')
    expect(preview!.url).toBe(`http://127.0.0.1:${preview!.port}/`)
    expect(await canConnect('127.0.0.1', preview!.port)).toBe(true)
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4')
    if (external) expect(await canConnect(external.address, preview!.port)).toBe(false)
  })

  it('serves a shell whose only script is nonce’d, and the report with script forbidden', async () => {
    const shell = await get(preview!.url)
    expect(shell.status).toBe(200)
    const csp = String(shell.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(shell.body).toContain(`<script nonce="${nonce}">`)
    expect(shell.body.match(/<script/g)).toHaveLength(1)
    // The report frame may never run script, whatever the template says.
    expect(shell.body).toMatch(/<iframe id="frame-0"[^>]*sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"/)
    expect(shell.body).not.toContain('allow-scripts')

    const report = await get(`${preview!.url}report.html`)
    expect(report.status).toBe(200)
    expect(String(report.headers['content-security-policy'])).toContain("script-src 'none'")
    expect(report.body).toContain('Original assessment of media freedom.')
    expect(report.body).not.toContain('EventSource')
  })

  it('refuses other Host headers (DNS rebinding), other methods and unknown paths', async () => {
    expect((await get(preview!.url, {Host: 'attacker.example'})).status).toBe(403)
    expect((await get(preview!.url, {Host: `localhost:${preview!.port}`})).status).toBe(200)
    expect((await get(preview!.url, {}, 'POST')).status).toBe(405)
    expect((await get(`${preview!.url}../../etc/passwd`)).status).toBe(404)
  })

  it('streams the state as server-sent events', async () => {
    const state = await new Promise<string>((resolve, reject) => {
      const req = request(`${preview!.url}events`, (response) => {
        expect(response.headers['content-type']).toContain('text/event-stream')
        response.setEncoding('utf8')
        let text = ''
        response.on('data', (chunk: string) => {
          text += chunk
          if (text.includes('\n\n', text.indexOf('data:'))) {
            req.destroy()
            resolve(text)
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    const data = JSON.parse(/^data: (.*)$/m.exec(state)![1]!) as {ok: boolean; hasReport: boolean; warnings: number; diagnostics: {ruleId: string; href: string}[]}
    expect(data).toMatchObject({ok: true, hasReport: true, shows: 'current', warnings: 1})
    expect(data.diagnostics.map((d) => d.ruleId)).toEqual(['missing-stated'])
    // Each place links into the editor (Visual Studio Code by default), with the absolute path.
    expect(data.diagnostics[0]!.href).toBe(`vscode://file/${path.join(dir, 'priorities', 'media.md')}:2:1`)
  })
})

describe('preview of the bundled example', () => {
  it('renders a one-file prose edit alone, and serves the same bytes a full build would', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scorecard-preview-example-'))
    for (const entry of ['scorecard.yml', 'priorities', 'evidence', 'report', 'assets', 'editions'])
      await cp(path.join(repoRoot, entry), path.join(dir, entry), {recursive: true})
    const outcomes: RebuildOutcome[] = []
    const preview = await startPreview(dir, {port: 0, onRebuild: (outcome) => outcomes.push(outcome)})
    try {
      const file = path.join(dir, 'priorities', 'afghanistan.md')
      await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n\nA paragraph written while the preview runs.\n`)
      const outcome = await until(() => outcomes.find((entry) => entry.changed.includes('priorities/afghanistan.md')), 'the rebuild')
      expect(outcome).toMatchObject({mode: 'fragment', updated: true, changed: ['priorities/afghanistan.md']})
      expect(outcome.state).toMatchObject({ok: true, errors: 0})
      const served = (await get(`${preview.url}report.html`)).body
      expect(served).toContain('A paragraph written while the preview runs.')
      const full = await createSession(dir).update()
      expect(served).toBe(full.html)
    } finally {
      await preview.close()
    }
  })
})

describe('preview in a real browser', () => {
  let browser: Browser
  let profile: string
  let dir: string
  let preview: PreviewServer | undefined

  beforeAll(async () => {
    profile = await mkdtemp(path.join(tmpdir(), 'scorecard-preview-profile-'))
    // The printing flags make every host unresolvable; the preview must still reach 127.0.0.1.
    const args = launchArgs(sandboxDecision()).map((arg) =>
      arg.startsWith('--host-resolver-rules=') ? `${arg}, EXCLUDE 127.0.0.1` : arg,
    )
    browser = await puppeteer.launch({executablePath: findBrowser().path, args, userDataDir: profile})
  })

  afterEach(async () => {
    await preview?.close()
    preview = undefined
  })

  afterAll(async () => {
    await browser?.close()
    await rm(profile, {recursive: true, force: true})
  })

  it('shows an edit without a manual reload, renders what it can beside the errors, and recovers', async () => {
    dir = await project(fixture)
    preview = await startPreview(dir, {port: 0})
    const page = await browser.newPage()
    try {
      await page.goto(preview.url)
      await until(async () => ((await frontText(page)).includes('Original assessment of media freedom.') ? true : undefined), 'the first render')
      // Set on the shell page: a full reload would lose it.
      await page.evaluate(() => ((window as unknown as {marker: number}).marker = 42))

      const file = path.join(dir, 'priorities', 'media.md')
      const original = await readFile(file, 'utf8')
      const edited = original.replace('Original assessment of media freedom.', 'Edited assessment, live.')
      const started = Date.now()
      await writeFile(file, edited)
      await until(async () => ((await frontText(page)).includes('Edited assessment, live.') ? true : undefined), 'the edit to show')
      const elapsed = Date.now() - started
      console.info(`preview: the edit showed in ${elapsed} ms`)
      expect(elapsed).toBeLessThan(3000)
      expect(await page.evaluate(() => (window as unknown as {marker?: number}).marker)).toBe(42)
      // Only warnings: the overlay is the small bar, collapsed.
      const warned = await overlay(page)
      expect(warned.hidden).toBe(false)
      expect(warned.className).toBe('warnings')

      // An error: the overlay names file:line:col and the rule; the content is rendered as far as it goes.
      await writeFile(file, edited.replace('status: stalled', 'status: <b>stalld</b>').replace('Edited assessment, live.', 'Edited again, with an error.'))
      const failed = await until(async () => {
        const state = await overlay(page)
        return state.className === 'errors' && state.text.includes('unknown-status') ? state : undefined
      }, 'the error overlay')
      expect(failed.hidden).toBe(false)
      expect(failed.text).toContain('priorities/media.md:5:9')
      expect(failed.text).toContain('Unknown status "<b>stalld</b>"')
      expect(failed.text).toContain('showing what can be rendered')
      // Diagnostics are text: content never becomes markup in the overlay.
      expect(failed.bold).toBe(0)
      await until(async () => ((await frontText(page)).includes('Edited again, with an error.') ? true : undefined), 'the best-effort render')
      expect(preview.state).toMatchObject({ok: false, shows: 'partial', errors: 1})
      // The place is a link into the editor.
      const link = await page.$eval('#overlay-list a.where', (a) => ({href: a.getAttribute('href'), text: a.textContent}))
      expect(link).toEqual({href: `vscode://file/${file}:5:9`, text: 'priorities/media.md:5:9'})
      const visible = await page.evaluate(() => {
        const element = document.getElementById('scorecard-overlay')!
        const box = element.getBoundingClientRect()
        return box.height > 0 && getComputedStyle(element).visibility === 'visible'
      })
      expect(visible).toBe(true)

      // Fixed: the overlay goes back to warnings only and the new text shows.
      await writeFile(file, edited.replace('Edited assessment, live.', 'Fixed and edited again.'))
      await until(async () => ((await frontText(page)).includes('Fixed and edited again.') ? true : undefined), 'the fix to show')
      await until(async () => ((await overlay(page)).className === 'warnings' ? true : undefined), 'the warnings bar')
      expect((await overlay(page)).className).toBe('warnings')
      expect(await page.evaluate(() => (window as unknown as {marker?: number}).marker)).toBe(42)
    } finally {
      await page.close()
    }
  })

  it('renders what it can beside the problems when the project starts broken', async () => {
    // A new priority without evidence, and one whose dimension is misspelt.
    dir = await project(fixture, [{file: 'priorities/media.md', replace: 'dimension: human', with: 'dimension: humn'}])
    // As `scorecard new priority` makes it: no evidence yet, which is an error (no-evidence).
    await newPriority(dir, {title: 'A priority just begun', dimension: 'security', status: 'achieved'})
    preview = await startPreview(dir, {port: 0, editorUrl: 'idea://open?file={file}&line={line}&column={column}'})
    expect(preview.state).toMatchObject({ok: false, hasReport: true, shows: 'partial'})
    expect(preview.state.errors).toBeGreaterThanOrEqual(2)
    const page = await browser.newPage()
    try {
      await page.goto(preview.url)
      const shown = await until(async () => {
        const state = await overlay(page)
        return state.text.includes('unknown-dimension') ? state : undefined
      }, 'the overlay')
      expect(shown.text).toContain('priorities/media.md:4:12')
      expect(shown.text).toContain('did you mean "human"?')
      expect(shown.text).toContain('showing what can be rendered')
      expect(shown.text).toContain('priorities/a-priority-just-begun.md:2:5')
      expect(shown.text).toContain('no-evidence')
      // The rest of the report is there, the new priority included.
      const text = await until(async () => {
        const front = await frontText(page)
        return front.includes('A priority just begun') ? front : undefined
      }, 'the best-effort render')
      expect(text).toContain('Ministers backed the mission in principle')
      expect(text).not.toContain('Nothing rendered yet')
      // The links follow the template given, the path escaped.
      const hrefs = await page.$$eval('#overlay-list a.where', (links) => links.map((a) => a.getAttribute('href')))
      expect(hrefs).toContain(`idea://open?file=${path.join(dir, 'priorities', 'media.md')}&line=4&column=12`)
    } finally {
      await page.close()
    }
  })

  it('shows the problems and a placeholder when nothing can be rendered (scorecard.yml is broken)', async () => {
    dir = await project(fixture, [{file: 'scorecard.yml', replace: 'asOf: 2010-10-31', with: 'asOf: 2010-13-31'}])
    preview = await startPreview(dir, {port: 0, editorUrl: 'none'})
    expect(preview.state).toMatchObject({ok: false, hasReport: false, shows: 'none'})
    const page = await browser.newPage()
    try {
      await page.goto(preview.url)
      const shown = await until(async () => {
        const state = await overlay(page)
        return state.text.includes('scorecard.yml') ? state : undefined
      }, 'the overlay')
      expect(shown.text).toContain('nothing rendered yet')
      // Links off: the place is plain text.
      expect(await page.$$eval('#overlay-list a', (links) => links.length)).toBe(0)
      await until(async () => ((await frontText(page)).includes('Nothing rendered yet') ? true : undefined), 'the placeholder')
    } finally {
      await page.close()
    }
  })

  it('refuses an editor URL that could run script, before serving anything', async () => {
    dir = await project(fixture)
    await expect(startPreview(dir, {port: 0, editorUrl: 'javascript:alert(1)//{file}'})).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('"javascript:" scheme, which is not allowed'),
    })
  })

  it('stops cleanly with a page connected', async () => {
    dir = await project(fixture)
    const server = await startPreview(dir, {port: 0})
    preview = server
    const page = await browser.newPage()
    try {
      await page.goto(server.url)
      await until(async () => ((await page.$eval('#scorecard-status', (el) => el.textContent)) === 'Live' ? true : undefined), 'the live status')
      const started = Date.now()
      await server.close()
      expect(Date.now() - started).toBeLessThan(2000)
      expect(await canConnect('127.0.0.1', server.port)).toBe(false)
      await until(async () => ((await page.$eval('#scorecard-status', (el) => (el as HTMLElement).dataset.state)) === 'disconnected' ? true : undefined), 'the page to notice')
      // A second close is harmless.
      await server.close()
    } finally {
      await page.close()
    }
  })
})

describe('scorecard preview (real binary)', () => {
  /** The first `state` event of `/events`. */
  function firstState(url: string): Promise<{shows: string; diagnostics: {file: string; href: string | null}[]}> {
    return new Promise((resolve, reject) => {
      const req = request(`${url}events`, (response) => {
        response.setEncoding('utf8')
        let text = ''
        response.on('data', (chunk: string) => {
          text += chunk
          const data = /^data: (.*)$/m.exec(text)
          if (data && text.includes('\n\n', text.indexOf('data:'))) {
            req.destroy()
            resolve(JSON.parse(data[1]!))
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('renders what it can with errors, and links each place with --editor-url over HTTP', async () => {
    const dir = await project(fixture, [{file: 'priorities/media.md', replace: 'dimension: human', with: 'dimension: humn'}])
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'scorecard.js'), 'preview', dir, '--port', '0', '--editor-url', 'subl://open?url=file://{file}&line={line}&column={column}'],
      {env: {...process.env, NO_COLOR: '1', SCORECARD_EDITOR_URL: 'cursor://file/{file}:{line}'}, stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const url = await until(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr)?.[0], 'the preview URL', 15_000)
      expect(stderr).toContain('priorities/media.md:4:12')
      expect(stderr).toContain('Showing what can be rendered; fix the errors above for the rest.')
      const report = await get(`${url}report.html`)
      expect(report.body).toContain('Ministers backed the mission in principle')
      const state = await firstState(url)
      expect(state.shows).toBe('partial')
      // The option wins over the environment variable.
      const media = state.diagnostics.find((d) => d.file === 'priorities/media.md')!
      expect(media.href).toBe(`subl://open?url=file://${path.join(dir, 'priorities', 'media.md')}&line=4&column=12`)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('refuses a javascript: or data: editor URL from the environment with exit code 2', async () => {
    const dir = await project(fixture)
    for (const template of ['javascript:alert(1)//{file}', 'data:text/html,{file}']) {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'scorecard.js'), 'preview', dir, '--port', '0'], {
        env: {...process.env, NO_COLOR: '1', SCORECARD_EDITOR_URL: template},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const code = await new Promise<number | null>((resolve) => child.once('exit', (exit) => resolve(exit)))
      expect(code).toBe(2)
      expect(stderr).toContain(`SCORECARD_EDITOR_URL uses the "${template.split(':')[0]}:" scheme, which is not allowed for editor links`)
      expect(stderr).toContain('vscode://file/{file}:{line}:{column}')
      expect(stderr).not.toContain('http://127.0.0.1')
    }
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves, then stops cleanly on ${signal}`, async () => {
      const dir = await project(fixture)
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'scorecard.js'), 'preview', dir, '--port', '0'], {
        env: {...process.env, NO_COLOR: '1'},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      let stdout = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      try {
        const url = await until(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(stderr)?.[0], 'the preview URL', 15_000)
        expect((await get(url)).status).toBe(200)
        child.kill(signal)
        const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000))])
        expect(code).toBe(0)
        expect(stderr).toContain('Preview stopped.')
        expect(stdout).toBe('')
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL')
      }
    })
  }
})
