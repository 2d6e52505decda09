/**
 * `scorecard new priority` and `scorecard new evidence`: create one content
 * file with its front matter filled in, checked against scorecard.yml.
 *
 * Nothing is fetched: a URL is only recorded. Ids come from the title (and
 * the date, for evidence) by the rules in `slug.ts`; a taken id gets `-2`,
 * `-3`…, unless `id` is given, in which case a taken id is an error.
 */
import {writeFile, mkdir} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {Document} from 'yaml'
import {didYouMean} from '../core/diagnostics.js'
import {ScorecardError} from '../core/errors.js'
import {contentFolders, isRecord, loadProject, type LoadedProject, type SourceFile} from '../load/index.js'
import {isIsoDate} from '../core/dates.js'
import {evidenceId, isSlug, priorityId, uniqueId} from '../core/slug.js'

/** Options of {@link newPriority}. */
export interface NewPriorityOptions {
  title: string
  /** A dimension id from scorecard.yml; required (a missing one is reported with the choices). */
  dimension?: string | undefined
  /** A scale id from scorecard.yml; required: a rating is never guessed. */
  status?: string | undefined
  /** Use this id instead of deriving one from the title. */
  id?: string | undefined
  /** Evidence ids the priority cites. With `quote`, the first is the source of the stated commitment. */
  cite?: readonly string[] | undefined
  /** The commitment as stated, verbatim; needs `cite`. */
  quote?: string | undefined
  /** Sort key within the dimension. */
  order?: number | undefined
}

/** Options of {@link newEvidence}. */
export interface NewEvidenceOptions {
  /** Title of the source document. Derived from `url` when missing. */
  title?: string | undefined
  publisher: string
  /** ISO date of full or reduced precision. */
  date: string
  url?: string | undefined
  /** Kind of source; default `document`. */
  type?: string | undefined
  author?: string | undefined
  locator?: string | undefined
  /** The excerpt, verbatim. Without it the body is empty and `check` reports `empty-excerpt`. */
  excerpt?: string | undefined
  /** Use this id instead of deriving one from the title and date. */
  id?: string | undefined
}

/** A file created by `new`. */
export interface CreatedFile {
  /** Absolute path. */
  path: string
  id: string
  /** The title, when it was derived from the URL rather than given. */
  derivedTitle?: string
  /** What the author still has to do before `check` passes cleanly. */
  nextSteps: string[]
}

/** Default `type` of new evidence: true of any source; change it to `news`, `analysis`… */
export const defaultEvidenceType = 'document'

/**
 * Create `priorities/<id>.md` in the project at `dir`.
 *
 * @throws {ScorecardError} `INVALID_OPTION` for an unknown dimension, status or
 *   evidence id (with "did you mean"), or an invalid id; `WRITE_FAILED` when
 *   the chosen `id` is taken; `NOT_FOUND_PROJECT` outside a project.
 */
export async function newPriority(dir: string, options: NewPriorityOptions): Promise<CreatedFile> {
  const project = await loadProject(dir)
  const {dimensions, statuses} = configIds(project)
  const title = options.title.trim()
  if (title === '') throw usage('The title is empty.', 'Give the priority a short title, e.g. "Media freedom".')
  expectOneOf('dimension', options.dimension, dimensions, 'Dimensions are the ids listed under "dimensions" in scorecard.yml.')
  expectOneOf('status', options.status, statuses, 'Statuses are the scale ids listed under "scale" in scorecard.yml.')
  const evidence = fileIds(project.evidence)
  const cites = [...new Set(options.cite ?? [])]
  for (const cite of cites) expectOneOf('evidence id', cite, [...evidence.keys()], 'Cite the id of a file in evidence/ (create one with "scorecard new evidence").', '--cite')
  const quote = options.quote?.trim()
  if (quote !== undefined && quote !== '' && cites.length === 0)
    throw usage('--quote needs --cite: the evidence the commitment is quoted from.', 'Add --cite <evidence-id>.')

  const id = chooseId(project, 'priority', options.id, priorityId(title))
  const data: Record<string, unknown> = {id, title, dimension: options.dimension!, status: options.status!}
  const [first, ...rest] = cites
  if (quote && first !== undefined) {
    // Only an excerpt of the office-holder's own words (direct speech or their own statement) makes
    // the commitment theirs; anything else is a third party's summary, and the report says so.
    data.stated = ownWords(project.evidence, first) ? {quote, cite: first} : {quote, cite: first, words: 'summary'}
    if (rest.length > 0) data.evidence = rest
  } else if (cites.length > 0) {
    data.evidence = cites
  }
  if (options.order !== undefined) data.order = options.order

  const file = await create(project, 'priority', id, frontMatter(data))
  const nextSteps: string[] = []
  if (cites.length === 0)
    nextSteps.push('Cite evidence: write [@evidence-id] in the assessment, or add "stated:" with "quote:" and "cite:". Until then check reports no-evidence.')
  else if (!quote) nextSteps.push('Quote the commitment as stated: add "stated:" with "quote:" (verbatim) and "cite:" (its evidence id).')
  nextSteps.push('Write the assessment below the front matter, in your own words, citing evidence as [@evidence-id].')
  return {path: file, id, nextSteps}
}

