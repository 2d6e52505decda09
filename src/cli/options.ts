/**
 * Conventions every command shares: `-C, --dir` (run as if started in that
 * folder, as `git -C` and `make -C` do), `--color` / `--no-color`, the
 * project found in the current folder or above it, case-insensitive choices,
 * and an "Exit codes" section in each command's `--help`.
 */
import path from 'node:path'
import {InvalidArgumentError, type Command} from 'commander'
import {ScorecardError} from '../core/errors.js'
import {findProjectRoot} from '../load/find-project.js'

let colorChoice: boolean | undefined

/**
 * Whether to colour what is written to `stream`: `--color` / `--no-color`
 * first, then `NO_COLOR` (any non-empty value, https://no-color.org) and
 * `FORCE_COLOR` (anything but `0` or `false`), then whether it is a terminal.
 */
export function useColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (colorChoice !== undefined) return colorChoice
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}

/**
 * The project folder for a command: the nearest folder with scorecard.yml at
 * or above `given` (default: the current folder). When there is none, the
 * folder itself, so that loading it reports that no project was found.
 */
export function projectDir(given: string | undefined): string {
  const start = given ?? '.'
  return findProjectRoot(start) ?? path.resolve(start)
}

/** A parser for a choice option that accepts any letter case (`--format PDF`) and returns the canonical spelling. */
export function choice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    const found = choices.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase())
    if (found === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`)
    return found
  }
}

/** Exit codes every command shares. */
const commonCodes: ReadonlyArray<readonly [number, string]> = [
  [2, 'bad usage: an unknown command or option, or an invalid value'],
  [70, 'internal error: a bug in Scorecard, please report it'],
]

/** The "Exit codes" section of a command's help: its own codes, then the shared ones. */
export function exitCodesHelp(codes: ReadonlyArray<readonly [number, string]>): string {
  const all = [...codes, ...commonCodes.filter(([code]) => !codes.some(([own]) => own === code))].sort((a, b) => a[0] - b[0])
  return `\nExit codes:\n${all.map(([code, meaning]) => `  ${String(code).padStart(2)}  ${meaning}`).join('\n')}\n`
}

/**
 * Give every command that runs something `-C, --dir` and `--color` /
 * `--no-color` (unless it defines them itself), and apply them before its
 * action: change to the folder, and remember the colour choice.
 */
export function addSharedOptions(program: Command): void {
  const visit = (command: Command): void => {
    for (const sub of command.commands) visit(sub)
    if (command.commands.length > 0 && command !== program) return
    const has = (flag: string): boolean => command.options.some((option) => option.long === flag)
    if (command !== program && !has('--dir')) command.option('-C, --dir <path>', 'run as if started in <path> (the project folder, or a folder inside it)')
    if (!has('--color')) command.option('--color', 'colour the output even when it is not a terminal (as FORCE_COLOR=1)')
    if (!has('--no-color')) command.option('--no-color', 'never colour the output (as NO_COLOR=1)')
  }
  visit(program)
  program.hook('preAction', (_program, action) => {
    const options = action.opts() as {dir?: string; color?: boolean}
    colorChoice = options.color ?? (program.opts() as {color?: boolean}).color
    if (options.dir === undefined) return
    try {
      process.chdir(path.resolve(options.dir))
    } catch (error) {
      throw new ScorecardError('NOT_FOUND_PROJECT', `Cannot run in ${options.dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`, {
        hint: 'Give -C (--dir) an existing folder: the project folder or one inside it.',
      })
    }
  })
}
