/**
 * A rebuild loop for one project, as `preview` runs it: check and render,
 * again and again, each time reusing what has not changed.
 *
 * A full rebuild reads, validates, links and scores the whole project (with
 * the parse and read caches it keeps) and renders the whole report. That
 * costs time in proportion to the project: about 2 s for 1,000 priorities
 * and 10,000 excerpts on a 2-core machine. The commonest edit is cheaper to
 * follow. When one priority's or excerpt's prose changes, its front matter
 * and citations stay as they were, and neither the old nor the new version
 * has a diagnostic, nothing else in the report can change: not a status,
 * note number, warning or count. Such an edit is parsed and rendered alone,
 * its hast takes the old body's place in the `ReportView`, and the layout
 * joins the parts of the last report again around the new body's HTML
 * (`ReportLayout.relayout`, render/index.ts): neither the templates nor the
 * other bodies run again, and the fonts are cut to the characters of the
 * template data and of every body, each body's found once (about 0.06 s at
 * 1,000 priorities). Anything else, or any doubt, is a full rebuild. Tests
 * check that both ways give the same bytes as `build`
 * (test/preview/session.test.ts).
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {toString} from 'mdast-util-to-string'
import {ScorecardError} from '../core/errors.js'
import {createParseCache, excerptText, parseBody, type ParseCache} from '../link/index.js'
import {defaultLimits, parseSource, type Limits, type SourceFile} from '../load/index.js'
import type {Evidence, ParsedBody, Priority, ScoredReport} from '../core/model.js'
import {check} from '../pipeline/index.js'
import type {EvidenceView, PriorityView, ReportView} from '../core/view.js'
import {presentBody, presentReport} from '../present/index.js'
import {htmlLayout, type ReportLayout} from '../render/index.js'
import {resolveTheme, templatesTrusted} from '../load/templates.js'

/** Options of {@link createSession}. */
export interface SessionOptions {
  /** Folder that diagnostics' paths are relative to. Default: the project. */
  cwd?: string
  limits?: Partial<Limits>
}

/** The outcome of one {@link Session.update}. */
export interface SessionUpdate {
  /** `full`: the whole project was checked and rendered; `fragment`: one body was re-rendered in place. */
  mode: 'full' | 'fragment'
  files: VFile[]
  errors: number
  warnings: number
  report: ScoredReport | undefined
  /**
   * The rendered report, when there is one (the last one is not kept: see
   * `preview`). With errors, what could be rendered: the content that passed
   * validation, rendered as far as it goes (`partial`).
   */
  html: string | undefined
  /** Whether `html` was rendered from content with errors (a best-effort render). */
  partial: boolean
  /** A template error, when rendering failed. */
  renderError: ScorecardError | undefined
  /**
   * `html` as UTF-8, what a server sends: the same bytes as
   * `Buffer.from(html)`, made from parts encoded once (render/index.ts), so
   * that a one-body update does not encode the whole report again.
   */
  bytes(): Buffer | undefined
}

/** A project's rebuild loop; see the module comment. */
export interface Session {
  /**
   * Bring the report up to date. `changed` lists the absolute paths of the
   * files that changed since the previous update, when the caller knows them
   * (a file watcher does); without it, or on the first update, everything is
   * rebuilt.
   */
  update(changed?: readonly string[]): Promise<SessionUpdate>
}

/** What the last full or fragment update left, for the next fragment update. */
interface Last {
  update: SessionUpdate & {report: ScoredReport; html: string}
  view: ReportView
  layout: ReportLayout
  /** Where each priority's and excerpt's body is in the view. */
  bodies: Map<Priority | Evidence, PriorityView | EvidenceView>
  /** Priorities and excerpts by absolute path. */
  items: Map<string, {kind: 'priority'; item: Priority} | {kind: 'evidence'; item: Evidence}>
}

