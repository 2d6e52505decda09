/**
 * `scorecard preview`: serve the HTML report on 127.0.0.1, rebuild it when a
 * source changes, and update the open page by itself.
 *
 * Each rebuild runs check and render in memory through a session
 * (session.ts): one parse cache for the whole preview, so only changed
 * bodies are parsed again, and a one-file prose edit is rendered alone and
 * put in place. `out/` is never written. When the check finds errors, what can be rendered
 * still is (the content that passed validation) and the diagnostics appear over it; when
 * nothing can be, the last render stays on screen. Each diagnostic's place links into the
 * editor (editor-url.ts). Pages get updates through server-sent events; see `client.ts`
 * for the page.
 */
import {randomBytes} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {watch, type FSWatcher} from 'chokidar'
import type {VFile} from 'vfile'
import {allMessages} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {toPosixPath} from '../core/paths.js'
import {createSession} from './session.js'
import {configFileName, loadProject} from '../load/index.js'
import {placeholderPage, shellPage} from './client.js'
import {editorLink, parseEditorUrl} from './editor-url.js'

/** Default port; when it is taken (and no port was asked for), the next free one is used. */
export const defaultPreviewPort = 4400

/** Options of {@link startPreview}. */
export interface PreviewOptions {
  /** Port to listen on; 0 picks a free one. Default {@link defaultPreviewPort}, or the next free port after it. */
  port?: number
  /** Interface to bind. Default `127.0.0.1`: only this machine can connect. */
  host?: string
  /** Wait this long after the last change before rebuilding, in ms. Default 60. */
  debounceMs?: number
  /**
   * Template of the link behind each diagnostic's place in the overlay, with
   * `{file}` (absolute path), `{line}` and `{column}`; `''` or `none`: no
   * links. Default `vscode://file/{file}:{line}:{column}`. Schemes such as
   * `javascript:` and `data:` are refused (see editor-url.ts).
   */
  editorUrl?: string
  /** What to call the editor URL's origin in an error message. Default `editorUrl`. */
  editorUrlFrom?: string
  /** Called after every rebuild, with the files checked (undefined when the build failed outright). */
  onRebuild?: (outcome: RebuildOutcome) => void
}

/** One diagnostic as the page shows it. */
export interface PreviewDiagnostic {
  file: string
  line: number
  column: number
  severity: 'error' | 'warning' | 'info'
  reason: string
  ruleId: string
  hint: string | null
  /** The link that opens this place in the editor, or null when links are off. */
  href: string | null
}

/** What the page knows: sent as the `state` event. */
export interface PreviewState {
  /** Increments whenever the served report changes. */
  version: number
  /** Whether a rebuild is running. */
  building: boolean
  /** Whether the last rebuild rendered (no errors, no operational failure). */
  ok: boolean
  errors: number
  warnings: number
  diagnostics: PreviewDiagnostic[]
  /** An operational failure (a template error, scorecard.yml gone), if any. */
  error: string | null
  /** Whether a report has been rendered at all (otherwise a placeholder is served). */
  hasReport: boolean
  /**
   * What the served report shows: `current` (the content as it is, no
   * errors), `partial` (the content as it is, rendered as far as its errors
   * allow), `previous` (an earlier render: this content could not be
   * rendered at all), `none` (the placeholder).
   */
  shows: 'current' | 'partial' | 'previous' | 'none'
}

/** The result of one rebuild, for the terminal. */
export interface RebuildOutcome {
  state: PreviewState
  files: VFile[] | undefined
  /** Project-relative paths that changed since the previous rebuild (empty for the first). */
  changed: string[]
  /** Whether the served report changed. */
  updated: boolean
  /** `fragment` when a one-file prose edit was rendered alone (see session.ts), else `full`. */
  mode: 'full' | 'fragment'
  ms: number
}

/** A running preview. */
export interface PreviewServer {
  /** `http://127.0.0.1:4400/` */
  url: string
  host: string
  port: number
  /** Absolute project folder. */
  root: string
  readonly state: PreviewState
  /** Rebuild now (changes trigger this by themselves). */
  rebuild(): Promise<PreviewState>
  /** Stop watching, end every connection and close the server. Safe to call twice. */
  close(): Promise<void>
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])
const heartbeatMs = 25_000
const severityRank: Readonly<Record<PreviewDiagnostic['severity'], number>> = {error: 0, warning: 1, info: 2}

