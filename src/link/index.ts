/**
 * Stage 3, link: parse every Markdown body once, and resolve every reference
 * (citations, `stated.cite`, extra evidence) to an evidence excerpt.
 */
import path from 'node:path'
import type {Definition, Image, ImageReference, Root} from 'mdast'
import {quoteDifference} from './quote-diff.js'
import {formatLocator, parseLocator} from '../core/locator.js'
import {visit} from 'unist-util-visit'
import {resolveImage} from './images.js'
import {toString} from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {report, suggestion} from '../core/diagnostics.js'
import {yamlPlace} from '../load/frontmatter.js'
import type {ParseCache, SourceFile} from '../core/source.js'
import type {Evidence, LinkedProject, ParsedBody, Priority, Prose, ValidatedProject} from '../core/model.js'
import {parsePlainParagraphs, parseSimpleProse} from './markdown-fast-path.js'
import {remarkCitations} from './remark-citations.js'
import {checkRawText} from './raw-text.js'
import {reportSuspects} from './citation-hygiene.js'

// Built once: parsing is the hot path for large projects.
// Assessment prose: Markdown + GFM + our citations.
const proseParser = unified().use(remarkParse).use(remarkGfm).use(remarkCitations).freeze()
// Evidence excerpts are quotations: no citations inside them.
const excerptParser = unified().use(remarkParse).use(remarkGfm).freeze()

export type {ParseCache} from '../core/source.js'

/** A cache for `check`/`build` runs on the same project. */
export function createParseCache(): ParseCache {
  return new Map()
}

/**
 * The cache key of each file's body as of its last run, per cache. A key is
 * the whole body: hashing it anew on every run of a session cost as much as
 * all the rest of linking a warm project, while the same string, once hashed,
 * is looked up at once.
 */
const cacheKeys = new WeakMap<ParseCache, Map<string, {body: string; key: string}>>()

function cacheKey(source: SourceFile, citations: boolean, cache: ParseCache | undefined): string {
  const file = `${citations ? 'p' : 'e'}\u0000${source.file.path}`
  if (!cache) return `${file}\u0000${source.body}`
  let keys = cacheKeys.get(cache)
  if (!keys) cacheKeys.set(cache, (keys = new Map()))
  const known = keys.get(file)
  if (known?.body === source.body) return known.key
  const key = `${file}\u0000${source.body}`
  keys.set(file, {body: source.body, key})
  return key
}

/** Parse a body, with citations in prose (not in excerpts). */
export function parseBody(source: SourceFile, options: {citations: boolean; cache?: ParseCache | undefined}): ParsedBody {
  const key = cacheKey(source, options.citations, options.cache)
  const cached = options.cache?.get(key)
  if (cached) {
    source.file.data.citations = cached.citations
    return {tree: cached.tree, citations: cached.citations.map((entry) => entry.citation), file: source.file}
  }
  const before = source.file.messages.length
  const parsed = parseUncached(source, options.citations)
  // Trees whose parsing reported a problem are not cached, so the problem is reported again next run.
  // Nor are trees with near-miss citations: link reports those from file data the cache does not keep.
  if (options.cache && source.file.messages.length === before && !source.file.data.citationSuspects?.length) options.cache.set(key, {tree: parsed.tree, citations: source.file.data.citations ?? []})
  return parsed
}

function parseUncached(source: SourceFile, citations: boolean): ParsedBody {
  const parser = citations ? proseParser : excerptParser
  source.file.data.citations = []
  let tree: Root
  try {
    // Most excerpts are plain paragraphs, and most prose paragraphs with emphasis
    // and citations: neither needs the Markdown parser (see markdown-fast-path.ts).
    // Prose still goes through the processor's transforms (remark-citations).
    const simple = citations ? parseSimpleProse(source.body) : parsePlainParagraphs(source.body)
    tree = simple && !citations ? simple : (parser.runSync(simple ?? parser.parse(source.body), source.file) as Root)
  } catch (error) {
    // The line scan in load catches realistic abuse; this is the backstop.
    if (!(error instanceof RangeError)) throw error
    report(source.file, {
      reason: 'The Markdown is nested too deeply to parse',
      ruleId: 'nesting-too-deep',
      place: {line: 1, column: 1},
      hint: 'Flatten the structure; real reports never nest this deep.',
    })
    tree = {type: 'root', children: []}
    source.file.data.citations = []
  }
  if (source.body.includes('<')) checkRawText(tree, source.file)
  return {
    tree,
    citations: (source.file.data.citations ?? []).map((entry) => entry.citation),
    file: source.file,
  }
}

