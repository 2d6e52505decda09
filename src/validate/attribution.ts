/**
 * Attribution: who speaks in an excerpt, and whose words a stated commitment
 * is. Words are never put in a person's mouth: direct speech must be in
 * quotation marks, and a commitment shown as the office-holder's own words
 * must cite their direct speech — by someone `officeHolder` in scorecard.yml
 * lists as speaking for them.
 */
import {report} from '../core/diagnostics.js'
import type {Evidence, Priority} from '../core/model.js'
import type {Config} from '../core/schema.js'
import type {SourceFile} from '../core/source.js'
import {yamlPlace} from '../load/frontmatter.js'

/** `officeHolder` from scorecard.yml (undefined when it has none), and scorecard.yml itself. */
export interface OfficeHolderSetting {
  officeHolder: Config['officeHolder']
  config: SourceFile
}

/** Any quotation mark a direct quotation could open with. */
const quotationMark = /["“”„«»‘’‚]/

/**
 * Check every excerpt's voice and speaker, and every stated commitment's
 * attribution. With `setting` (a valid scorecard.yml), also whose words a
 * commitment shown as the office-holder's own cites.
 */
export function checkAttribution(priorities: readonly Priority[], evidence: readonly Evidence[], setting?: OfficeHolderSetting): void {
  for (const item of evidence) checkVoice(item)
  const byId = new Map(evidence.map((item) => [item.id, item]))
  /** Commitments shown as the office-holder's own words that cite someone's direct speech or an official statement. */
  const ownWords: {priority: Priority; cited: Evidence}[] = []
  for (const priority of priorities) {
    const stated = priority.stated
    const cited = stated && byId.get(stated.cite)
    if (!stated || !cited || stated.words !== 'own') continue
    if (cited.voice === 'direct') {
      checkOwnWordsQuoted(priority, stated.quote, cited)
      ownWords.push({priority, cited})
      continue
    }
    // An official statement's own narrative is the office-holder speaking for itself.
    if (cited.voice === 'narrative' && cited.type === 'official-statement') {
      ownWords.push({priority, cited})
      continue
    }
    const how = cited.voice === 'reported' ? `reported speech${cited.speaker ? ` about ${cited.speaker}` : ''}` : "the author's narrative"
    report(priority.source.file, {
      reason: `The stated commitment is shown as the office-holder's own words, but "${cited.id}" is ${how}, not direct speech`,
      ruleId: 'stated-not-own-words',
      severity: 'warning',
      place: place(priority.source, ['stated', 'quote']),
      hint: `Cite the office-holder's direct speech (voice: direct) or their own statement (type: official-statement), or add "words: summary" under "stated" so the report says whose summary it is.`,
    })
  }
  if (setting) checkOfficeHolder(ownWords, setting)
}

/** A name as compared: case, spacing, Unicode form and the kind of apostrophe do not count. */
const comparableName = (name: string): string =>
  name.normalize('NFKC').replace(/[‘’ʼ`´]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * The forms of a speaker a listed name may match: the whole of it, and the
 * name before its description ("Kanat Saudabayev, Kazakh foreign minister",
 * "Government of Kazakhstan (chairmanship programme)"), as the report's notes
 * name a speaker by the words before the comma.
 */
const speakerForms = (speaker: string): string[] => [speaker, speaker.split(',')[0]!, speaker.split(/[,(]/)[0]!].map(comparableName)

/**
 * Whose words a commitment shown as the office-holder's own is: direct
 * speech must be by a speaker `officeHolder.speakers` lists, and an official
 * statement in its own words must be by (author or publisher) one of them.
 * Without the setting, say once that nothing of this is checked.
 */
function checkOfficeHolder(ownWords: readonly {priority: Priority; cited: Evidence}[], {officeHolder, config}: OfficeHolderSetting): void {
  if (ownWords.length === 0) return
  if (!officeHolder) {
    const count = ownWords.length === 1 ? 'A stated commitment is' : `${ownWords.length} stated commitments are`
    report(config.file, {
      reason: `${count} shown as the office-holder's own words, but scorecard.yml has no "officeHolder": whose words they cite is not checked`,
      ruleId: 'missing-office-holder',
      severity: 'info',
      hint: 'Add "officeHolder:" to scorecard.yml with the office-holder\'s "name" and the "speakers" whose words may stand as theirs, e.g. officeHolder: {name: "Kazakhstan\'s 2010 OSCE Chairmanship", speakers: [Kanat Saudabayev, Nursultan Nazarbayev]} (README, "Attribution").',
    })
    return
  }
  const listed = new Set(officeHolder.speakers.map(comparableName))
  const speaksFor = (who: string | undefined): boolean => who !== undefined && speakerForms(who).some((form) => listed.has(form))
  for (const {priority, cited} of ownWords) {
    const direct = cited.voice === 'direct'
    if (direct ? speaksFor(cited.speaker) : speaksFor(cited.author) || speaksFor(cited.publisher)) continue
    // An official statement is its publisher's (a government, a ministry): the one to list if it speaks for the office-holder.
    const who = direct ? cited.speaker : cited.author === undefined ? cited.publisher : `${cited.author} for ${cited.publisher}`
    const what = direct ? (who === undefined ? 'direct speech that names no speaker' : `direct speech by ${who}`) : `an official statement by ${who}`
    const name = (direct ? cited.speaker : cited.publisher)?.split(/[,(]/)[0]!.trim()
    const addWho = name === undefined ? '' : `; or, if ${name} speaks for ${officeHolder.name}, add "${name}" to officeHolder.speakers in scorecard.yml`
    report(priority.source.file, {
      reason: `The stated commitment is shown as the own words of ${officeHolder.name}, but "${cited.id}" is ${what}${who === undefined ? '' : ", whom officeHolder.speakers in scorecard.yml does not list"}`,
      ruleId: 'stated-not-office-holder',
      severity: 'warning',
      place: place(priority.source, ['stated', 'cite']),
      hint: `Cite the words of ${officeHolder.name} (direct speech by a listed speaker, or their own official statement), or add "words: summary" under "stated" so the report says whose summary it is${addWho}.`,
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