/**
 * Create `evidence/<id>.md` in the project at `dir`. Without `title`, the
 * title is derived from the URL's path; publisher and date are never guessed.
 *
 * @throws {ScorecardError} `INVALID_OPTION` for a missing or invalid field;
 *   `WRITE_FAILED` when the chosen `id` is taken; `NOT_FOUND_PROJECT` outside a project.
 */
export async function newEvidence(dir: string, options: NewEvidenceOptions): Promise<CreatedFile> {
  const url = options.url?.trim()
  if (url !== undefined && !(URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)))
    throw usage(`Invalid URL "${url}": it must be an absolute http(s) URL.`, 'Copy the address from the browser, e.g. https://www.rferl.org/a/…')
  let title = options.title?.trim()
  let derivedTitle: string | undefined
  if (!title && url) {
    derivedTitle = titleFromUrl(url)
    title = derivedTitle
  }
  const missing = [
    ...(title ? [] : [url ? '--title (none could be derived from the URL)' : '--title']),
    ...(options.publisher?.trim() ? [] : ['--publisher']),
    ...(options.date?.trim() ? [] : ['--date']),
  ]
  if (missing.length > 0)
    throw usage(`Missing ${missing.join(', ')}.`, 'Evidence needs the title, publisher and date of its source; Scorecard never guesses a publisher or a date.')
  const date = options.date.trim()
  if (!isIsoDate(date))
    throw usage(`Invalid --date "${date}": use YYYY-MM-DD, YYYY-MM or YYYY.`, 'Record the precision the source gives; never invent a day.')
  const type = options.type?.trim() || defaultEvidenceType
  if (!isSlug(type)) throw usage(`Invalid --type "${type}": use a lowercase slug such as news, analysis or official-statement.`)

  const project = await loadProject(dir)
  const id = chooseId(project, 'evidence', options.id, evidenceId(title!, date))
  const data: Record<string, unknown> = {id, title, publisher: options.publisher.trim()}
  if (options.author?.trim()) data.author = options.author.trim()
  data.date = date
  if (url) data.url = url
  data.type = type
  if (options.locator?.trim()) data.locator = options.locator.trim()

  const excerpt = options.excerpt?.trim()
  const file = await create(project, 'evidence', id, frontMatter(data) + (excerpt ? `${excerpt}\n` : ''))
  const nextSteps: string[] = []
  if (derivedTitle) nextSteps.push(`Check the title: "${derivedTitle}" was derived from the URL; use the source's own title.`)
  if (!excerpt) nextSteps.push('Paste the excerpt, word for word, below the front matter. Until then check reports empty-excerpt.')
  nextSteps.push(`Cite it from a priority as [@${id}].`)
  return {path: file, id, ...(derivedTitle ? {derivedTitle} : {}), nextSteps}
}

/**
 * A title from a URL's path: the last segment with at least two words,
 * without its extension, hyphens and underscores read as spaces, first letter
 * capitalised. `https://example.org/a/osce-stalls-on-police-mission/2103483.html`
 * gives "Osce stalls on police mission".
 */
export function titleFromUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined
  const segments = new URL(url).pathname.split('/').filter(Boolean).reverse()
  for (const segment of segments) {
    let text: string
    try {
      text = decodeURIComponent(segment)
    } catch {
      text = segment
    }
    text = text.replace(/\.(?:s?html?|php|aspx?|jsp|pdf|docx?|txt)$/i, '').replace(/[-_+.]+/g, ' ').replace(/\s+/g, ' ').trim()
    const words = text.split(' ').filter((word) => /\p{L}/u.test(word))
    if (words.length < 2) continue
    return text.charAt(0).toUpperCase() + text.slice(1)
  }
  return undefined
}