// Link, JSON and CSV each need an excerpt's text; trees are never edited in a
// way that changes it (link only rewrites image URLs), so it is computed once.
const excerptTexts = new WeakMap<Root, string>()

/** The plain text of an excerpt, paragraphs separated by blank lines. */
export function excerptText(body: ParsedBody): string {
  let text = excerptTexts.get(body.tree)
  if (text === undefined) {
    text = body.tree.children.map((node) => toString(node).trim()).filter(Boolean).join('\n\n')
    excerptTexts.set(body.tree, text)
  }
  return text
}

/**
 * Link a validated project. Returns undefined when scorecard.yml itself is
 * invalid: nothing can be resolved without dimensions and a scale.
 */
export function linkProject(project: ValidatedProject, options: {cache?: ParseCache} = {}): LinkedProject | undefined {
  const cache = options.cache
  const bodies = new Map<Priority | Evidence | Prose, ParsedBody>()
  const evidenceById = new Map(project.evidence.map((item) => [item.id, item]))
  const known = [...evidenceById.keys()]
  const citedBy = new Map<string, string[]>(project.evidence.map((item) => [item.id, []]))
  const citedAnywhere = new Set<string>()
  const evidenceOf = new Map<string, string[]>()

  for (const item of project.evidence) {
    const body = parseBody(item.source, {citations: false, cache})
    bodies.set(item, body)
    if (excerptText(body).length === 0) {
      report(item.source.file, {
        reason: 'Evidence has no excerpt',
        ruleId: 'empty-excerpt',
        place: place(item.source, ['id']),
        hint: 'Paste the quotation, word for word, below the front matter.',
      })
    }
  }

  const isEvidence = (id: string) => evidenceById.has(id) || project.invalidEvidenceIds.has(id)
  const checkCitations = (source: SourceFile): string[] => {
    reportSuspects(source, isEvidence)
    const ids: string[] = []
    const entries = source.file.data.citations ?? []
    entries.forEach(({citation, position}) => {
      for (const {id} of citation.items) {
        const evidence = evidenceById.get(id)
        if (evidence) {
          ids.push(id)
          checkCitationLocator(source, position, id, citation.items.find((item) => item.id === id)?.locator, evidence)
          continue
        }
        if (project.invalidEvidenceIds.has(id)) continue
        report(source.file, {
          reason: `Citation of unknown evidence "${id}"${suggestion(id, known)}`,
          ruleId: 'missing-evidence',
          place: position,
          hint: 'Cite the id of a file in evidence/, or add that evidence file.',
          actual: id,
        })
      }
    })
    return ids
  }

  for (const priority of project.priorities) {
    const body = parseBody(priority.source, {citations: true, cache})
    bodies.set(priority, body)
    const ids: string[] = []
    if (priority.stated) {
      if (evidenceById.has(priority.stated.cite)) ids.push(priority.stated.cite)
      else if (!project.invalidEvidenceIds.has(priority.stated.cite)) missingReference(priority.source, ['stated', 'cite'], priority.stated.cite, known)
    }
    ids.push(...checkCitations(priority.source))
    priority.extraEvidence.forEach((id, index) => {
      if (evidenceById.has(id)) ids.push(id)
      else if (!project.invalidEvidenceIds.has(id)) missingReference(priority.source, ['evidence', index], id, known)
    })
    priority.history.forEach((entry, index) => {
      entry.evidence.forEach((id, position) => {
        if (evidenceById.has(id)) ids.push(id)
        else if (!project.invalidEvidenceIds.has(id)) missingReference(priority.source, ['history', index, 'evidence', position], id, known)
      })
    })
    const unique = [...new Set(ids)]
    evidenceOf.set(priority.id, unique)
    for (const id of unique) {
      citedAnywhere.add(id)
      citedBy.get(id)?.push(priority.id)
    }

    if (unique.length === 0 && !hasUnresolved(priority, project.invalidEvidenceIds)) {
      report(priority.source.file, {
        reason: `Priority "${priority.id}" cites no evidence`,
        ruleId: 'no-evidence',
        place: place(priority.source, ['id']),
        hint: 'Cite at least one evidence excerpt in the assessment, e.g. [@evidence-id], or list ids under "evidence:".',
      })
    }
    if (toString(body.tree).trim().length === 0) {
      report(priority.source.file, {
        reason: `Priority "${priority.id}" has no assessment text`,
        ruleId: 'empty-assessment',
        place: place(priority.source, ['id']),
        hint: 'Write the assessment below the front matter.',
      })
    }
    checkStatedQuote(priority, evidenceById, bodies)
  }

  for (const prose of project.prose) {
    const body = parseBody(prose.source, {citations: true, cache})
    bodies.set(prose, body)
    for (const id of checkCitations(prose.source)) citedAnywhere.add(id)
  }

  for (const [item, body] of bodies) checkImages(item.source, body, project.root)

  for (const item of project.evidence) {
    if (citedAnywhere.has(item.id) || project.citedByInvalid?.has(item.id)) continue
    report(item.source.file, {
      reason: `Evidence "${item.id}" is not cited by any priority`,
      ruleId: 'uncited-evidence',
      place: place(item.source, ['id']),
      hint: `Cite it with [@${item.id}] in an assessment, list it under a priority's "evidence:", or delete it.`,
    })
  }

  if (!project.config) return undefined
  return {...project, config: project.config, bodies, evidenceOf, citedBy}
}