/**
 * Start a preview of the project in `dir`: one build, then a server and a
 * file watcher. Resolves once both are ready.
 *
 * @throws {ScorecardError} `NOT_FOUND_PROJECT` without scorecard.yml;
 *   `INVALID_OPTION` when the port asked for is taken or the host cannot be bound.
 */
export async function startPreview(dir: string, options: PreviewOptions = {}): Promise<PreviewServer> {
  const root = path.resolve(dir)
  const editor = parseEditorUrl(options.editorUrl, options.editorUrlFrom ?? 'editorUrl')
  // Fails fast, with the usual hint, outside a project.
  await loadProject(root, {cwd: root})

  const host = options.host ?? '127.0.0.1'
  const debounceMs = options.debounceMs ?? 60
  const session = createSession(root)
  const clients = new Set<ServerResponse>()
  let html: string | undefined
  // The report as UTF-8, encoded once per update rather than on every request (16 MB at 1,000 priorities).
  let page: Buffer | undefined
  let state: PreviewState = {version: 0, building: true, ok: false, errors: 0, warnings: 0, diagnostics: [], error: null, hasReport: false, shows: 'none'}

  const broadcast = (): void => {
    const frame = `event: state\ndata: ${JSON.stringify(state)}\n\n`
    for (const client of clients) client.write(frame)
  }

  const changed = new Set<string>()
  const build = async (): Promise<void> => {
    const started = performance.now()
    const changes = [...changed].sort()
    changed.clear()
    state = {...state, building: true}
    broadcast()
    let files: VFile[] | undefined
    let updated = false
    let mode: RebuildOutcome['mode'] = 'full'
    try {
      // A watcher reports every change, so a one-file edit can be rendered alone (session.ts).
      const result = await session.update(changes.length > 0 ? changes.map((file) => path.resolve(root, file)) : undefined)
      files = result.files
      mode = result.mode
      const error = result.renderError ? describe(result.renderError) : null
      if (result.html !== undefined) {
        // Compared as bytes: the session's HTML is a rope (render/index.ts), and its bytes are mostly encoded already.
        const next = result.bytes() ?? Buffer.from(result.html)
        if (page === undefined || !next.equals(page)) {
          html = result.html
          page = next
          updated = true
        }
      }
      const shows: PreviewState['shows'] = result.html !== undefined ? (result.partial ? 'partial' : 'current') : html === undefined ? 'none' : 'previous'
      state = {
        version: state.version + (updated ? 1 : 0),
        building: false,
        ok: result.errors === 0 && error === null,
        errors: result.errors,
        warnings: result.warnings,
        // Errors first: they are what stops the page from updating.
        diagnostics: allMessages(result.files)
          .map((message) => toDiagnostic(message, root, editor))
          .sort((a, b) => severityRank[a.severity] - severityRank[b.severity]),
        error,
        hasReport: html !== undefined,
        shows,
      }
    } catch (failure) {
      const error = failure instanceof ScorecardError ? describe(failure) : `Internal error: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`
      state = {...state, building: false, ok: false, errors: 0, warnings: 0, diagnostics: [], error, shows: html === undefined ? 'none' : 'previous'}
    }
    broadcast()
    options.onRebuild?.({state, files, changed: changes, updated, mode, ms: Math.round(performance.now() - started)})
  }

  let closing: Promise<void> | undefined
  // One rebuild at a time; changes during a rebuild cause exactly one more.
  let running: Promise<void> | undefined
  let again = false
  const rebuild = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = build().finally(() => {
      running = undefined
      if (again && !closing) {
        again = false
        void rebuild()
      }
    })
    return running
  }

  await rebuild()

  const server = createServer((request, response) => handle(request, response))
  const port = await listen(server, host, options.port)
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${urlHost}:${port}/`
  const loopback = loopbackHosts.has(host)
  const allowedHosts = new Set([...loopbackHosts].map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`))

  function handle(request: IncomingMessage, response: ServerResponse): void {
    response.setHeader('X-Content-Type-Options', 'nosniff')
    response.setHeader('Referrer-Policy', 'no-referrer')
    response.setHeader('Cache-Control', 'no-store')
    // A page on another site cannot read the preview by pointing a host name at 127.0.0.1 (DNS rebinding).
    if (loopback && !allowedHosts.has(request.headers.host ?? '')) return plain(response, 403, 'Forbidden: unexpected Host header.\n')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      return plain(response, 405, 'Method not allowed.\n')
    }
    const pathname = new URL(request.url ?? '/', 'http://preview.invalid').pathname
    switch (pathname) {
      case '/': {
        const nonce = randomBytes(16).toString('base64')
        response.setHeader(
          'Content-Security-Policy',
          `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        )
        return send(response, request, 'text/html; charset=utf-8', shellPage(nonce))
      }
      case '/report.html':
        // The report's own meta CSP forbids script too; this header also covers templates that drop it.
        response.setHeader(
          'Content-Security-Policy',
          "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
        )
        return send(response, request, 'text/html; charset=utf-8', page ?? placeholderPage())
      case '/events': {
        response.writeHead(200, {'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive'})
        if (request.method === 'HEAD') return void response.end()
        response.write(`retry: 1000\n\nevent: state\ndata: ${JSON.stringify(state)}\n\n`)
        clients.add(response)
        request.on('close', () => clients.delete(response))
        return
      }
      case '/favicon.ico':
        response.writeHead(204)
        return void response.end()
      default:
        return plain(response, 404, 'Not found.\n')
    }
  }

  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n')
  }, heartbeatMs)
  heartbeat.unref()

  let timer: NodeJS.Timeout | undefined
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    ignored: ignoredPaths(root),
    // Editors that save by writing a temporary file and renaming it come out as one change.
    atomic: true,
    // A link such as `assets -> /` (a pull request can add one) would make the
    // watcher walk the whole disk; links are watched as links, never followed.
    followSymlinks: false,
  })
  watcher.on('all', (_event, file) => {
    changed.add(toPosixPath(path.relative(root, file)))
    clearTimeout(timer)
    timer = setTimeout(() => void rebuild(), debounceMs)
  })
  watcher.on('error', () => {
    // A folder that vanished mid-scan; the next change rebuilds anyway.
  })
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))

  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearTimeout(timer)
      clearInterval(heartbeat)
      await watcher.close()
      for (const client of clients) client.end()
      clients.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await running?.catch(() => {})
    })()
    return closing
  }

  return {
    url,
    host,
    port,
    root,
    get state() {
      return state
    },
    async rebuild() {
      await rebuild()
      return state
    },
    close,
  }
}

/** Paths the watcher skips: output, dependencies, version control, dot files and build temporaries. */
function ignoredPaths(root: string): (file: string) => boolean {
  const skipped = new Set(['out', 'node_modules', '.git'])
  return (file) => {
    const relative = path.relative(root, file)
    if (relative === '') return false
    // Nothing outside the project is watched.
    if (relative.startsWith('..') || path.isAbsolute(relative)) return true
    const parts = relative.split(path.sep)
    if (skipped.has(parts[0]!)) return true
    return parts.some((part) => part.startsWith('.') || part.endsWith('~'))
  }
}

async function listen(server: Server, host: string, port: number | undefined): Promise<number> {
  const attempt = (candidate: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        server.off('listening', onListening)
        reject(error)
      }
      const onListening = (): void => {
        server.off('error', onError)
        resolve((server.address() as AddressInfo).port)
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen(candidate, host)
    })
  const candidates = port === undefined ? [...Array.from({length: 10}, (_, i) => defaultPreviewPort + i), 0] : [port]
  for (const candidate of candidates) {
    try {
      return await attempt(candidate)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE' && candidate !== candidates.at(-1)) continue
      throw new ScorecardError('INVALID_OPTION', `Cannot listen on ${host}:${candidate}: ${code === 'EADDRINUSE' ? 'the port is in use' : (error as Error).message}`, {
        cause: error,
        hint: code === 'EADDRINUSE' ? 'Choose another --port, or --port 0 for any free one.' : 'Check --host: it must be an address of this machine.',
      })
    }
  }
  throw new Error('Internal: no port to try')
}

function send(response: ServerResponse, request: IncomingMessage, type: string, body: string | Buffer): void {
  response.writeHead(200, {'Content-Type': type, 'Content-Length': Buffer.byteLength(body)})
  response.end(request.method === 'HEAD' ? undefined : body)
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8'})
  response.end(text)
}

function describe(error: ScorecardError): string {
  return error.hint ? `${error.message}\nhint: ${error.hint}` : error.message
}

function toDiagnostic(message: ReturnType<typeof allMessages>[number], root: string, editor: ReturnType<typeof parseEditorUrl>): PreviewDiagnostic {
  const file = message.file ?? configFileName
  const line = message.line ?? 1
  const column = message.column ?? 1
  return {
    file,
    line,
    column,
    href: editorLink(editor, path.resolve(root, file), line, column) ?? null,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    reason: message.reason,
    ruleId: message.ruleId ?? 'unknown',
    hint: message.note ?? null,
  }
}
