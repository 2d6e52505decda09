/**
 * `scorecard init`: scaffold a project that builds as it is and passes
 * `check --strict`, so a new author starts from something that works and
 * changes it a piece at a time.
 */
import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {Document} from 'yaml'
import {defaultSchemaDir, editorSchemas, schemaFileNames, serializeSchema, type SchemaKind} from './editor-schemas.js'
import {ScorecardError} from '../core/errors.js'
import {isFullDate} from '../core/dates.js'
import {frontMatter} from './new.js'
import {evidenceId, priorityId, slugify} from '../core/slug.js'
import {version} from '../core/version.js'
import {packageName} from '../core/package-root.js'
import {detectInstallSource} from './install-source.js'

/** Options of {@link initProject}. */
export interface InitOptions {
  /** Overwrite files that exist. Without it, existing files stop the scaffold before anything is written. */
  force?: boolean
  /** Report title. */
  title?: string
  /** Author shown on the cover and in running heads. */
  author?: string
  /** Publisher shown on the cover. */
  publisher?: string
  /** `asOf` (YYYY-MM-DD). Default: today. */
  asOf?: string
  /**
   * Dependency spec of Scorecard in package.json. Default in `initProject`:
   * where the running Scorecard was installed from (`detectInstallSource`);
   * in `scaffoldFiles`, `^<this version>`.
   */
  scorecard?: string
}

/** The outcome of {@link initProject}. */
export interface InitResult {
  /** Absolute project folder. */
  root: string
  /** Absolute paths written, in scaffold order. */
  written: string[]
  /** Files that existed and were replaced (only with `force`). */
  overwritten: string[]
  /** The dependency spec written for Scorecard in package.json. */
  scorecard: string
}

const example = {
  title: 'OSCE Stalls On Police Mission To Kyrgyzstan',
  publisher: 'Radio Free Europe/Radio Liberty',
  date: '2010-07-17',
  excerpt:
    "Ministers of OSCE member countries have voiced support for sending an international police mission to Kyrgyzstan following last month's deadly ethnic clashes, but have failed to make solid plans for the deployment.",
  priorityTitle: 'Police mission to Kyrgyzstan',
} as const

/**
 * The files of a new project, by path relative to it (`/`-separated), in the
 * order they are written. Pure: the same options give the same files.
 */