function hasUnresolved(priority: Priority, invalid: Set<string>): boolean {
  const referenced = [priority.stated?.cite, ...priority.extraEvidence, ...(priority.source.file.data.citations ?? []).flatMap((c) => c.citation.items.map((i) => i.id))]
  return priority.source.file.messages.some((message) => message.ruleId === 'missing-evidence') || referenced.some((id) => id !== undefined && invalid.has(id))
}

function missingReference(source: SourceFile, at: PropertyKey[], id: string, known: string[]): void {
  report(source.file, {
    reason: `Reference to unknown evidence "${id}"${suggestion(id, known)}`,
    ruleId: 'missing-evidence',
    place: place(source, at),
    hint: 'Use the id of a file in evidence/, or add that evidence file.',
    actual: id,
  })
}

/** A citation's own locator (`[@id, p. 7]`) must be one the excerpt's locator supports. */
function checkCitationLocator(source: SourceFile, position: Parameters<typeof report>[1]['place'], id: string, written: string | undefined, evidence: Evidence): void {
  if (written === undefined) return
  const cited = parseLocator(written)
  if (cited.text !== undefined) return
  const own = evidence.locatorParts
  const differs = (['page', 'section', 'paragraph'] as const).filter((kind) => cited[kind] !== undefined && own?.[kind] !== cited[kind])
  if (differs.length === 0) return
  const has = own && own.text === undefined ? formatLocator(own) : undefined
  report(source.file, {
    reason: `Citation of "${id}" gives ${formatLocator(cited)}, but the excerpt is located at ${has ? has : 'no verifiable place'}`,
    ruleId: 'citation-locator-mismatch',
    place: position,
    hint: has ? `Cite it as [@${id}, ${has}], or without a locator (the evidence appendix shows it).` : 'Give the excerpt a page or section locator the source marks, or cite it without a locator.',
    actual: written,
  })
}

