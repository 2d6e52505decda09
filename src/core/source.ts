/**
 * Content files as the stages pass them along: what load reads, what link
 * parses. These types sit in the core so that load, link and the model share
 * them without importing one another.
 */
import type {Root} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {Document} from 'yaml'
import type {Citation} from './citation.js'

declare module 'vfile' {
  interface DataMap {
    /** Citations of this file in reading order; index = `data-cite-index`. */
    citations: CitationEntry[]
  }
}

/** One citation of a file, where it stands in the file. */
export interface CitationEntry {
  citation: Citation
  position: Position | undefined
}

/** What a content file is for. */
export type FileKind = 'config' | 'priority' | 'evidence' | 'prose'

/** Parsed YAML front matter (or the whole of scorecard.yml), with its place in the file. */
export interface YamlSource {
  doc: Document.Parsed
  /** Offset of the first YAML character within the file. */
  offset: number
  /** The parsed value, or undefined when the YAML had errors. */
  data: unknown
}

/** One content file as read from disk. */
export interface SourceFile {
  kind: FileKind
  file: VFile
  /** Parsed front matter (or the whole of scorecard.yml). */
  yaml: YamlSource | undefined
  /** Markdown body with front matter blanked out, so positions match the file. */
  body: string
}

/** Every content file of a project. */
export interface LoadedProject {
  /** Absolute project directory (where scorecard.yml is). */
  root: string
  config: SourceFile
  priorities: SourceFile[]
  evidence: SourceFile[]
  prose: SourceFile[]
  /** Files in the content folders that were not read (not Markdown), each with a `skipped-file` warning. */
  skipped?: VFile[]
}

/**
 * Parsed Markdown bodies kept between runs (`preview`, benchmarks), keyed by
 * the exact body text: an unchanged file is never parsed twice.
 */
export type ParseCache = Map<string, {tree: Root; citations: CitationEntry[]}>