/** Front matter as `new` and `init` write it: YAML between `---` lines, long values unfolded. */
export function frontMatter(data: Record<string, unknown>): string {
  const yaml = new Document(data).toString({lineWidth: 0})
  return `---\n${yaml}---\n`
}

function configIds(project: LoadedProject): {dimensions: string[]; statuses: string[]} {
  const data = project.config.yaml?.data
  const ids = (key: string): string[] => {
    const list = isRecord(data) ? data[key] : undefined
    if (!Array.isArray(list)) return []
    return list.flatMap((entry) => (isRecord(entry) && typeof entry.id === 'string' ? [entry.id] : []))
  }
  const dimensions = ids('dimensions')
  const statuses = ids('scale')
  if (dimensions.length === 0 || statuses.length === 0)
    throw usage('scorecard.yml lists no dimensions or no scale, so the priority cannot be checked against it.', 'Run "scorecard check" and fix scorecard.yml first.')
  return {dimensions, statuses}
}

/** Ids of a folder's files (from front matter, else from the file name), mapped to their files. */
function ownWords(sources: readonly SourceFile[], id: string): boolean {
  for (const source of sources) {
    const data = source.yaml?.data
    if (!isRecord(data) || data.id !== id) continue
    return data.voice === 'direct' || data.type === 'official-statement'
  }
  return false
}

function fileIds(sources: readonly SourceFile[]): Map<string, string> {
  const ids = new Map<string, string>()
  for (const source of sources) {
    const data = source.yaml?.data
    const id = isRecord(data) && typeof data.id === 'string' ? data.id : path.basename(source.file.path, '.md')
    ids.set(id, source.file.path)
  }
  return ids
}

function chooseId(project: LoadedProject, kind: 'priority' | 'evidence', explicit: string | undefined, derived: string): string {
  const folder = path.join(project.root, contentFolders[kind])
  const ids = fileIds(kind === 'priority' ? project.priorities : project.evidence)
  const taken = (id: string): boolean => ids.has(id) || existsSync(path.join(folder, `${id}.md`))
  if (explicit !== undefined) {
    if (!isSlug(explicit)) throw usage(`Invalid --id "${explicit}": use a lowercase slug such as "media-freedom".`)
    if (taken(explicit))
      throw new ScorecardError('WRITE_FAILED', `The ${kind} id "${explicit}" is taken (${contentFolders[kind]}/${explicit}.md or another file's id).`, {
        hint: 'Choose another --id, or leave it out to get a free one.',
      })
    return explicit
  }
  if (derived === '')
    throw usage('No id can be derived from the title (it has no Latin or Cyrillic letters or digits).', 'Choose one with --id, e.g. --id media-freedom.')
  return uniqueId(derived, taken)
}

async function create(project: LoadedProject, kind: 'priority' | 'evidence', id: string, text: string): Promise<string> {
  const file = path.join(project.root, contentFolders[kind], `${id}.md`)
  await mkdir(path.dirname(file), {recursive: true})
  try {
    // `wx`: never replace a file, even one created since the id was chosen.
    await writeFile(file, text, {flag: 'wx'})
  } catch (error) {
    throw new ScorecardError('WRITE_FAILED', `Could not create ${file}: ${error instanceof Error ? error.message : String(error)}`, {cause: error})
  }
  return file
}

function expectOneOf(what: string, value: string | undefined, known: readonly string[], hint: string, flag = `--${what}`): void {
  if (value !== undefined && known.includes(value)) return
  if (value === undefined || value === '') throw usage(`Missing ${flag}: choose one of ${known.join(', ')}.`, hint)
  const best = didYouMean(value, known)
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ')
  throw usage(
    `Unknown ${what} "${value}"${best ? ` (did you mean "${best}"?)` : ''}; expected one of ${list}.`,
    `${hint} Pass it with ${flag}.`,
  )
}

function usage(message: string, hint?: string): ScorecardError {
  return new ScorecardError('INVALID_OPTION', message, hint === undefined ? {} : {hint})
}
