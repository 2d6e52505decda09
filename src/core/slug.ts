/**
 * Ids from titles: `scorecard new` and `scorecard init` derive file names and
 * ids with these rules, which docs/authoring.md documents.
 *
 * 1. Letters with diacritics lose them (Lajčák → lajcak); ß, æ, œ, ø, ł, đ, þ
 *    and a few more are spelled out; Cyrillic is transliterated (Қазақстан →
 *    qazaqstan). Other scripts are dropped, so a title in them needs `--id`.
 * 2. Lowercase; `&` becomes `and`; apostrophes vanish (Kazakhstan's → kazakhstans).
 * 3. Every other run of characters that is not a-z or 0-9 becomes one hyphen.
 * 4. At most `maxLength` characters, cut at a hyphen where there is one.
 */
import {slugPattern} from './schema.js'

/** Longest id derived from a priority title. */
export const maxPriorityIdLength = 60
/** Longest title part of an evidence id; the date follows it. */
export const maxEvidenceTitleLength = 50

const latin: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŋ: 'ng', ĸ: 'q', ſ: 's',
}

/** Cyrillic letters of Russian, Ukrainian, Belarusian, Kazakh, Serbian and Macedonian. */
const cyrillic: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
  ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
}

/** A lowercase ASCII slug of `text`, at most `maxLength` characters; may be empty. */
export function slugify(text: string, maxLength = maxPriorityIdLength): string {
  const ascii = [...text.normalize('NFC').toLowerCase()]
    .map((char) => latin[char] ?? cyrillic[char] ?? char)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' and ')
    .replace(/['’ʼ‘`]/g, '')
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return truncate(slug, maxLength)
}

/** Cut a slug to `maxLength`, at the last hyphen that keeps at least half of it. */
function truncate(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength + 1)
  const hyphen = cut.lastIndexOf('-')
  const result = hyphen >= maxLength / 2 ? cut.slice(0, hyphen) : slug.slice(0, maxLength)
  return result.replace(/-+$/, '')
}

/** The id of a priority titled `title`. */
export function priorityId(title: string): string {
  return slugify(title, maxPriorityIdLength)
}

/** The id of evidence from a source titled `title` and dated `date` (any ISO precision): `title-slug-2010-07-17`. */
export function evidenceId(title: string, date: string): string {
  const base = slugify(title, maxEvidenceTitleLength)
  return base === '' ? '' : `${base}-${date}`
}

/** Whether `id` is a valid Scorecard id (a lowercase slug). */
export function isSlug(id: string): boolean {
  return slugPattern.test(id)
}

/** `id`, or `id-2`, `id-3`… : the first that `taken` does not hold. */
export function uniqueId(id: string, taken: (candidate: string) => boolean): string {
  if (!taken(id)) return id
  for (let n = 2; ; n++) if (!taken(`${id}-${n}`)) return `${id}-${n}`
}
