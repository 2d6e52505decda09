/**
 * Stage verify (part of `check`): every excerpt, and every stated quotation,
 * is looked up verbatim in a copy of its source document, and its locator
 * checked against the source's page markers and headings. Sources live in a
 * folder named in scorecard.yml (`sources.dir`), by `--sources`, or by
 * SCORECARD_SOURCES; a source that is not there is reported once, as "not
 * verified" (info), never as an error. Each source's SHA-256 is compared with
 * the one recorded in scorecard.yml, so a changed source shows in review.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {report} from '../core/diagnostics.js'
import type {Evidence, LinkedProject, SourceRecord, Verification} from '../core/model.js'
import type {SourceFile} from '../core/source.js'
import {excerptText} from '../link/index.js'
import {yamlPlace} from '../load/frontmatter.js'
import {readSource, sourceExtensions, type SourceText} from './extract.js'
import {checkLocator} from './locators.js'
import {findPassage, nearest} from './match.js'
import {excerptParts, normalize, normalizeText, type Normalized} from './normalize.js'

/** Where to find the sources. */
export interface VerifyOptions {
  /** Sources folder given on the command line; relative to `cwd`. Overrides SCORECARD_SOURCES and scorecard.yml. */
  sources?: string
  /** Environment (SCORECARD_SOURCES). Default: process.env. */
  env?: NodeJS.ProcessEnv
  /** Folder `sources` and SCORECARD_SOURCES are relative to. Default: process.cwd(). */
  cwd?: string
  /** scorecard.yml as loaded, where digest problems are reported. */
  config?: SourceFile
}

/** The sources folder in effect, and what named it. */
export function sourcesDir(project: Pick<LinkedProject, 'root' | 'config'>, options: VerifyOptions = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd()
  const env = options.env ?? process.env
  if (options.sources) return path.resolve(cwd, options.sources)
  if (env.SCORECARD_SOURCES) return path.resolve(cwd, env.SCORECARD_SOURCES)
  const dir = project.config.sources?.dir
  return dir === undefined ? undefined : path.resolve(project.root, dir)
}

interface LoadedSource {
  name: string
  source: SourceText
  normalized: Normalized
  reversed: string | undefined
}

/** Verify every excerpt of a linked project. Problems are reported on the files. */
export async function verifyProject(project: LinkedProject, options: VerifyOptions = {}): Promise<Verification> {
  const dir = sourcesDir(project, options)
  const verified = new Map<string, boolean>(project.evidence.map((item) => [item.id, false]))
  const byFile = new Map<string, Evidence[]>()
  for (const item of project.evidence) {
    if (item.sourceFile === undefined) {
      if (dir !== undefined)
        report(item.source.file, {
          reason: 'The excerpt names no source file, so it cannot be verified',
          ruleId: 'missing-source-file',
          severity: 'warning',
          place: place(item.source, ['title']),
          hint: 'Add "sourceFile:" with the file name of the source document in the sources folder.',
        })
      continue
    }
    byFile.set(item.sourceFile, [...(byFile.get(item.sourceFile) ?? []), item])
  }

  const records: SourceRecord[] = []
  const locked = project.config.sources?.files ?? {}
  for (const [name, items] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = items[0]!
    const file = dir === undefined ? undefined : path.join(dir, name)
    if (!sourceExtensions.includes(path.extname(name).toLowerCase() as (typeof sourceExtensions)[number])) {
      report(first.source.file, {
        reason: `Source "${name}" is not a file Scorecard can read`,
        ruleId: 'unsupported-source',
        place: place(first.source, ['sourceFile']),
        hint: `Keep sources as ${sourceExtensions.join(', ')} files.`,
      })
      records.push({file: name, sha256: undefined, available: false})
      continue
    }
    const source = file !== undefined && existsSync(file) ? await readSource(file).catch(() => undefined) : undefined
    if (!source) {
      report(first.source.file, {
        reason: `Not verified: source "${name}" is not available${dir === undefined ? ' (no sources folder)' : ` in ${dir}`}; ${items.length} excerpt${items.length === 1 ? '' : 's'} unchecked`,
        ruleId: 'source-not-verified',
        severity: 'info',
        place: place(first.source, ['sourceFile']),
        hint: 'Name a folder holding the sources: "sources: {dir: …}" in scorecard.yml, --sources DIR or SCORECARD_SOURCES.',
      })
      records.push({file: name, sha256: undefined, available: false})
      continue
    }
    records.push({file: name, sha256: source.sha256, available: true})
    if (options.config && project.config.sources) checkDigest(options.config, name, source.sha256, locked[name]?.sha256)
    const loaded: LoadedSource = {name, source, normalized: normalize(source.text, {lineBreakHyphens: true}), reversed: undefined}
    for (const item of items) verified.set(item.id, verifyExcerpt(project, item, loaded))
    for (const priority of project.priorities) {
      const cited = priority.stated && items.find((item) => item.id === priority.stated!.cite)
      if (!cited) continue
      const located = locate(priority.stated!.quote, loaded, 'quotation')
      if ('miss' in located)
        report(priority.source.file, {
          reason: `The stated quotation is not in ${name}: ${located.miss}`,
          ruleId: 'stated-not-in-source',
          place: place(priority.source, ['stated', 'quote']),
          hint: located.hint,
        })
    }
  }
  return {dir, sources: records, verified}
}

