/**
 * Write the JSON Schemas shipped in the package into schemas/ (part of
 * `npm run build`, so `npm pack` always ships schemas generated from the
 * code): scorecard.yml, priority, evidence and prose front matter, and
 * scorecard.json. Consumers import them as
 * `@scorecard-reports/scorecard/schemas/<file>`.
 */
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {packageSchemas} from '../dist/author/editor-schemas.js'
import {scorecardJsonSchemaDocument} from '../dist/export/output-schema.js'

const outdir = 'schemas'
await rm(outdir, {recursive: true, force: true})
await mkdir(outdir, {recursive: true})
for (const [name, text] of packageSchemas(scorecardJsonSchemaDocument())) await writeFile(path.join(outdir, name), text)
