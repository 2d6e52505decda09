/**
 * Progress for long work ("Checked 132 files", "Rendering 19 priorities…",
 * "Printing PDF… pass 2, 42 pages"), on stderr only: stdout carries machine
 * output (`--format json`, `github`) and is never touched here.
 *
 * On an interactive terminal a spinner (ora) shows the running stage and each
 * finished stage stays as a `✔` line. Without a TTY, with `CI` set or with
 * `TERM=dumb`, there are no spinners and no escape codes: finished stages and
 * the start of slow ones are plain lines. `quiet` prints nothing; `verbose`
 * adds detail lines (browser path, sandbox, each PDF pass).
 */
import type {Ora} from 'ora'
import pc from 'picocolors'
import {useColor} from './options.js'

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  quiet?: boolean
  verbose?: boolean
  /** Where to write. Default `process.stderr`. */
  stream?: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
  /** Force spinners on or off; by default on only for a TTY, outside CI, with a capable terminal. */
  interactive?: boolean
  env?: NodeJS.ProcessEnv
}

/** A progress reporter; see {@link createProgress}. */
export interface Progress {
  /** Whether spinners are shown. */
  readonly interactive: boolean
  /**
   * Begin a stage. Interactive: a spinner with `text`. Plain: the line
   * `text` when `announce` is set (for stages slow enough that a log should
   * say they started), nothing otherwise.
   */
  start(text: string, options?: {announce?: boolean; doneText?: string}): void
  /** Change the running stage's text (interactive only). */
  update(text: string): void
  /**
   * Finish the running stage with a `✔ text` line (plain: `text`). Without
   * `text`: the stage's `doneText`, or nothing for a plain stage that was announced.
   */
  done(text?: string): void
  /** Stop the spinner and print a failure line. */
  fail(text: string): void
  /** Print a line (not in quiet mode); a running spinner stays below it. */
  line(text: string): void
  /** Print a line in verbose mode only. */
  detail(text: string): void
  /** Remove the spinner without a trace: before printing a result. */
  stop(): void
  /**
   * A `log` for `build()`: turns its messages (`Rendering N priorities and M
   * excerpts`, browser lines, `PDF pass N: P pages…`, `Printed PDF: …`) into
   * stages, and shows every message as a detail line in verbose mode.
   */
  buildLog(message: string): void
}

/**
 * Whether to draw spinners on `stream`: a TTY of known width, not CI, a
 * terminal that understands escape codes. (A pseudo-terminal without a size,
 * as `script` makes, reports 0 columns; ora would then clear lines forever.)
 */
export function isInteractive(stream: {isTTY?: boolean; columns?: number}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!stream.isTTY) return false
  if (typeof stream.columns === 'number' && !(stream.columns > 0)) return false
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') return false
  return env.TERM !== 'dumb'
}

/** Create a progress reporter. Loads ora only when spinners will be shown. */
export async function createProgress(options: ProgressOptions = {}): Promise<Progress> {
  const stream = options.stream ?? process.stderr
  const env = options.env ?? process.env
  const quiet = options.quiet ?? false
  const verbose = (options.verbose ?? false) && !quiet
  const interactive = !quiet && (options.interactive ?? isInteractive(stream, env))
  const color = interactive && useColor(stream, env)
  const colors = pc.createColors(color)
  const tick = colors.green('✔')
  const cross = colors.red('✖')

  let spinner: Ora | undefined
  if (interactive) {
    const {default: ora} = await import('ora')
    // discardStdin: false, or ora puts stdin in raw mode and Ctrl-C stops reaching `preview`'s handler.
    spinner = ora({stream, discardStdin: false, isEnabled: true, color: color ? 'cyan' : false})
  }

  let running: {text: string; doneText: string | undefined; announced: boolean} | undefined
  const write = (text: string): void => {
    if (spinner?.isSpinning) {
      spinner.clear()
      stream.write(`${text}\n`)
      spinner.render()
    } else stream.write(`${text}\n`)
  }

  const progress: Progress = {
    interactive,
    start(text, startOptions = {}) {
      if (quiet) return
      if (running) progress.done()
      const announced = !spinner && (startOptions.announce ?? false)
      running = {text, doneText: startOptions.doneText, announced}
      if (spinner) spinner.start(text)
      else if (announced) stream.write(`${text}\n`)
    },
    update(text) {
      if (spinner && running) spinner.text = text
    },
    done(text) {
      if (quiet) return
      // A plain stage that announced its start needs no second line unless told what to say.
      const finished = text ?? (running?.announced ? undefined : (running?.doneText ?? running?.text))
      running = undefined
      if (spinner) {
        spinner.stop()
        if (finished !== undefined) stream.write(`${tick} ${finished}\n`)
      } else if (finished !== undefined) stream.write(`${finished}\n`)
    },
    fail(text) {
      running = undefined
      spinner?.stop()
      if (!quiet) stream.write(`${spinner ? `${cross} ` : ''}${text}\n`)
    },
    line(text) {
      if (!quiet) write(text)
    },
    detail(text) {
      if (verbose) write(interactive ? colors.dim(text) : text)
    },
    stop() {
      running = undefined
      spinner?.stop()
    },
    buildLog(message) {
      if (/^Checked \d+ files?\b/.test(message)) return progress.done(message)
      const rendering = /^Rendering (.*)$/.exec(message)
      if (rendering) return progress.start(message, {announce: true, doneText: `Rendered ${rendering[1]}`})
      if (message === 'Printing PDF…') {
        if (running?.text.startsWith('Rendering')) progress.done()
        return progress.start(message, {announce: true})
      }
      const pass = /^PDF pass (\d+)(?: \(measuring\))?: (\d+) pages?/.exec(message)
      if (pass) {
        progress.update(`Printing PDF… pass ${pass[1]}, ${pass[2]} pages`)
        return progress.detail(message)
      }
      if (/^Printed PDF: /.test(message)) return progress.done(message)
      progress.detail(message)
    },
  }
  return progress
}
