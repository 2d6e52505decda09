/**
 * Conventions every command shares (issue 16): the project found from inside
 * it, `-C, --dir`, colour switches, exit codes in `--help`, case-insensitive
 * formats, and counted nouns that agree with their number.
 */
import {readFile, readdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build, pdfMetadata, presentReport} from '../../src/index.js'
import {findProjectRoot} from '../../src/load/find-project.js'
import {exitCodesHelp, useColor} from '../../src/cli/options.js'
import {project, runCli} from '../helpers.js'

const ansi = /\u001b\[\d+m/

describe('the project folder', () => {
  it('is found from a folder inside the project, as git does', async () => {
    const dir = await project('minimal')
    expect(findProjectRoot(path.join(dir, 'priorities'))).toBe(dir)
    expect(findProjectRoot(dir)).toBe(dir)
    expect(findProjectRoot(tmpdir())).toBeUndefined()

    const inside = await runCli(['check'], path.join(dir, 'priorities'))
    expect(inside.code).toBe(0)
    expect(inside.stderr).toMatch(/^Checked 6 files: no problems\.$/m)
    // Paths are shown from where the command ran, so an editor there can open them.
    const broken = await project('minimal', [{file: 'priorities/media.md', replace: /^status: \w+$/m, with: 'status: progresing'}])
    const failing = await runCli(['check'], path.join(broken, 'priorities'))
    expect(failing.code).toBe(1)
    expect(failing.stderr).toMatch(/^media\.md:\d+:\d+ error Unknown status "progresing"/m)
  })

  it('is given by -C or --dir on every command, and the positional [dir] still works', async () => {
    const dir = await project('minimal')
    for (const args of [['check', '-C', dir], ['check', '--dir', path.join(dir, 'evidence')], ['check', dir]]) {
      const result = await runCli(args, tmpdir())
      expect(result.code, args.join(' ')).toBe(0)
    }
    const built = await runCli(['build', '-C', path.join(dir, 'report'), '--format', 'JSON'], tmpdir())
    expect(built.code).toBe(0)
    expect(await readdir(path.join(dir, 'out'))).toEqual(['scorecard.json'])
    const formatted = await runCli(['fmt', '--check', '-C', path.join(dir, 'priorities')], tmpdir())
    expect(formatted.stderr).toMatch(/already formatted|would be reformatted/)

    const missing = await runCli(['check', '-C', path.join(dir, 'no-such-folder')], tmpdir())
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('no such folder')
    const none = await runCli(['check'], tmpdir())
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('No scorecard.yml')
  })
})

describe('--help', () => {
  it('lists the exit codes of every command', async () => {
    const commands = [['check'], ['build'], ['diff'], ['fmt'], ['init'], ['new', 'priority'], ['new', 'evidence'], ['preview'], ['doctor'], ['schema']]
    const helps = await Promise.all(commands.map((command) => runCli([...command, '--help'], tmpdir())))
    helps.forEach((help, index) => {
      const name = commands[index]!.join(' ')
      expect(help.code, name).toBe(0)
      expect(help.stdout, name).toMatch(/Exit codes:[\s\S]*\b0\b[\s\S]*\b2\b/)
      expect(help.stdout, name).toContain('-C, --dir <path>')
      expect(help.stdout, name).toContain('--no-color')
    })
    expect(helps[1]!.stdout).toMatch(/^ {3}4 {2}PDF requested but no browser was found$/m)
    expect(exitCodesHelp([[0, 'fine']])).toBe('\nExit codes:\n   0  fine\n   2  bad usage: an unknown command or option, or an invalid value\n  70  internal error: a bug in Scorecard, please report it\n')
  })
})

describe('formats', () => {
  it('are case-insensitive, and unknown ones are usage errors', async () => {
    const dir = await project('minimal')
    const built = await runCli(['build', '--format', 'HTML,Json'], dir)
    expect(built.code).toBe(0)
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['report.html', 'scorecard.json'])
    const json = await runCli(['check', '--format', 'JSON'], dir)
    expect(JSON.parse(json.stdout)).toEqual([])
    const wrong = await runCli(['build', '--format', 'docx'], dir)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('Unknown format "docx"')
    expect((await runCli(['check', '--format', 'xml'], dir)).code).toBe(2)
  })
})

describe('colour', () => {
  it('follows --color/--no-color, then NO_COLOR and FORCE_COLOR, then the terminal', () => {
    const tty = {isTTY: true}
    const pipe = {isTTY: false}
    expect(useColor(tty, {})).toBe(true)
    expect(useColor(pipe, {})).toBe(false)
    expect(useColor(tty, {NO_COLOR: '1'})).toBe(false)
    expect(useColor(tty, {NO_COLOR: ''})).toBe(true)
    expect(useColor(pipe, {FORCE_COLOR: '1'})).toBe(true)
    expect(useColor(pipe, {FORCE_COLOR: '0'})).toBe(false)
    expect(useColor(tty, {TERM: 'dumb'})).toBe(false)
  })

  it('is honoured by vfile-reporter output (check --format stylish) and doctor', async () => {
    const dir = await project('minimal', [{file: 'priorities/media.md', replace: /^stated:\n(?: {2}.*\n)+/m, with: ''}])
    const stylish = (env: NodeJS.ProcessEnv, flags: string[] = []) => runCli(['check', '--format', 'stylish', ...flags], dir, env)
    const forced = await stylish({NO_COLOR: '', FORCE_COLOR: '1'})
    expect(forced.stderr).toContain('missing-stated')
    expect(forced.stderr).toMatch(ansi)
    expect((await stylish({NO_COLOR: '1', FORCE_COLOR: '1'})).stderr).not.toMatch(ansi)
    expect((await stylish({NO_COLOR: '', FORCE_COLOR: '1'}, ['--no-color'])).stderr).not.toMatch(ansi)
    const flagged = await stylish({NO_COLOR: '1'}, ['--color'])
    expect(flagged.stderr).toMatch(ansi)
    expect(flagged.stderr).toContain('missing-stated')
    // A program-level switch works too.
    expect((await runCli(['--color', 'check', '--format', 'stylish'], dir, {NO_COLOR: '1'})).stderr).toMatch(ansi)

    const doctor = (env: NodeJS.ProcessEnv) => runCli(['doctor', '--no-launch'], dir, env)
    expect((await doctor({NO_COLOR: '', FORCE_COLOR: '1'})).stderr).toMatch(ansi)
    expect((await doctor({NO_COLOR: '1', FORCE_COLOR: '1'})).stderr).not.toMatch(ansi)
  })
})

describe('counted nouns', () => {
  it('agree with their number in build progress and the PDF subject', async () => {
    const dir = await project('minimal', [{file: 'priorities/vienna-document.md', remove: true}])
    const log: string[] = []
    const result = await build(dir, {cwd: dir, formats: ['html'], log: (message) => log.push(message)})
    expect(result.ok).toBe(true)
    expect(log).toContain('Rendering 1 priority and 2 excerpts')
    expect(pdfMetadata(presentReport(result.report!)).subject).toMatch(/ of 1 stated priority, as of /)

    const two = await build(await project('minimal'), {formats: ['html'], log: (message) => log.push(message)})
    expect(log).toContain('Rendering 2 priorities and 2 excerpts')
    expect(pdfMetadata(presentReport(two.report!)).subject).toMatch(/ of 2 stated priorities, as of /)
    expect(await readFile(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('<html')
  })
})