/** The stated commitment should be a quotation from the excerpt it cites. */
function checkStatedQuote(
  priority: Priority,
  evidenceById: Map<string, Evidence>,
  bodies: Map<Priority | Evidence | Prose, ParsedBody>,
): void {
  if (!priority.stated) return
  const evidence = evidenceById.get(priority.stated.cite)
  const body = evidence && bodies.get(evidence)
  if (!body) return
  const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim()
  const excerpt = normalise(excerptText(body))
  const quote = normalise(priority.stated.quote)
  if (excerpt.includes(quote)) return
  const diff = quoteDifference(quote, excerpt)
  const where = diff.excerpt ? `: the quote has "${diff.quote}" where the excerpt has "${diff.excerpt}"` : `: the quote begins "${diff.quote}", which the excerpt does not contain`
  report(priority.source.file, {
    reason: `The stated quotation does not appear in evidence "${priority.stated.cite}"${where}`,
    ruleId: 'stated-quote-mismatch',
    place: place(priority.source, ['stated', 'quote']),
    hint: diff.typographic
      ? 'The only difference is typographic: use the same curly quotes, apostrophes, ellipsis and dashes as the excerpt.'
      : 'Quote the commitment word for word from the cited excerpt, or cite the excerpt that contains it.',
  })
}

/**
 * Local images are embedded (the tree's URL becomes a `data:` URL); anything
 * that would reach the network or leave the project is reported and dropped.
 */
function checkImages(source: SourceFile, body: ParsedBody, root: string): void {
  // Every image, inline or by reference, starts with "![" in the source.
  if (!source.body.includes('![')) return
  const fromFile = path.resolve(source.file.cwd, source.file.path)
  resolveImageReferences(body.tree)
  visit(body.tree, 'image', (node: Image) => {
    const result = resolveImage(node.url, fromFile, root)
    const at = node.position
    switch (result.kind) {
      case 'embedded':
        node.url = result.dataUrl
        return
      case 'data':
        return
      case 'remote':
        report(source.file, {
          reason: `Remote image "${node.url}" is not loaded`,
          ruleId: 'remote-resource',
          place: at,
          hint: 'Reports never fetch anything from the network. Save the image inside the project and link it by a relative path.',
        })
        break
      case 'outside':
        report(source.file, {
          reason: `Image "${node.url}" is outside the project`,
          ruleId: 'path-outside-project',
          place: at,
          hint: 'Images must be files inside the project folder, linked by a relative path.',
        })
        break
      case 'missing':
        report(source.file, {reason: `Image "${node.url}" does not exist`, ruleId: 'missing-file', place: at, hint: 'Fix the path (relative to this file) or add the image.'})
        break
      case 'special':
        report(source.file, {reason: `Image "${node.url}" is ${result.what}, not a regular file; it is not read`, ruleId: 'not-a-regular-file', place: at, hint: 'Link an ordinary image file.'})
        break
      case 'unsupported':
        report(source.file, {
          reason: `Image "${node.url.slice(0, 60)}" is not a PNG, JPEG, GIF or WebP file`,
          ruleId: 'unsupported-image',
          place: at,
          hint: 'Convert it to PNG or JPEG. SVG is not embedded because it can carry script.',
        })
        break
      case 'too-large':
        report(source.file, {reason: `Image "${node.url}" is larger than 5 MB`, ruleId: 'file-too-large', place: at, hint: 'Resize or compress it.'})
        break
    }
    node.url = ''
  })
}

/**
 * `![alt][label]` with `[label]: url` elsewhere: made an ordinary image, so
 * that it is checked, embedded or reported like one (a remote one used to be
 * dropped by the renderer without the `remote-resource` warning).
 */
function resolveImageReferences(tree: Root): void {
  const definitions = new Map<string, Definition>()
  visit(tree, 'definition', (node: Definition) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  if (definitions.size === 0) return
  visit(tree, 'imageReference', (node: ImageReference, index, parent) => {
    const definition = definitions.get(node.identifier)
    if (!definition || !parent || index === undefined) return
    const image: Image = {type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? '', ...(node.position ? {position: node.position} : {})}
    parent.children[index] = image
  })
}

function place(source: SourceFile, at: readonly PropertyKey[]) {
  return source.yaml ? yamlPlace(source.file, source.yaml, at) : undefined
}

