/**
 * Near-miss citations: text that was meant as a citation but is not one, so
 * it would be printed as it stands (`[id]`, `[@ id]`, `(@id)`, an id typed
 * with a Unicode dash, Pandoc's narrative `@id`). Each is an error at its
 * place, with the citation as it should be written.
 */
import {report} from '../core/diagnostics.js'
import type {SourceFile} from '../core/source.js'
import type {CitationSuspect} from './remark-citations.js'

const reasons: Record<CitationSuspect['kind'], (suspect: CitationSuspect) => string> = {
  bare: (s) => `"${s.text}" is not a citation: it has no "@"`,
  narrative: (s) => `"${s.text}" is a Pandoc narrative citation, which Scorecard does not support`,
  space: (s) => `"${s.text}" is not a citation: there is a space after "@"`,
  dash: (s) => `"${s.text}" is not a citation: the id contains a Unicode hyphen or dash (${codePoints(s.text)})`,
  paren: (s) => `"${s.text}" is not a citation: citations go in square brackets`,
}

/** Report the near-miss citations of one prose file; `isEvidence` says which ids exist. */
export function reportSuspects(source: SourceFile, isEvidence: (id: string) => boolean): void {
  for (const suspect of source.file.data.citationSuspects ?? []) {
    const malformed = suspect.kind === 'space' || suspect.kind === 'dash'
    if (!malformed && !suspect.ids.some(isEvidence)) continue
    report(source.file, {
      reason: `${reasons[suspect.kind](suspect)}; write ${suspect.fixed}`,
      ruleId: 'citation-syntax',
      place: suspect.position,
      hint:
        suspect.kind === 'narrative'
          ? 'Reports use numbered notes: cite in square brackets, [@id], and name the source in the sentence if you want it in the text.'
          : 'A citation is [@id], [@id, p. 7] or [@a; @b], with plain ASCII hyphens in the id. Anything else is printed as text.',
      actual: suspect.text,
      expected: [suspect.fixed],
    })
  }
}

function codePoints(text: string): string {
  return [...text.matchAll(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g)].map((m) => `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')
}
