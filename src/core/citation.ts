/**
 * Citations as parsed from prose. Their own module, so that the content-file
 * types (source.ts) and the model (model.ts, which re-exports them) both use
 * them without importing each other.
 */

/** A reference from prose to one evidence excerpt: `[@id, p. 7]`. */
export interface CitationItem {
  id: string
  /** Text after the comma, e.g. "p. 7". */
  locator?: string
  /** Text before the `@`, e.g. "see". */
  prefix?: string
}

/** One bracketed citation, `[@a; @b, p. 3]`, which becomes one endnote. */
export interface Citation {
  items: CitationItem[]
}