export function scaffoldFiles(options: InitOptions & {name?: string} = {}): Map<string, string> {
  const asOf = options.asOf ?? today()
  if (!isFullDate(asOf))
    throw new ScorecardError('INVALID_OPTION', `Invalid --as-of "${asOf}": use a full date, YYYY-MM-DD.`)
  const title = options.title?.trim() || 'OSCE Chairmanship'
  const author = options.author?.trim() || 'Your Name'
  const publisher = options.publisher?.trim() || author
  const evidence = evidenceId(example.title, example.date)
  const priority = priorityId(example.priorityTitle)
  const quote = 'sending an international police mission to Kyrgyzstan'
  const files = new Map<string, string>()

  files.set(
    'scorecard.yml',
    `# yaml-language-server: $schema=./${defaultSchemaDir}/${schemaFileNames.scorecard}
# Report metadata, dimensions and rating scale. Edit freely: docs/authoring.md in Scorecard explains each field.
title: ${yamlScalar(title)}
subtitle: Interim Assessment
authors:
  - name: ${yamlScalar(author)}
publisher: ${yamlScalar(publisher)}
# The date the assessment speaks for; evidence dated after it is an error.
asOf: ${asOf}
lang: en
pageSize: A4
# Report prose before the scorecard table. Add closing chapters with "closing:" and a list of files.
summary: report/executive-summary.md
# Whose priorities are rated, and who speaks for them. A stated commitment shown as the office-holder's
# own words ("words: own", the default) must cite direct speech by one of these speakers, or an official
# statement they issued; check warns otherwise (stated-not-office-holder). List each as evidence names it
# in "speaker:": the name before a comma is enough ("Jane Doe" matches "Jane Doe, foreign minister").
officeHolder:
  name: ${yamlScalar(title)}
  speakers:
    - OSCE Chairman-in-Office   # replace with the people and bodies that speak for the office-holder
# One chapter per dimension, in this order. Priorities name a dimension by its id.
# A dimension with no priorities is left out of the report (check warns: empty-dimension),
# so add the others as their first priorities are written.
dimensions:
  - id: politico-military
    title: Politico-Military Dimension
  # - id: economic-environmental
  #   title: Economic and Environmental Dimension
  # - id: human
  #   title: Human Dimension
# The rating scale, best first. Priorities name a status by its id.
scale:
  - id: achieved
    label: Achieved
    symbol: "✔"
    color: "#1e6b3a"
    description: The commitment was delivered in substance.
  - id: progressing
    label: Progressing
    symbol: "▲"
    color: "#1f5f99"
    description: Concrete steps were taken and the outcome is within reach.
  - id: limited
    label: Limited progress
    symbol: "◆"
    color: "#8a6100"
    description: Some activity, but little change in substance.
  - id: stalled
    label: Stalled
    symbol: "■"
    color: "#9c3d10"
    description: No meaningful movement during the period.
  - id: setback
    label: Setback
    symbol: "▼"
    color: "#8b1a1a"
    description: The situation moved away from the commitment.
`,
  )

  files.set(
    `priorities/${priority}.md`,
    frontMatter({
      id: priority,
      title: example.priorityTitle,
      dimension: 'politico-military',
      status: 'stalled',
      // RFE/RL's account of the ministers' position, not their own words.
      stated: {quote, cite: evidence, words: 'summary'},
    }) +
      `In July 2010 OSCE ministers backed an international police mission to Kyrgyzstan in principle, but made no solid plans to deploy it [@${evidence}].\n\n` +
      'The rating is **stalled**: support was voiced, and nothing moved during the period.\n',
  )

  files.set(
    `evidence/${evidence}.md`,
    frontMatter({id: evidence, title: example.title, publisher: example.publisher, date: example.date, type: 'news'}) + `${example.excerpt}\n`,
  )

  files.set(
    'report/executive-summary.md',
    frontMatter({title: 'Executive Summary'}) +
      'This assessment measures the chairmanship against the priorities it set out for itself. Each priority is rated on the scale below and assessed on verbatim excerpts from the sources listed in the appendix.\n',
  )

  files.set('.gitignore', 'out/\nnode_modules/\n.scorecard-tmp-*\n')

  files.set(
    'package.json',
    `${JSON.stringify(
      {
        name: slugify(options.name ?? '', 214) || 'scorecard-project',
        private: true,
        description: `${title}: Interim Assessment`,
        scripts: {
          check: 'scorecard check',
          build: 'scorecard build',
          pdf: 'scorecard build --format html,json,pdf',
          preview: 'scorecard preview --open',
        },
        dependencies: {[packageName]: options.scorecard?.trim() || `^${version}`},
      },
      null,
      2,
    )}\n`,
  )

  files.set(
    'README.md',
    `# ${title}

A Scorecard project: one Markdown file per stated priority in
\`priorities/\`, one per evidence excerpt in \`evidence/\`, report prose in \`report/\`, and the dimensions and
rating scale in \`scorecard.yml\`.

\`\`\`sh
npm install                  # once: installs Scorecard as package.json says
npm run preview              # live preview while you write
npm run check                # every problem, with file:line
npm run pdf                  # out/report.html, out/scorecard.json, out/report.pdf
npx --no scorecard new evidence --from-url https://example.org/news/osce-meets-in-almaty \\
  --publisher "Example News" --date 2010-07-17 --excerpt "The excerpt, word for word."
npx --no scorecard new priority "Border management" --dimension politico-military --status limited --cite ${evidence}
\`\`\`

\`npx --no\` runs the Scorecard installed in this project and never downloads a package of that
name. package.json names where Scorecard is installed from (\`${packageName}\`): a version
range once it is published, otherwise the tarball, git URL or folder \`scorecard init\` ran from.
`,
  )

  const schemas = editorSchemas()
  for (const kind of Object.keys(schemaFileNames) as SchemaKind[])
    files.set(`${defaultSchemaDir}/${schemaFileNames[kind]}`, serializeSchema(schemas[kind]))

  files.set(
    '.vscode/settings.json',
    `${JSON.stringify(
      {
        'yaml.schemas': {[`./${defaultSchemaDir}/${schemaFileNames.scorecard}`]: ['scorecard.yml']},
        '[markdown]': {'editor.wordWrap': 'on'},
      },
      null,
      2,
    )}\n`,
  )
  files.set('.vscode/extensions.json', `${JSON.stringify({recommendations: ['redhat.vscode-yaml']}, null, 2)}\n`)
  return files
}

/**
 * Scaffold a project in `dir` (created if needed).
 *
 * @throws {ScorecardError} `WRITE_FAILED` naming the files that exist, unless
 *   `force`; nothing is written then. `INVALID_OPTION` for an invalid `asOf`.
 */
export async function initProject(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = path.resolve(dir)
  const scorecard = options.scorecard?.trim() || detectInstallSource(root).spec
  const files = scaffoldFiles({...options, scorecard, name: path.basename(root)})
  const existing = [...files.keys()].filter((relative) => existsSync(path.join(root, relative)))
  if (existing.length > 0 && !options.force) {
    throw new ScorecardError('WRITE_FAILED', `Not overwriting existing files in ${root}: ${existing.join(', ')}.`, {
      hint: 'Run init in an empty folder, or pass --force to replace these files (other files are left alone).',
    })
  }
  const written: string[] = []
  for (const [relative, text] of files) {
    const target = path.join(root, relative)
    try {
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, text)
    } catch (error) {
      throw new ScorecardError('WRITE_FAILED', `Could not write ${target}: ${error instanceof Error ? error.message : String(error)}`, {cause: error})
    }
    written.push(target)
  }
  return {root, written, overwritten: existing.map((relative) => path.join(root, relative)), scorecard}
}

/** Today in the local time zone, as YYYY-MM-DD: the as-of date a new assessment starts from. */
function today(): string {
  const now = new Date()
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** A YAML scalar for a user-given string: quoted only when it must be. */
function yamlScalar(value: string): string {
  return new Document(value).toString({lineWidth: 0}).trimEnd()
}
