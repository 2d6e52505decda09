/**
 * Attribution: who speaks in an excerpt, and whose words a stated commitment
 * is. Words are never put in a person's mouth: direct speech must be in
 * quotation marks, and a commitment shown as the office-holder's own words
 * must cite their direct speech.
 */
import {report} from '../core/diagnostics.js'
import type {Evidence, Priority} from '../core/model.js'
import type {SourceFile} from '../core/source.js'
import {yamlPlace} from '../load/frontmatter.js'

/** Any quotation mark a direct quotation could open with. */
const quotationMark = /["“”„«»‘’‚]/

/** Check every excerpt's voice and speaker, and every stated commitment's attribution. */
export function checkAttribution(priorities: readonly Priority[], evidence: readonly Evidence[]): void {
  for (const item of evidence) checkVoice(item)
  const byId = new Map(evidence.map((item) => [item.id, item]))
  for (const priority of priorities) {
    const stated = priority.stated
    const cited = stated && byId.get(stated.cite)
    if (!stated || !cited || stated.words !== 'own') continue
    if (cited.voice === 'direct') {
      checkOwnWordsQuoted(priority, stated.quote, cited)
      continue
    }
    // An official statement's own narrative is the office-holder speaking for itself.
    if (cited.voice === 'narrative' && cited.type === 'official-statement') continue
    const how = cited.voice === 'reported' ? `reported speech${cited.speaker ? ` about ${cited.speaker}` : ''}` : "the author's narrative"
    report(priority.source.file, {
      reason: `The stated commitment is shown as the office-holder's own words, but "${cited.id}" is ${how}, not direct speech`,
      ruleId: 'stated-not-own-words',
      severity: 'warning',
      place: place(priority.source, ['stated', 'quote']),
      hint: `Cite the office-holder's direct speech (voice: direct) or their own statement (type: official-statement), or add "words: summary" under "stated" so the report says whose summary it is.`,
    })
  }
}

/** Double quotation marks, which open and close a direct quotation (apostrophes and single quotes are left out). */
const doubleQuote = /["“”„«»]/g

/** Text compared for a quotation: whitespace collapsed, one kind of double quote and of apostrophe, no emphasis marks. */
const comparable = (text: string): string =>
  text.replace(/[*]/g, '').replace(/\s+/g, ' ').replace(doubleQuote, '"').replace(/[‘’]/g, "'").trim()

/**
 * Direct speech quotes the speaker inside quotation marks; the words around
 * them ("Saudabayev argued that …") are the author's. A commitment shown as
 * the office-holder's own words must stand inside the marks. Only checked when
 * the quote is in the excerpt at all (`stated-quote-mismatch` covers the rest).
 */
function checkOwnWordsQuoted(priority: Priority, quote: string, cited: Evidence): void {
  const excerpt = comparable(cited.source.body)
  const wanted = comparable(quote)
  if (wanted.length === 0 || !excerpt.includes(wanted)) return
  const marks = [...excerpt.matchAll(/"/g)].map((match) => match.index)
  for (let index = 0; index + 1 < marks.length; index += 2) if (excerpt.slice(marks[index]! + 1, marks[index + 1]!).includes(wanted)) return
  report(priority.source.file, {
    reason: `The stated commitment is shown as the office-holder's own words, but it is not inside the quotation marks of "${cited.id}": words outside them are the author's`,
    ruleId: 'stated-not-own-words',
    severity: 'warning',
    place: place(priority.source, ['stated', 'quote']),
    hint: `Quote only the words the excerpt prints in quotation marks, or add "words: summary" under "stated" so the report says whose summary it is.`,
  })
}

function checkVoice(item: Evidence): void {
  const data = item.source.yaml?.data as {voice?: unknown} | undefined
  const explicit = data?.voice !== undefined
  if (item.voice === 'direct' && !quotationMark.test(item.source.body)) {
    report(item.source.file, {
      reason: 'The excerpt is marked as direct speech but contains no quotation marks',
      ruleId: 'direct-without-quotation-marks',
      severity: 'warning',
      place: place(item.source, ['voice']),
      hint: 'Direct speech is what the source prints in quotation marks. Use "voice: reported" for the author\'s account of what someone said.',
    })
  }
  if (item.voice !== 'narrative' && item.speaker === undefined) {
    report(item.source.file, {
      reason: `The excerpt is ${item.voice} speech but names no speaker`,
      ruleId: 'missing-speaker',
      severity: 'warning',
      place: place(item.source, ['voice']),
      hint: 'Add "speaker:" with the person whose words these are, or use "voice: narrative" for the author\'s own words.',
    })
  }
  if (explicit && item.voice === 'narrative' && item.speaker !== undefined) {
    report(item.source.file, {
      reason: `A narrative excerpt names a speaker ("${item.speaker}")`,
      ruleId: 'speaker-in-narrative',
      severity: 'warning',
      place: place(item.source, ['speaker']),
      hint: 'Narrative is the author\'s own words, credited to the author alone. Use "voice: reported" or "direct" if the excerpt gives what the speaker said.',
    })
  }
}

function place(source: SourceFile, at: readonly PropertyKey[]) {
  return source.yaml ? yamlPlace(source.file, source.yaml, at) : undefined
}
