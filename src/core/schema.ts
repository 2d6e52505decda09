/**
 * The content model: zod schemas for `scorecard.yml`, priority front matter,
 * evidence front matter and report prose front matter.
 *
 * These schemas are the single source of truth. `check` validates with them,
 * and `scorecard schema` (and the README) derive JSON Schema from them.
 */
import {z} from 'zod'
import {isFullDate, isIsoDate} from './dates.js'
import type {RuleId} from './rules.js'

/** Ids are lowercase ASCII slugs: `vienna-document`, `rferl-2010-07-17`. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const nonEmpty = z.string().trim().min(1, 'must not be empty')

const slug = z.string().regex(slugPattern, 'must be a lowercase slug such as "vienna-document"')

/** A year in YAML is a number (`2010`), so accept integers and check the digits. */
const isoDate = z
  .union([z.string(), z.number().int()])
  .refine((value) => isIsoDate(String(value)), {
    message: 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
    params: {rule: 'invalid-date' satisfies RuleId},
  })
  .meta({description: 'ISO 8601 date of full or reduced precision: 2010, 2010-07 or 2010-07-17'})

/** Absolute days only, for dates the tool computes with (as-of date). */
const fullDate = z
  .string()
  .refine((value) => isFullDate(value), {
    message: 'must be a full ISO date: YYYY-MM-DD',
    params: {rule: 'invalid-date' satisfies RuleId},
  })

const webUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an absolute http(s) URL',
    params: {rule: 'invalid-url' satisfies RuleId},
  })

/** A path to a file inside the project: relative, with no `..` and no drive or scheme. */
const projectPath = z.string().refine(
  (value) =>
    value.length > 0 &&
    !value.startsWith('/') &&
    !value.startsWith('\\') &&
    !/^[a-zA-Z]:/.test(value) &&
    !value.split(/[\\/]/).includes('..'),
  {message: 'must be a relative path inside the project (no "..", not absolute)', params: {rule: 'path-outside-project' satisfies RuleId}},
)

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour such as "#1f5f99"')

/**
 * `sources` in scorecard.yml: the folder holding copies of the source
 * documents (relative to the project, and may lie outside it, because many
 * sources cannot be redistributed), and the SHA-256 of each file, so that a
 * changed source shows in review.
 */