export function createSession(dir: string, options: SessionOptions = {}): Session {
  const root = path.resolve(dir)
  const cwd = options.cwd ?? root
  const limits: Limits = {...defaultLimits, ...options.limits}
  const {cache, prune} = pruningCache(createParseCache())
  let last: Last | undefined

  const full = async (): Promise<SessionUpdate> => {
    last = undefined
    // With errors, what passed validation is scored and rendered all the same, so the
    // preview shows the current content beside the errors rather than nothing.
    const result = await check(root, {cache, cwd, limits, scoreWithErrors: true})
    prune()
    const partial = result.errors > 0
    let html: string | undefined
    let renderError: ScorecardError | undefined
    let bytes: () => Buffer | undefined = noBytes
    let laidOut: {view: ReportView; layout: ReportLayout} | undefined
    if (result.report) {
      try {
        const view = presentReport(result.report)
        const trusted = templatesTrusted(undefined)
        const theme = resolveTheme(root, result.report.config.theme)
        const themeDir = theme.dir !== undefined && (theme.shipped || trusted) ? theme.dir : undefined
        const layout = await htmlLayout({...(trusted ? {templatesDir: path.join(root, 'templates')} : {}), ...(themeDir === undefined ? {} : {themeDir, projectRoot: root})})
        html = await layout(view)
        laidOut = {view, layout}
        const page = html
        bytes = () => layout.bytes(page) ?? Buffer.from(page)
      } catch (error) {
        // A best-effort render may trip over what the errors already report: then there is none.
        if (!(error instanceof ScorecardError) && !partial) throw error
        if (error instanceof ScorecardError) renderError = error
      }
    }
    const update: SessionUpdate = {
      mode: 'full',
      files: result.files,
      errors: result.errors,
      warnings: result.warnings,
      // Only a valid report is handed out as the report; a partial one stays internal.
      report: partial ? undefined : result.report,
      html,
      partial: partial && html !== undefined,
      renderError,
      bytes: html === undefined ? noBytes : bytes,
    }
    // Only a render without errors is a base for one-body updates.
    if (update.report && html !== undefined && laidOut) {
      const items: Last['items'] = new Map()
      const bodies: Last['bodies'] = new Map()
      const priorityView = new Map(laidOut.view.priorities.map((view) => [view.id, view]))
      const evidenceView = new Map(laidOut.view.evidence.map((view) => [view.id, view]))
      for (const item of update.report.priorities) {
        items.set(absolute(item.source), {kind: 'priority', item})
        const owner = priorityView.get(item.id)
        if (owner) bodies.set(item, owner)
      }
      for (const item of update.report.evidence) {
        items.set(absolute(item.source), {kind: 'evidence', item})
        const owner = evidenceView.get(item.id)
        if (owner) bodies.set(item, owner)
      }
      last = {update: {...update, report: update.report, html}, view: laidOut.view, layout: laidOut.layout, bodies, items}
    }
    return update
  }

  const absolute = (source: SourceFile): string => path.resolve(source.file.cwd, source.file.path)

  /** The fragment update for `file`, or undefined when it needs a full one. */
  const fragment = async (state: Last, file: string): Promise<SessionUpdate | undefined> => {
    const known = state.items.get(path.resolve(file))
    const shown = known && state.bodies.get(known.item)
    if (!known || !shown) return undefined
    const place = shown.body.place
    const {report} = state.update
    const old = known.item.source
    const oldBody = report.bodies.get(known.item)
    if (!oldBody || old.file.messages.length > 0) return undefined

    const bytes = await readFile(file).catch(() => undefined)
    if (!bytes || bytes.length > limits.maxFileBytes) return undefined
    const source = parseSource(bytes, known.kind, {path: old.file.path, cwd: old.file.cwd}, limits)
    if (source.file.messages.length > 0 || !sameData(source, old)) return undefined
    const body = parseBody(source, {citations: known.kind === 'priority', cache})
    if (source.file.messages.length > 0 || !fragmentSafe(report, known, oldBody, body, source, old)) return undefined

    const next = presentBody(report, body, place)
    if (next.place.omitted !== place.omitted) return undefined
    // The view takes the new body; laying it out again serialises only that one.
    const before = shown.body
    shown.body = next
    let html: string
    try {
      // Only the body changed: the layout joins its parts again around the new HTML (render/index.ts).
      html = (await state.layout.relayout(state.view)) ?? (await state.layout(state.view))
    } catch {
      shown.body = before
      return undefined
    }

    // Commit: the report now holds the new body, in the old file's place.
    old.file.value = source.file.value
    old.file.data.citations = source.file.data.citations
    old.body = source.body
    old.yaml = source.yaml
    const parsed: ParsedBody = {...body, file: old.file}
    report.bodies.set(known.item, parsed)
    if ('excerpt' in shown) shown.excerpt = excerptText(parsed)
    const layout = state.layout
    state.update = {...state.update, mode: 'fragment', html, bytes: () => layout.bytes(html) ?? Buffer.from(html)}
    return state.update
  }

  return {
    async update(changed) {
      if (last && changed?.length === 1) {
        const quick = await fragment(last, changed[0]!)
        if (quick) return quick
      }
      return full()
    },
  }
}

const noBytes = (): undefined => undefined

/** The same front matter data, read the same way. */
function sameData(source: SourceFile, old: SourceFile): boolean {
  return source.yaml !== undefined && old.yaml !== undefined && JSON.stringify(source.yaml.data) === JSON.stringify(old.yaml.data)
}

/**
 * Whether the new body can replace the old one without anything else in the
 * report changing. Citations decide note numbers and "cited by" lists; images
 * are resolved and checked by link, so a body with any is rebuilt in full;
 * emptiness is a diagnostic; and an excerpt's text is compared with the
 * stated commitments that quote it.
 */
function fragmentSafe(
  report: ScoredReport,
  known: {kind: 'priority'; item: Priority} | {kind: 'evidence'; item: Evidence},
  oldBody: ParsedBody,
  body: ParsedBody,
  source: SourceFile,
  old: SourceFile,
): boolean {
  if (source.body.includes('![') || old.body.includes('![')) return false
  if (JSON.stringify(body.citations) !== JSON.stringify(oldBody.citations)) return false
  // As link judges them: an empty assessment is a warning, an empty excerpt an error.
  if (known.kind === 'priority') return toString(body.tree).trim().length > 0
  const id = known.item.id
  return excerptText(body).length > 0 && !report.priorities.some((priority) => priority.stated?.cite === id)
}

/**
 * The parse cache, forgetting after each full rebuild the bodies that rebuild
 * did not use (deleted files, old versions of edited ones).
 */
function pruningCache(cache: ParseCache): {cache: ParseCache; prune: () => void} {
  const used = new Set<string>()
  const get = cache.get.bind(cache)
  const set = cache.set.bind(cache)
  cache.get = (key) => {
    used.add(key)
    return get(key)
  }
  cache.set = (key, value) => {
    used.add(key)
    return set(key, value)
  }
  return {
    cache,
    prune() {
      for (const key of [...cache.keys()]) if (!used.has(key)) cache.delete(key)
      used.clear()
    },
  }
}
