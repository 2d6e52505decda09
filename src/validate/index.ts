/**
 * Stage 2, validate: check each file's front matter against the content model
 * and against `scorecard.yml` (statuses, dimensions, ids, dates). Every
 * problem in every file is reported; only valid files go on.
 */
import path from 'node:path'
import type {z} from 'zod'
import {report, suggestion} from '../core/diagnostics.js'
import {isRuleId, type RuleId} from '../core/rules.js'
import {yamlPlace} from '../load/frontmatter.js'
import {isRecord, projectFiles, type LoadedProject, type SourceFile} from '../load/index.js'
import type {Evidence, Priority, Prose, ValidatedProject} from '../core/model.js'
import {dateBounds, isIsoDate, statusAt} from '../core/dates.js'
import {toPosixPath} from '../core/paths.js'
import {checkIds, referencedIds} from './ids.js'
import {formatLocator, parseLocator} from '../core/locator.js'
import {en, hasLocale, isStringKey, shippedLocales} from '../core/locales/index.js'
import {resolveTheme, shippedThemes} from '../load/templates.js'
import {checkAttribution} from './attribution.js'
import {checkShape, invisibleCharacter, place} from './shape.js'

export {invisibleCharacter} from './shape.js'
import {
  configSchema,
  evidenceFrontMatterSchema,
  priorityFrontMatterSchema,
  proseFrontMatterSchema,
  type Config,
} from '../core/schema.js'

type Issue = z.core.$ZodIssue

