/**
 * Stable identifiers (`$id`) of the JSON Schemas Scorecard ships in its
 * package (`@scorecard-reports/scorecard/schemas/<file>`). They name the
 * shape, not a download location: `v1` changes only when a shape breaks
 * (for scorecard.json, with `schemaVersion`).
 */

/** Where the identifiers start. */
export const schemaIdBase = 'https://scorecard-reports.github.io/scorecard/schemas/v1/'

/** File names of the shipped schemas, by what they describe. */
export const schemaFiles = {
  scorecardJson: 'scorecard-json.schema.json',
  scorecardYml: 'scorecard-yml.schema.json',
  priority: 'priority.schema.json',
  evidence: 'evidence.schema.json',
  prose: 'prose.schema.json',
} as const

/** `$id` of the schema in `file`. */
export function schemaId(file: (typeof schemaFiles)[keyof typeof schemaFiles]): string {
  return `${schemaIdBase}${file}`
}

/** `$id` of scorecard.json's schema, which scorecard.json names in `$schema`. */
export const scorecardJsonSchemaId: string = schemaId(schemaFiles.scorecardJson)
