/**
 * The shape of `scorecard.json`, as a zod schema. The published JSON Schema
 * (docs/scorecard.schema.json) is generated from it by `scorecard schema`,
 * and tests validate real output against it.
 */
import {z} from 'zod'
import {scorecardJsonSchemaId} from '../core/schema-ids.js'

const nullableString = z.string().nullable()
const statusCounts = z.record(z.string(), z.number().int().min(0))
const edition = z.strictObject({id: z.string(), title: z.string(), asOf: z.string()})

/** `scorecard.json`, schemaVersion 1. */
export const scorecardJsonSchema = z
  .strictObject({
    $schema: z.literal(scorecardJsonSchemaId).describe('This schema\'s $id'),
    schemaVersion: z.literal(1),
    generator: z.string().describe('"Scorecard <version>"'),
    report: z.strictObject({
      title: z.string(),
      subtitle: nullableString,
      shortTitle: z.string(),
      authors: z.array(z.strictObject({name: z.string(), affiliation: nullableString})),
      publisher: z.string(),
      asOf: z.string().describe('The date the report speaks for (YYYY-MM-DD)'),
      edition: edition.nullable().describe('The edition built, when the as-of date is an edition\'s'),
      previousEdition: edition.nullable(),
      editions: z.array(edition),
      period: z.strictObject({start: z.string(), end: z.string()}).nullable(),
      lang: z.string(),
      keywords: z.array(z.string()),
    }),
    dimensions: z.array(z.strictObject({id: z.string(), title: z.string(), priorities: z.array(z.string())})),
    scale: z.array(
      z.strictObject({
        id: z.string(),
        rank: z.number().int().min(1).describe('1 is best'),
        label: z.string(),
        symbol: z.string(),
        color: z.string(),
        description: nullableString,
      }),
    ),
    priorities: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        dimension: z.string(),
        status: nullableString.describe('Status as of report.asOf; null when not yet rated'),
        previousStatus: nullableString.describe('Status as of the previous edition'),
        movement: z.strictObject({movement: z.enum(['up', 'down', 'same', 'new']), steps: z.number().int().min(0)}).nullable(),
        stated: z
          .strictObject({quote: z.string(), cite: z.string(), words: z.enum(['own', 'summary']).describe("own: the office-holder's words; summary: a third party's summary")})
          .nullable(),
        evidence: z.array(z.string()).describe('Evidence ids cited: stated, prose, extra, history; published by report.asOf'),
        history: z.array(z.strictObject({date: z.string(), status: z.string(), note: z.string(), evidence: z.array(z.string())})),
        html: z.string().describe('The assessment rendered to sanitized HTML'),
        file: z.string(),
      }),
    ),
    evidence: z.array(
      z.strictObject({
        id: z.string(),
        number: z.number().int().min(1).describe('E-number in the appendix'),
        title: z.string(),
        publisher: z.string(),
        author: nullableString,
        date: z.string().describe('ISO date of full or reduced precision'),
        url: nullableString,
        type: z.string(),
        locator: nullableString.describe('As shown: "p. 7", "section “Kyrgyzstan”", "para. 3"'),
        voice: z.enum(['direct', 'reported', 'narrative']).describe('direct quotation of the speaker, reported speech, or the author\'s narrative'),
        speaker: nullableString,
        spokenOn: nullableString,
        note: nullableString,
        sourceFile: nullableString.describe('File name of the source document in the sources folder'),
        verified: z.boolean().describe('Whether the excerpt (and its locator) was found verbatim in its source by this build'),
        excerpt: z.string().describe('Plain text, as quoted (the original when translated)'),
        lang: z.string().optional().describe("Language of the excerpt as quoted (the evidence file's lang); absent when it is the report's by default"),
        translation: z
          .strictObject({
            text: z.string().describe("The excerpt in the report's language, paragraphs separated by a blank line"),
            by: z.enum(['authors', 'published']).describe("authors: the report's authors; published: a published translation"),
            source: nullableString.describe('The published translation as credited'),
          })
          .optional()
          .describe('Present when the report shows the excerpt in translation'),
        citedBy: z.array(z.string()),
        file: z.string(),
      }),
    ),
    sources: z
      .array(z.strictObject({file: z.string(), sha256: nullableString.describe('SHA-256 of the file as verified'), available: z.boolean()}))
      .describe('Source documents named by evidence'),
    summary: z.strictObject({
      total: z.number().int().min(0).describe('Priorities rated as of report.asOf'),
      byStatus: statusCounts,
      byDimension: z.record(z.string(), z.strictObject({total: z.number().int().min(0), byStatus: statusCounts})),
      unrated: z.number().int().min(0),
      changes: z.strictObject({up: z.number().int(), same: z.number().int(), down: z.number().int(), new: z.number().int()}).nullable().describe('Movement since the previous edition'),
      omittedCitations: z.number().int().min(0),
      excludedEvidence: z.array(z.string()).describe('Evidence published after report.asOf, left out'),
    }),
  })
  .describe('scorecard.json: a Scorecard report as data')

/** JSON Schema (draft 2020-12) of `scorecard.json`. */
export function scorecardJsonSchemaDocument(): Record<string, unknown> {
  const {$schema, ...rest} = z.toJSONSchema(scorecardJsonSchema, {target: 'draft-2020-12'}) as Record<string, unknown>
  return {$schema, $id: scorecardJsonSchemaId, title: 'scorecard.json', ...rest}
}