export const sourcesSchema = z.strictObject({
  dir: nonEmpty.optional().describe('Folder of source documents, relative to scorecard.yml; --sources and SCORECARD_SOURCES override it'),
  files: z
    .record(
      z.string().regex(/^[^/\\]+$/, 'must be a file name in the sources folder'),
      z.strictObject({sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest: 64 lowercase hex digits')}),
    )
    .optional()
    .describe('SHA-256 of each source file, checked by `check`'),
})

/** A BCP 47 language tag. */
const languageTag = z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "en-GB"')

/**
 * `officeHolder` in scorecard.yml: whose stated priorities the report rates,
 * and who speaks for them. A commitment shown as the office-holder's own
 * words (`stated.words: own`) must cite direct speech by one of `speakers`,
 * or an official statement whose author or publisher is one of them.
 */
export const officeHolderSchema = z.strictObject({
  name: nonEmpty.describe("The office-holder, as the report's messages name it, e.g. Kazakhstan's 2010 OSCE Chairmanship"),
  speakers: z
    .array(nonEmpty)
    .min(1, 'must list at least one speaker')
    .describe(
      'The people and bodies whose words may stand as the office-holder\'s own: matched against an excerpt\'s speaker (the whole of it, or its name before a comma or parenthesis: "Kanat Saudabayev" matches "Kanat Saudabayev, Kazakh foreign minister"), ignoring case, spacing and the kind of apostrophe; for an official statement, against its author or publisher',
    ),
})

/** `scorecard.yml`: report metadata, dimensions and the rating scale. */
export const configSchema = z.strictObject({
  title: nonEmpty.describe('Report title, shown on the cover'),
  subtitle: z.string().optional().describe('Subtitle, e.g. "Interim Assessment"'),
  shortTitle: z.string().optional().describe('Short title for running heads; defaults to the title'),
  authors: z
    .array(
      z.strictObject({
        name: nonEmpty,
        affiliation: z.string().optional(),
        bio: z.string().optional().describe('A short biography for "About the authors"'),
      }),
    )
    .min(1, 'must list at least one author'),
  publisher: nonEmpty,
  publisherAddress: z.string().optional().describe('Postal address of the publisher, for the imprint page'),
  logo: projectPath.optional().describe('Publisher logo: a PNG, JPEG, GIF or WebP file in the project, embedded'),
  imprint: z
    .strictObject({
      copyright: z.string().optional().describe('Copyright line, e.g. "© 2026 Example Institute"'),
      licence: z.string().optional().describe('Licence of the report, e.g. "CC BY 4.0"'),
      funding: z.string().optional().describe('Who funded the work: a funding disclosure'),
      disclaimer: z.string().optional(),
      published: isoDate.optional().describe('Date of publication'),
      place: z.string().optional().describe('Place of publication'),
      citeAs: z.string().optional().describe('Suggested citation'),
    })
    .optional()
    .describe('The imprint page (verso of the title page); every field optional'),
  acknowledgements: z.string().optional().describe('Acknowledgements; blank lines separate paragraphs'),
  backCover: z.string().optional().describe('Text of the back cover; blank lines separate paragraphs'),
  asOf: fullDate.describe('The date the assessment speaks for (YYYY-MM-DD)'),
  period: z.strictObject({start: isoDate, end: isoDate}).optional(),
  lang: languageTag.default('en'),
  theme: nonEmpty
    .optional()
    .describe('The look: a shipped theme (default, compact), a folder in the project (./themes/mine) or an npm package; templates/ still overrides it'),
  strings: z
    .record(z.string(), z.string())
    .optional()
    .describe('Overrides of the words the report shows, by key of the locale table (src/core/locales/en.ts), e.g. executiveSummary: Summary'),
  keywords: z.array(nonEmpty).optional(),
  editions: z
    .array(z.strictObject({id: slug, title: nonEmpty, asOf: fullDate}))
    .optional()
    .describe('Editions of the report (e.g. interim and final), oldest first'),
  pageSize: z.enum(['A4', 'Letter']).optional().describe('PDF page size'),
  summary: projectPath.optional().describe('Markdown file with the executive summary prose'),
  closing: z.array(projectPath).optional().describe('Markdown files rendered as chapters after the dimensions'),
  sources: sourcesSchema.optional().describe('Where copies of the sources are kept, and their SHA-256 digests'),
  officeHolder: officeHolderSchema
    .optional()
    .describe("Who holds the office whose priorities are rated, and who speaks for it: checks that a commitment shown as the office-holder's own words is theirs"),
  dimensions: z
    .array(z.strictObject({id: slug, title: nonEmpty, description: z.string().optional()}))
    .min(1, 'must list at least one dimension'),
  scale: z
    .array(
      z.strictObject({
        id: slug,
        label: nonEmpty,
        symbol: nonEmpty,
        color: hexColor,
        description: z.string().optional(),
      }),
    )
    .min(2, 'must list at least two ratings, best first'),
})

/** Front matter of `priorities/*.md`: one stated priority. */
export const priorityFrontMatterSchema = z.strictObject({
  id: slug,
  title: nonEmpty,
  dimension: nonEmpty.describe('A dimension id from scorecard.yml'),
  status: nonEmpty.describe('A scale id from scorecard.yml'),
  stated: z
    .strictObject({
      quote: nonEmpty.describe('The commitment as stated, verbatim from the cited excerpt'),
      cite: slug.describe('The evidence id the quotation comes from'),
      words: z
        .enum(['own', 'summary'])
        .optional()
        .describe("own (default): the office-holder's own words; summary: a third party's summary of the commitment"),
      translation: nonEmpty
        .optional()
        .describe("The quotation in the report's language, when the cited excerpt is in another (see the excerpt's translation); shown instead of the quote"),
    })
    .optional(),
  evidence: z.array(slug).optional().describe('Further evidence ids not cited in the prose'),
  order: z.number().int().optional().describe('Sort key within the dimension; then by id'),
  history: z
    .array(
      z.strictObject({
        date: isoDate,
        status: nonEmpty.describe('A scale id from scorecard.yml'),
        note: nonEmpty.describe('What happened, in a sentence'),
        evidence: z.array(slug).optional().describe('Evidence ids supporting this rating'),
      }),
    )
    .optional()
    .describe('Dated ratings, oldest first; the latest on or before the as-of date is the status'),
})

/**
 * A structured locator: only what the source itself marks. `page` must agree
 * with the source's page markers, `section` must be one of its headings;
 * `paragraph` counts paragraphs within the section (or the document).
 */
export const locatorSchema = z
  .strictObject({
    page: z.number().int().positive().optional().describe('A page number the source carries'),
    section: nonEmpty.optional().describe('A heading of the source, as printed'),
    paragraph: z.number().int().positive().optional().describe('Paragraph number, within the section when one is given'),
  })
  .refine((value) => value.page !== undefined || value.section !== undefined || value.paragraph !== undefined, {
    message: 'must give page, section or paragraph',
    params: {rule: 'invalid-field'},
  })

/** Front matter of `evidence/*.md`: one verbatim excerpt and its source. */
export const evidenceFrontMatterSchema = z.strictObject({
  id: slug,
  title: nonEmpty.describe('Title of the source document'),
  publisher: nonEmpty,
  author: z.string().optional(),
  date: isoDate.describe('Publication date of the source, at the precision known'),
  url: webUrl.optional(),
  type: slug.describe('Kind of source, e.g. official-statement, news, analysis'),
  locator: z
    .union([z.string(), z.number(), locatorSchema])
    .optional()
    .describe('Where in the source: {page: 7}, {section: "Kyrgyzstan"}, {paragraph: 3}; a string is shown as written'),
  voice: z
    .enum(['direct', 'reported', 'narrative'])
    .optional()
    .describe('direct: the speaker\'s own words in quotation marks; reported: the author\'s account of what the speaker said; narrative: the author\'s own words. Default: reported with a speaker, narrative without'),
  speaker: z.string().optional().describe('Whose words are quoted (direct) or reported (reported); not used with narrative'),
  sourceFile: z
    .string()
    .regex(/^[^/\\]+$/, 'must be a file name in the sources folder, such as "report.txt"')
    .optional()
    .describe('File name of the source document in the sources folder, for verifying the excerpt'),
  spokenOn: isoDate.optional().describe('Date of the quoted statement'),
  note: z.string().optional().describe('A note shown with the excerpt, e.g. a funding disclosure'),
  lang: languageTag.optional().describe("Language of the excerpt as quoted (the original); default: the report's lang"),
  translation: z
    .strictObject({
      text: nonEmpty.describe("The excerpt in the report's language"),
      by: z.enum(['authors', 'published']).describe('authors: translated by the report\'s authors; published: a published translation, named in source'),
      source: nonEmpty.optional().describe('The published translation, as it is to be credited (title, publisher, year)'),
    })
    .refine((value) => value.by !== 'published' || value.source !== undefined, {message: 'a published translation must name its source', params: {rule: 'missing-field'}})
    .optional()
    .describe('The excerpt in the report\'s language; the report shows it in the text and the original in the appendix'),
})

/** Front matter of report prose files (executive summary, closing chapters). */
export const proseFrontMatterSchema = z.strictObject({
  title: nonEmpty,
})

export type ConfigInput = z.input<typeof configSchema>
export type Config = z.output<typeof configSchema>
export type PriorityFrontMatter = z.output<typeof priorityFrontMatterSchema>
export type EvidenceFrontMatter = z.output<typeof evidenceFrontMatterSchema>
export type ProseFrontMatter = z.output<typeof proseFrontMatterSchema>

/** JSON Schemas for editors and other tools, generated from the zod schemas above. */
export function jsonSchemas(): Record<'scorecard' | 'priority' | 'evidence' | 'prose', unknown> {
  const options = {io: 'input', unrepresentable: 'any'} as const
  return {
    scorecard: z.toJSONSchema(configSchema, options),
    priority: z.toJSONSchema(priorityFrontMatterSchema, options),
    evidence: z.toJSONSchema(evidenceFrontMatterSchema, options),
    prose: z.toJSONSchema(proseFrontMatterSchema, options),
  }
}
