/**
 * What a Markdown body's rendering depends on besides its tree: the chapter
 * it sits in, its heading level and id prefix, the notes registered before
 * it. Passed to the rehype passes as `file.data.render`.
 */
import type {Citation, Evidence} from '../core/model.js'

/** One numbered endnote: a citation with its evidence resolved. */
export interface Note {
  number: number
  id: string
  refId: string
  items: {evidence: Evidence; number: number; locator: string | undefined; prefix: string | undefined}[]
}

/** The context of one body's rendering (see the module comment). */
export interface BodyContext {
  citations: Citation[]
  /** The chapter's notes so far; undefined where a body has none (excerpts). */
  notes: Note[] | undefined
  chapterId: string
  /** Heading level of the element the body sits in; its top heading goes one below. */
  containerLevel: number
  idPrefix: string
  appendixNumber: Map<string, number>
  evidenceById: Map<string, Evidence>
  /** Whether the body is the authors' own words (priorities, chapter prose), which the typographer sets; false for excerpts. */
  ownWords?: boolean
  /** The report's language (BCP 47), for the typographer's quotation marks. */
  lang?: string
  /** The project's string overrides (`strings:` in scorecard.yml), whose quotation marks the typographer uses. */
  strings?: Readonly<Record<string, string>>
  /** Evidence left out of this edition. */
  excluded: Set<string>
  /** Citations dropped because all they cite is left out; counted for the reader. */
  omitted: number
  /** The accessible name of a note reference, `Note {number}` in the report's locale; English when undefined. */
  noteLabel?: string
  /** Citation indices in the order the body's notes were registered (see `renderBody`). */
  noted?: number[]
  /** The citation behind each note reference the body got, in document order, with only the evidence this edition shows. */
  referenced?: Citation[]
}

declare module 'vfile' {
  interface DataMap {
    render: BodyContext
  }
}