/** A source's digest against the one recorded in scorecard.yml. */
function checkDigest(config: SourceFile, name: string, actual: string, recorded: string | undefined): void {
  if (recorded === undefined)
    report(config.file, {
      reason: `The SHA-256 of source "${name}" is not recorded`,
      ruleId: 'source-not-locked',
      severity: 'warning',
      place: place(config, ['sources']),
      hint: `Add under "sources: files:" in scorecard.yml: ${name}: {sha256: ${actual}}`,
    })
  else if (recorded !== actual)
    report(config.file, {
      reason: `Source "${name}" has changed since its SHA-256 was recorded`,
      ruleId: 'source-changed',
      place: place(config, ['sources', 'files', name, 'sha256']),
      hint: `Check the excerpts that quote it, then record the new digest: ${actual}`,
      expected: [recorded],
      actual,
    })
}

function verifyExcerpt(project: LinkedProject, item: Evidence, loaded: LoadedSource): boolean {
  const body = project.bodies.get(item)
  if (!body) return false
  const text = excerptText(body)
  const located = locate(text, loaded)
  const at = body.tree.children[0]?.position
  if ('miss' in located) {
    report(item.source.file, {
      reason: `The excerpt is not in ${loaded.name}: ${located.miss}`,
      ruleId: 'excerpt-not-in-source',
      place: at && {start: at.start, end: at.end},
      hint: located.hint,
    })
    return false
  }
  if (item.locatorParts && item.locatorParts.text === undefined) {
    const problem = checkLocator(item.locatorParts, loaded.source, located.offset, loaded.name)
    if (problem) {
      report(item.source.file, {...problem, place: place(item.source, ['locator'])})
      return false
    }
  }
  return true
}

/**
 * Find a quotation (in parts, if it has ellipses) in a source; its offset in the source text, or how it differs.
 * `noun` names what is looked up in the message: an evidence "excerpt" or a priority's stated "quotation".
 */
function locate(quotation: string, loaded: LoadedSource, noun: 'excerpt' | 'quotation' = 'excerpt'): {offset: number} | {miss: string; hint: string} {
  const parts = excerptParts(quotation)
  const {text: source, map} = loaded.normalized
  let from = 0
  let offset: number | undefined
  for (const part of parts) {
    const passage = normalizeText(part)
    const found = findPassage(source, passage, from)
    if (!('miss' in found)) {
      offset ??= map[found.start]!
      from = found.end
      continue
    }
    loaded.reversed ??= source.split('').reverse().join('')
    const miss = nearest(source, () => loaded.reversed!, passage)
    return describeMiss(passage, miss, loaded, noun)
  }
  return {offset: offset ?? 0}
}

function describeMiss(passage: string, miss: ReturnType<typeof nearest>, loaded: LoadedSource, noun: 'excerpt' | 'quotation'): {miss: string; hint: string} {
  const {text: source, map} = loaded.normalized
  const original = loaded.source.text
  const clip = (text: string): string => text.replace(/\u00AD/g, '-')
  if (miss.matched < Math.min(12, passage.length / 4))
    return {miss: 'no passage of the source comes close', hint: `Check that "sourceFile" names the right document, and copy the ${noun} from it word for word.`}
  const differs = miss.fromEnd
    ? `before “…${clip(passage.slice(passage.length - miss.matched, passage.length - miss.matched + 30))}” the ${noun} has “${clip(passage.slice(Math.max(0, passage.length - miss.matched - 20), passage.length - miss.matched))}” where the source has “${clip(source.slice(Math.max(0, miss.at - 19), miss.at + 1))}”`
    : `after “${clip(passage.slice(Math.max(0, miss.matched - 30), miss.matched))}…” the ${noun} has “${clip(passage.slice(miss.matched, miss.matched + 20))}” where the source has “${clip(source.slice(miss.at, miss.at + 20))}”`
  const start = map[miss.start] ?? 0
  const end = map[Math.min(source.length, miss.start + passage.length + 10)] ?? original.length
  const near = original.slice(start, end).replace(/\s+/g, ' ').trim()
  return {
    miss: differs,
    hint: `Nearest passage in ${loaded.name}: “${near.length > 200 ? `${near.slice(0, 200)}…` : near}”. Only whitespace, quote and dash styles, ellipses and line-break hyphens are ignored; mark the source's own typos with [sic], omissions with “…”.`,
  }
}

function place(source: SourceFile, at: readonly PropertyKey[]) {
  return source.yaml ? yamlPlace(source.file, source.yaml, at) : undefined
}