/** Validate a loaded project. Problems are reported on the files. */
export function validateProject(project: LoadedProject): ValidatedProject {
  const config = validateConfig(project.config)

  const priorities: Priority[] = []
  const citedByInvalid = new Set<string>()
  for (const source of project.priorities) {
    const data = checkShape(source, priorityFrontMatterSchema, 'priority')
    if (config) checkAgainstConfig(source, config)
    if (!data) {
      for (const id of referencedIds(source)) citedByInvalid.add(id)
      continue
    }
    priorities.push({
      id: data.id,
      title: data.title,
      dimension: data.dimension,
      status: data.status,
      stated: data.stated && {quote: data.stated.quote, cite: data.stated.cite, words: data.stated.words ?? 'own', ...(data.stated.translation === undefined ? {} : {translation: data.stated.translation})},
      extraEvidence: data.evidence ?? [],
      order: data.order,
      history: (data.history ?? []).map((entry) => ({
        date: String(entry.date),
        status: entry.status,
        note: entry.note,
        evidence: entry.evidence ?? [],
      })),
      source,
    })
    if (config) checkHistory(priorities.at(-1)!, config)
  }

  const evidence: Evidence[] = []
  const invalidEvidenceIds = new Set<string>()
  for (const source of project.evidence) {
    const data = checkShape(source, evidenceFrontMatterSchema, 'evidence')
    if (!data) {
      const raw = source.yaml?.data
      invalidEvidenceIds.add(isRecord(raw) && typeof raw.id === 'string' ? raw.id : path.basename(source.file.path, path.extname(source.file.path)))
      continue
    }
    const locatorParts = data.locator === undefined ? undefined : parseLocator(data.locator)
    const item: Evidence = {
      id: data.id,
      title: data.title,
      publisher: data.publisher,
      author: data.author,
      date: String(data.date),
      url: data.url,
      type: data.type,
      locator: locatorParts && formatLocator(locatorParts),
      locatorParts,
      // Reported speech unless the author says otherwise: never put words in a speaker's mouth by default.
      voice: data.voice ?? (data.speaker === undefined ? 'narrative' : 'reported'),
      speaker: data.speaker,
      spokenOn: data.spokenOn === undefined ? undefined : String(data.spokenOn),
      sourceFile: data.sourceFile,
      note: data.note,
      lang: data.lang,
      translation: data.translation && {text: data.translation.text, by: data.translation.by, source: data.translation.source},
      source,
    }
    if (config) checkEvidenceDate(item, config)
    if (config) checkTranslation(item, config)
    evidence.push(item)
  }

  const prose: Prose[] = []
  const summaryPath = config?.summary
  for (const source of project.prose) {
    const data = checkShape(source, proseFrontMatterSchema, 'prose')
    if (!data) continue
    const relative = toPosixPath(path.relative(project.root, path.resolve(source.file.cwd, source.file.path)))
    prose.push({
      id: path.basename(source.file.path, path.extname(source.file.path)),
      title: data.title,
      role: summaryPath !== undefined && relative === summaryPath.replace(/^\.\//, '') ? 'summary' : 'closing',
      source,
    })
  }

  checkIds(priorities, 'priority')
  checkIds(evidence, 'evidence')
  if (config) checkEmptyDimensions(project, config)
  checkAttribution(priorities, evidence, config && {officeHolder: config.officeHolder, config: project.config})

  return {root: project.root, config, priorities, evidence, prose, files: projectFiles(project), invalidEvidenceIds, citedByInvalid}
}

/**
 * A dimension no priority names would be a chapter with nothing in it: say
 * so. The report leaves such a chapter out (score), and the scorecard table
 * shows the dimension with no priorities.
 */
function checkEmptyDimensions(project: LoadedProject, config: Config): void {
  // A priority whose front matter cannot be read may name any dimension: say nothing then.
  if (project.priorities.some((source) => !isRecord(source.yaml?.data))) return
  // Priorities whose front matter failed other checks still count: their dimension is meant.
  const named = new Set(project.priorities.map((source) => (isRecord(source.yaml?.data) ? source.yaml.data.dimension : undefined)))
  // A mistyped dimension is reported as unknown-dimension; the one it meant is not empty.
  if ([...named].some((id) => !config.dimensions.some((dimension) => dimension.id === id))) return
  config.dimensions.forEach((dimension, index) => {
    if (named.has(dimension.id)) return
    report(project.config.file, {
      reason: `Dimension "${dimension.id}" has no priorities; its chapter is left out of the report`,
      ruleId: 'empty-dimension',
      place: place(project.config, ['dimensions', index, 'id']),
      hint: `Add a priority with "dimension: ${dimension.id}" (scorecard new priority "…" --dimension ${dimension.id}), or remove the dimension from scorecard.yml.`,
    })
  })
}

/** `lang` has a shipped table, and every key under `strings:` is one of its strings. */
function checkLocale(source: SourceFile, config: Config): void {
  if (!hasLocale(config.lang))
    report(source.file, {
      reason: `No locale table is shipped for lang "${config.lang}"; the report's words are written in English`,
      ruleId: 'unknown-locale',
      place: place(source, ['lang']),
      hint: `Shipped: ${shippedLocales.join(', ')}. Translate the English strings under "strings:" in scorecard.yml, or set lang to a shipped language.`,
    })
  for (const key of Object.keys(config.strings ?? {}))
    if (!isStringKey(key))
      report(source.file, {
        reason: `Unknown string "${key}" under strings:${suggestion(key, Object.keys(en))}`,
        ruleId: 'unknown-string',
        place: place(source, ['strings', key], true),
        hint: 'The keys are those of the locale table, src/core/locales/en.ts (listed in the README, "Languages"); sourceType… names an evidence type.',
      })
}

function validateConfig(source: SourceFile): Config | undefined {
  const config = checkShape(source, configSchema, 'config')
  if (!config) return undefined
  let ok = true
  for (const list of ['dimensions', 'scale'] as const) {
    const seen = new Set<string>()
    config[list].forEach((entry, index) => {
      if (seen.has(entry.id)) {
        ok = false
        report(source.file, {
          reason: `Duplicate ${list === 'scale' ? 'scale' : 'dimension'} id "${entry.id}"`,
          ruleId: 'duplicate-id',
          place: place(source, [list, index, 'id']),
          hint: 'Each id in the list must be unique.',
        })
      }
      seen.add(entry.id)
    })
  }
  checkLocale(source, config)
  if (config.theme !== undefined) {
    const theme = resolveTheme(path.dirname(path.resolve(source.file.cwd, source.file.path)), config.theme)
    if (theme.error !== undefined) {
      ok = false
      report(source.file, {reason: theme.error, ruleId: 'unknown-theme', place: place(source, ['theme']), hint: `Shipped themes: ${shippedThemes.join(', ')}. A folder is a path such as ./themes/mine; a package must be installed (npm install).`})
    }
  }
  const editions = config.editions ?? []
  editions.forEach((edition, index) => {
    if (index > 0 && edition.asOf <= editions[index - 1]!.asOf) {
      ok = false
      report(source.file, {
        reason: `Edition "${edition.id}" is not later than the one before it`,
        ruleId: 'history-order',
        place: place(source, ['editions', index, 'asOf']),
        hint: 'List editions oldest first, each with a later as-of date.',
      })
    }
    if (edition.asOf > config.asOf) {
      ok = false
      report(source.file, {
        reason: `Edition "${edition.id}" is dated ${edition.asOf}, after the report's as-of date ${config.asOf}`,
        ruleId: 'history-after-as-of',
        place: place(source, ['editions', index, 'asOf']),
        hint: 'Move "asOf" forward to the latest edition, or fix the edition date.',
      })
    }
  })
  const editionIds = new Set<string>()
  editions.forEach((edition, index) => {
    if (editionIds.has(edition.id)) {
      ok = false
      report(source.file, {reason: `Duplicate edition id "${edition.id}"`, ruleId: 'duplicate-id', place: place(source, ['editions', index, 'id']), hint: 'Each edition needs its own id.'})
    }
    editionIds.add(edition.id)
  })
  if (config.period && dateBounds(String(config.period.start)).start > dateBounds(String(config.period.end)).end) {
    ok = false
    report(source.file, {
      reason: `Period starts (${config.period.start}) after it ends (${config.period.end})`,
      ruleId: 'invalid-date',
      place: place(source, ['period']),
      hint: 'Swap the two dates.',
    })
  }
  return ok ? config : undefined
}


function checkAgainstConfig(source: SourceFile, config: Config): void {
  const data = source.yaml?.data
  if (!isRecord(data)) return
  for (const key of ['status', 'dimension'] as const) {
    const value = data[key]
    const hidden = typeof value === 'string' ? invisibleCharacter(value) : undefined
    if (!hidden) continue
    report(source.file, {
      reason: `Invalid value for "${key}": it contains the invisible character ${hidden}`,
      ruleId: 'invisible-character',
      place: place(source, [key]),
      hint: 'Retype the value by hand; invisible and direction-changing characters make values that look alike but differ.',
    })
    return
  }
  const statuses = config.scale.map((entry) => entry.id)
  if (typeof data.status === 'string' && data.status.length > 0 && !statuses.includes(data.status)) {
    report(source.file, {
      reason: `Unknown status "${data.status}"; expected one of ${statuses.join(', ')}${suggestion(data.status, statuses)}`,
      ruleId: 'unknown-status',
      place: place(source, ['status']),
      hint: 'Statuses are the scale ids defined in scorecard.yml.',
      actual: data.status,
      expected: statuses,
    })
  }
  const dimensions = config.dimensions.map((entry) => entry.id)
  if (typeof data.dimension === 'string' && data.dimension.length > 0 && !dimensions.includes(data.dimension)) {
    report(source.file, {
      reason: `Unknown dimension "${data.dimension}"; expected one of ${dimensions.join(', ')}${suggestion(data.dimension, dimensions)}`,
      ruleId: 'unknown-dimension',
      place: place(source, ['dimension']),
      hint: 'Dimensions are the ids listed under "dimensions" in scorecard.yml.',
      actual: data.dimension,
      expected: dimensions,
    })
  }
  if (data.stated === undefined) {
    report(source.file, {
      reason: 'Priority has no stated commitment',
      ruleId: 'missing-stated',
      place: place(source, ['id'], true),
      hint: 'Add "stated:" with "quote:" (the commitment, verbatim) and "cite:" (the evidence id it comes from).',
    })
  }
}

/**
 * History must be in date order, within the report's period up to `asOf`,
 * use scale statuses, and end in the priority's current status.
 */
function checkHistory(priority: Priority, config: Config): void {
  const {source, history} = priority
  const statuses = config.scale.map((entry) => entry.id)
  let previous: string | undefined
  history.forEach((entry, index) => {
    const start = dateBounds(entry.date).start
    if (previous !== undefined && start < previous) {
      report(source.file, {
        reason: `History entry dated ${entry.date} comes after a later one`,
        ruleId: 'history-order',
        place: place(source, ['history', index, 'date']),
        hint: 'List history entries oldest first.',
      })
    }
    previous = start
    if (start > config.asOf) {
      report(source.file, {
        reason: `History entry is dated ${entry.date}, after the report's as-of date ${config.asOf}`,
        ruleId: 'history-after-as-of',
        place: place(source, ['history', index, 'date']),
        hint: 'Check the date, or move "asOf" in scorecard.yml forward.',
      })
    }
    if (!statuses.includes(entry.status)) {
      report(source.file, {
        reason: `Unknown status "${entry.status}"; expected one of ${statuses.join(', ')}${suggestion(entry.status, statuses)}`,
        ruleId: 'unknown-status',
        place: place(source, ['history', index, 'status']),
        hint: 'Statuses are the scale ids defined in scorecard.yml.',
      })
    }
  })
  const current = statusAt(history, config.asOf)
  if (current !== undefined && current !== priority.status && statuses.includes(current)) {
    report(source.file, {
      reason: `Status "${priority.status}" does not match the latest history entry ("${current}")`,
      ruleId: 'status-mismatch',
      place: place(source, ['status']),
      hint: `Set "status: ${current}", or add a history entry that records the change to "${priority.status}".`,
    })
  }
}

/**
 * An excerpt in another language than the report's needs a translation, and
 * one in the report's language (its `lang`, or none) must not have one.
 * Languages compare by their primary subtag (`en-GB` is English).
 */
function checkTranslation(item: Evidence, config: Config): void {
  const primary = (tag: string): string => tag.split('-')[0]!.toLowerCase()
  const foreign = item.lang !== undefined && primary(item.lang) !== primary(config.lang)
  if (foreign && item.translation === undefined)
    report(item.source.file, {
      reason: `Excerpt is in "${item.lang}" and the report in "${config.lang}", and it has no translation`,
      ruleId: 'untranslated-excerpt',
      place: place(item.source, ['lang']),
      hint: 'Add "translation:" with its text and "by: authors" (or "by: published" and the published translation\'s "source"); the report shows the translation and the original in the appendix.',
    })
  if (!foreign && item.translation !== undefined)
    report(item.source.file, {
      reason: `Excerpt has a translation but is in the report's language ("${item.lang ?? config.lang}")`,
      ruleId: 'needless-translation',
      place: place(item.source, ['translation'], true),
      hint: 'Set "lang:" to the language the excerpt is quoted in, or remove "translation:".',
    })
}

function checkEvidenceDate(item: Evidence, config: Config): void {
  if (!isIsoDate(item.date)) return
  if (dateBounds(item.date).start > config.asOf) {
    report(item.source.file, {
      reason: `Evidence is dated ${item.date}, after the report's as-of date ${config.asOf}`,
      ruleId: 'evidence-after-as-of',
      place: place(item.source, ['date']),
      hint: 'Check the date, or move "asOf" in scorecard.yml forward if the report now covers it.',
    })
  }
}
