/**
 * Honest attribution in the report: whose words an excerpt gives and how
 * (quoted, reported, or the author's own), whose words a stated commitment
 * is, and how many excerpts were verified against their sources.
 */
import {localeFor, type Locale} from '../core/locales/index.js'
import type {Evidence, Priority, ScoredReport} from '../core/model.js'

const english = localeFor('en')

/** The surname-first short name of a person or, for an organisation, its name. */
function shortName(name: string): string {
  return name.trim().split(/\s+/).at(-1) ?? name
}

/** The name before any description: "Kanat Saudabayev, Kazakh foreign minister" → "Kanat Saudabayev". */
function personName(speaker: string): string {
  return speaker.split(',')[0]!.trim()
}

/**
 * How a note credits an excerpt. Direct speech: "Saudabayev, quoted in
 * Bugajski, …"; reported speech: "Bugajski, reporting Saudabayev, …";
 * narrative: the author alone.
 */
export function noteAttribution(evidence: Evidence, full: boolean) {
  const speaker = evidence.voice === 'narrative' ? undefined : evidence.speaker
  const direct = speaker !== undefined && evidence.voice === 'direct'
  const reported = speaker !== undefined && evidence.voice === 'reported'
  const reporter = evidence.author ?? evidence.publisher
  return {
    direct,
    reported,
    speaker: speaker && (direct && full ? speaker : personName(speaker)),
    reporter: full ? reporter : shortName(evidence.author ?? '') || evidence.publisher,
    // The reporter already named leads the note; the full form does not repeat them.
    showAuthor: evidence.author !== undefined && !reported,
    showPublisher: !(reported && evidence.author === undefined),
  }
}

/** The appendix label of an excerpt's speaker: "Quoting …" or "Reporting …". */
export function appendixSpeaker(evidence: Evidence, locale: Locale = english): string | undefined {
  if (evidence.voice === 'narrative' || evidence.speaker === undefined) return undefined
  return locale.t(evidence.voice === 'direct' ? 'quoting' : 'reportingSpeaker', {speaker: evidence.speaker})
}

/** Who summarised a stated commitment that is not the office-holder's own words. */
export function statedSummarisedBy(priority: Priority, evidenceById: ReadonlyMap<string, Evidence>, locale: Locale = english): string | undefined {
  if (!priority.stated || priority.stated.words !== 'summary') return undefined
  const cited = evidenceById.get(priority.stated.cite)
  return cited ? (cited.author ?? cited.publisher) : locale.t('aThirdParty')
}

/** How many of this edition's excerpts were verified against their sources, as a sentence; undefined when none names a source. */
export function verificationSentence(report: ScoredReport, locale: Locale = english): string | undefined {
  const verification = report.verification
  if (!verification) return undefined
  const total = report.appendix.length
  const verified = report.appendix.filter(({evidence}) => verification.verified.get(evidence.id) === true).length
  const sources = verification.sources.filter((source) => source.available).length
  const excerpts = locale.t('excerpts', {count: total})
  if (verified === 0) return locale.t('verifiedNone', {total: excerpts})
  const values = {total: excerpts, verified, verb: locale.t('wasWere', {count: verified}), sources: locale.t('theirSources', {count: sources})}
  return locale.t(verified === total ? 'verifiedAll' : 'verifiedSome', values)
}
