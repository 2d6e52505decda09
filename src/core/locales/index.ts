/**
 * Locales: every string a reader of the report sees, from fixed tables in
 * the repository (en.ts, ru.ts), never from the ICU data of the Node.js
 * running the build, so that output stays byte-identical across versions.
 * A table is chosen by the report's `lang` (its primary subtag: `en-GB`
 * reads en.ts); `strings:` in scorecard.yml overrides single strings.
 *
 * A string is a small template: `{name}` is a value filled in, and `|`
 * separates plural forms, chosen by the `count` value with the locale's
 * plural rule (English one|other; Russian one|few|many).
 */
import {en, type StringKey, type Strings} from './en.js'
import {ru} from './ru.js'

export {en, type StringKey, type Strings} from './en.js'
export {ru} from './ru.js'

/** A shipped locale: its table, plural rule and hyphenation language. */
export interface LocaleDefinition {
  strings: Strings
  /** Index of the plural form for `n`. */
  plural(n: number): number
  /** Language the hyphenator and typographer use. */
  hyphenate: string
}

const locales: Readonly<Record<string, LocaleDefinition>> = {
  en: {strings: en, plural: (n) => (n === 1 ? 0 : 1), hyphenate: 'en'},
  ru: {
    strings: ru,
    plural(n) {
      const ten = n % 10
      const hundred = n % 100
      if (ten === 1 && hundred !== 11) return 0
      if (ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14)) return 1
      return 2
    },
    hyphenate: 'ru',
  },
}

/** Languages with a shipped table, by primary subtag. */
export const shippedLocales: readonly string[] = Object.keys(locales).sort()

/** The primary language subtag of a BCP 47 tag, lower case: `en-GB` → `en`. */
export function primaryLanguage(lang: string): string {
  return lang.split('-')[0]!.toLowerCase()
}

/** The plural rule of a shipped table (English for any other). */
export function pluralRule(table: string): (n: number) => number {
  return (locales[table] ?? locales.en!).plural
}

/** Whether a table is shipped for `lang`. */
export function hasLocale(lang: string): boolean {
  return Object.hasOwn(locales, primaryLanguage(lang))
}

/** Whether `key` is a string a project may override: a key of the tables, or a `sourceType…` for its own evidence types. */
export function isStringKey(key: string): boolean {
  return Object.hasOwn(en, key) || /^sourceType[A-Z][A-Za-z0-9]*$/.test(key)
}

/** The locale of a report: the resolved strings and how to fill them in. */
export interface Locale {
  /** The report's `lang`. */
  lang: string
  /** The table's language (`en` when `lang` has no table). */
  table: string
  strings: Strings & Record<string, string>
  quotes: {open: string; close: string; innerOpen: string; innerClose: string}
  hyphenate: string
  plural(n: number): number
  /** The string `key` with `values` filled in (the plural form by `values.count`). */
  t(key: StringKey, values?: Record<string, string | number>): string
  /** `17 July 2010`, `July 2010` or `2010` (in the table's forms): only the precision the date has. */
  date(value: string): string
}

const made = new Map<string, Locale>()

/** Quotation marks as a locale gives them: outer pair, then the pair inside it. */
export type QuoteStyle = Locale['quotes']

/**
 * Quotation marks of languages and regions that have no table of their own
 * (or whose region differs from its table): the typographer and the excerpts
 * use them, the rest of the strings fall back as the table does. A
 * project's `strings:` (quoteOpen, …) still wins.
 */
const quoteStyles: Readonly<Record<string, QuoteStyle>> = {
  'en-gb': {open: '‘', close: '’', innerOpen: '“', innerClose: '”'},
  uk: {open: '«', close: '»', innerOpen: '„', innerClose: '“'},
  be: {open: '«', close: '»', innerOpen: '„', innerClose: '“'},
  de: {open: '„', close: '“', innerOpen: '‚', innerClose: '‘'},
}

/** The quotation marks of `lang` with `strings` (a table, overrides applied): by tag, then by language, then the table's. */
function quotesOf(lang: string, strings: Strings, overrides: Readonly<Record<string, string>> | undefined): QuoteStyle {
  const tag = lang.toLowerCase()
  const style = quoteStyles[tag] ?? quoteStyles[tag.split('-')[0]!]
  const fromTable: QuoteStyle = {open: strings.quoteOpen, close: strings.quoteClose, innerOpen: strings.quoteInnerOpen, innerClose: strings.quoteInnerClose}
  if (!style) return fromTable
  const own = (key: 'quoteOpen' | 'quoteClose' | 'quoteInnerOpen' | 'quoteInnerClose', fallback: string): string => (overrides && Object.hasOwn(overrides, key) ? overrides[key]! : fallback)
  return {open: own('quoteOpen', style.open), close: own('quoteClose', style.close), innerOpen: own('quoteInnerOpen', style.innerOpen), innerClose: own('quoteInnerClose', style.innerClose)}
}

/** The locale for `lang` (English when none is shipped), with `overrides` applied. */
export function localeFor(lang: string, overrides?: Readonly<Record<string, string>>): Locale {
  const key = JSON.stringify([lang, overrides ?? null])
  const known = made.get(key)
  if (known) return known
  const table = hasLocale(lang) ? primaryLanguage(lang) : 'en'
  const definition = locales[table]!
  const strings = {...definition.strings} as Strings & Record<string, string>
  for (const [name, value] of Object.entries(overrides ?? {})) if (isStringKey(name)) strings[name] = value
  const locale: Locale = {
    lang,
    table,
    strings,
    quotes: quotesOf(lang, strings, overrides),
    hyphenate: definition.hyphenate,
    plural: definition.plural,
    t: (name, values) => formatString(strings[name] ?? name, values, definition.plural),
    date: (value) => formatDateIn(strings, value),
  }
  made.set(key, locale)
  return locale
}

/** Fill in a string: its plural form by `values.count`, then each `{name}`. Unknown names stay as written. */
export function formatString(template: string, values: Readonly<Record<string, unknown>> = {}, plural: (n: number) => number = locales.en!.plural): string {
  return pluralForm(template, values, plural).replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole))
}

/** The form of `template` for `values.count` (the whole string when it has no `|`). */
export function pluralForm(template: string, values: Readonly<Record<string, unknown>>, plural: (n: number) => number): string {
  if (!template.includes('|')) return template
  const forms = template.split('|')
  return forms[Math.min(plural(Number(values.count ?? 0)), forms.length - 1)]!
}

/** A date in a table's forms: only the precision the ISO date has. */
export function formatDateIn(strings: Strings, value: string): string {
  const [year, month, day] = value.split('-')
  if (month === undefined) return formatString(strings.dateYear, {year: year ?? value})
  const index = Number(month)
  const name = (strings as Record<string, string>)[`month${index}`] ?? month
  const nameOf = (strings as Record<string, string>)[`monthOf${index}`] ?? month
  if (day === undefined) return formatString(strings.dateMonth, {month: name, year: year!})
  return formatString(strings.dateDay, {day: Number(day), month: name, monthOf: nameOf, year: year!})
}

/** The key of a string that names a source type: `official-statement` → `sourceTypeOfficialStatement`. */
export function sourceTypeKey(type: string): string {
  return `sourceType${type.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`
}

/** The key of a language's name: `ru` → `languageRu`. */
export function languageKey(lang: string): string {
  const primary = primaryLanguage(lang)
  return `language${primary.charAt(0).toUpperCase()}${primary.slice(1)}`
}

export type {StringKey as LocaleStringKey}
