/**
 * The rules registry: every rule id a diagnostic can carry, with its default
 * severity and a one-line description. `RuleId` is derived from this table,
 * so reporting an unregistered id is a compile error; the documentation url
 * of each rule is `docs/rules.md#<id>`.
 *
 * Adding a rule: one line here, plus a `## <id>` section in docs/rules.md
 * (test/core/rules.test.ts fails until both exist, and until the README's
 * rule list is regenerated with `npm run docs:rules`).
 */
/** Severity: `error` fails `check`; `warning` fails only with `--strict`; `info` never fails. */
export type Severity = 'error' | 'warning' | 'info'

/** One registered rule. */
export interface Rule {
  /** Severity when the reporting code does not say otherwise. */
  severity: Severity
  /** What the rule catches, in one line (shown in the README's rule list). */
  description: string
}

export const rules = {
  // Files (load)
  'empty-file': {severity: 'error', description: 'A content file has nothing in it.'},
  'invalid-encoding': {severity: 'error', description: 'A file is not valid UTF-8.'},
  'file-too-large': {severity: 'error', description: 'A content file is over 1 MiB, or an image over 5 MiB.'},
  'line-too-long': {severity: 'error', description: 'A line is over 100,000 characters.'},
  'nesting-too-deep': {severity: 'error', description: 'YAML or Markdown nests more than 100 levels deep.'},
  'markdown-too-complex': {severity: 'error', description: 'A Markdown body exceeds a parsing budget: emphasis runs, brackets, citations or table rows.'},
  'skipped-file': {severity: 'warning', description: 'A file in priorities/ or evidence/ is not Markdown (.md, .markdown) and is not read.'},
  'not-a-regular-file': {severity: 'error', description: "A content file, an image, a theme's `theme.json` or a font file it names is a device, FIFO, socket, folder or link; it is not read."},
  'missing-file': {severity: 'error', description: 'A file named by `scorecard.yml`, a `summary:` or an image does not exist.'},
  // Front matter (load)
  'missing-front-matter': {severity: 'error', description: 'A Markdown file does not start with a `---` front matter block.'},
  'unclosed-front-matter': {severity: 'error', description: 'The front matter block has no closing `---`.'},
  'front-matter-language': {severity: 'error', description: 'Front matter is not YAML (`---js`, `---toml`, `+++`).'},
  'yaml-syntax': {severity: 'error', description: 'The YAML cannot be read, or uses a tag such as `!!js/function`.'},
  'duplicate-key': {severity: 'error', description: 'A YAML mapping has the same key twice.'},
  'json-syntax': {severity: 'error', description: "A theme's `theme.json` is not valid JSON."},
  // Fields (validate)
  'missing-field': {severity: 'error', description: 'A required field is missing.'},
  'unknown-field': {severity: 'error', description: 'A field is not part of the format (often a typo).'},
  'invalid-type': {severity: 'error', description: 'A field has the wrong type, such as a list where text belongs.'},
  'invalid-field': {severity: 'error', description: 'A field value is not of the documented form.'},
  'invalid-id': {severity: 'error', description: 'An id is not a lowercase slug.'},
  'invalid-date': {severity: 'error', description: 'A date is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or does not exist.'},
  'invalid-url': {severity: 'error', description: 'A URL is not an absolute http(s) address.'},
  'path-outside-project': {severity: 'error', description: 'A path leaves the project folder or is absolute, or a content file is a link to a file outside it.'},
  'invisible-character': {severity: 'error', description: 'An id, status or dimension holds a zero-width or bidi control character.'},
  'unknown-status': {severity: 'error', description: 'A status is not on the scale in `scorecard.yml`.'},
  'unknown-dimension': {severity: 'error', description: 'A dimension is not listed in `scorecard.yml`.'},
  'id-file-mismatch': {severity: 'warning', description: 'A priority or evidence id differs from its file name.'},
  'duplicate-id': {severity: 'error', description: 'Two priorities, evidence files or editions share an id.'},
  'unknown-locale': {severity: 'warning', description: '`lang` names a language without a shipped locale table; the report is written with the English one.'},
  'unknown-theme': {severity: 'error', description: '`theme:` in `scorecard.yml` names no shipped theme, project folder or installed npm package.'},
  'font-not-found': {severity: 'error', description: "A font file a theme's `theme.json` names is not installed for the theme, the project or Scorecard, or its package has no such subset."},
  'untranslated-excerpt': {severity: 'warning', description: "An excerpt's `lang` differs from the report's and it has no `translation`: readers get it in a language the report is not in."},
  'needless-translation': {severity: 'warning', description: "An excerpt has a `translation` but is in the report's language (its `lang` is the report's, or unset): the translation would replace the original words."},
  'unknown-string': {severity: 'warning', description: 'A key under `strings:` in `scorecard.yml` is not a string of the locale table; it is ignored.'},
  'missing-stated': {severity: 'warning', description: 'A priority does not quote the stated commitment (`stated:`).'},
  // Dated history (validate)
  'history-order': {severity: 'error', description: 'History entries or editions are not oldest first.'},
  'history-after-as-of': {severity: 'error', description: 'A history entry or edition is dated after `asOf`.'},
  'status-mismatch': {severity: 'error', description: '`status:` differs from the latest history entry.'},
  'evidence-after-as-of': {severity: 'error', description: 'Evidence is dated after `asOf`.'},
  // Published editions (score/check-editions.ts, load/snapshots.ts)
  'status-change-without-history': {severity: 'error', description: 'A status differs from what a published edition said, and no history entry dated after that edition records the change.'},
  'history-contradicts-edition': {severity: 'error', description: 'A history entry dated on or before a published edition contradicts the rating that edition gave.'},
  'backdated-rating': {severity: 'error', description: 'A priority that a published edition did not rate would count as rated on that edition\'s date.'},
  'rating-without-evidence': {severity: 'error', description: 'A rating in effect at a date cites no evidence dated on or before it.'},
  'edition-evidence-changed': {severity: 'warning', description: 'An excerpt a published edition cites has changed since it was published.'},
  'invalid-snapshot': {severity: 'error', description: 'A published edition\'s snapshot (`editions/<id>.json`) cannot be read, is of an older format, is misnamed, or disagrees with `scorecard.yml`.'},
  // Citations and content (link)
  'citation-syntax': {severity: 'error', description: 'Text that was meant as a citation is not one (`[id]`, `[@ id]`, `(@id)`, a Unicode dash in an id, a narrative `@id`).'},
  'missing-evidence': {severity: 'error', description: 'A citation or evidence reference names no existing evidence id.'},
  'no-evidence': {severity: 'error', description: 'A priority cites no evidence.'},
  'empty-excerpt': {severity: 'error', description: 'An evidence file has no quotation.'},
  'empty-dimension': {severity: 'warning', description: 'A dimension in scorecard.yml has no priorities; its chapter is left out.'},
  'uncited-evidence': {severity: 'warning', description: 'An evidence excerpt is cited by no priority.'},
  'stated-quote-mismatch': {severity: 'warning', description: '`stated.quote` is not found in the excerpt it cites.'},
  'citation-locator-mismatch': {severity: 'warning', description: 'A prose citation gives a page, section or paragraph that the cited excerpt’s own locator does not support.'},
  'empty-assessment': {severity: 'warning', description: 'A priority has no assessment prose.'},
  'unsupported-image': {severity: 'error', description: 'An image is SVG or another format that is not PNG, JPEG, GIF or WebP.'},
  'raw-text-element': {severity: 'error', description: 'Prose or an excerpt holds `<script>`, `<style>`, `<textarea>` or another tag whose text HTML would swallow.'},
  'remote-resource': {severity: 'warning', description: 'An image is loaded from the network.'},
  // Layout audit of the printed PDF (print)
  'layout-stranded-heading': {severity: 'warning', description: 'A heading stands at the foot of a PDF page with no text after it there.'},
  'layout-underfull-page': {severity: 'warning', description: 'A PDF page in mid-chapter is filled less than the threshold, or a chapter ends with a few lines alone on a page.'},
  'layout-table-break': {severity: 'warning', description: 'A table breaks leaving fewer than three rows (or only its total) on one page.'},
  'layout-type3-font': {severity: 'warning', description: 'The PDF uses a Type 3 font, which printers flag.'},
  'layout-fallback-font': {severity: 'warning', description: 'The PDF draws glyphs from a font the report does not bundle.'},
  // Attribution (validate)
  'direct-without-quotation-marks': {severity: 'warning', description: 'An excerpt marked `voice: direct` contains no quotation marks.'},
  'missing-speaker': {severity: 'warning', description: 'Direct or reported speech names no `speaker`.'},
  'speaker-in-narrative': {severity: 'warning', description: 'An excerpt marked `voice: narrative` names a speaker.'},
  'stated-not-own-words': {severity: 'warning', description: "A stated commitment shown as the office-holder's own words cites an excerpt that is not their direct speech, or quotes words outside its quotation marks."},
  'stated-not-office-holder': {severity: 'warning', description: "A stated commitment shown as the office-holder's own words cites direct speech, or an official statement, by someone `officeHolder.speakers` in `scorecard.yml` does not list."},
  'missing-office-holder': {severity: 'info', description: "`scorecard.yml` has no `officeHolder`, so whose words a commitment shown as the office-holder's own cites is not checked (once per project)."},
  // Sources (verify)
  'excerpt-not-in-source': {severity: 'error', description: 'An excerpt is not found verbatim in its source file.'},
  'stated-not-in-source': {severity: 'error', description: "A stated commitment's quotation is not found verbatim in the source of the excerpt it cites."},
  'page-not-in-source': {severity: 'error', description: 'A page locator names a page the source does not mark.'},
  'page-locator-mismatch': {severity: 'error', description: "A page locator disagrees with the source's page markers."},
  'section-not-in-source': {severity: 'error', description: 'A section locator names no heading of the source.'},
  'section-locator-mismatch': {severity: 'error', description: 'The excerpt does not stand under the heading its locator names.'},
  'paragraph-locator-mismatch': {severity: 'error', description: 'The excerpt is not in the paragraph its locator names.'},
  'missing-source-file': {severity: 'warning', description: 'With a sources folder in use, an excerpt names no `sourceFile`.'},
  'unsupported-source': {severity: 'error', description: 'A `sourceFile` is not a .txt, .md, .html or .pdf file.'},
  'source-not-verified': {severity: 'info', description: 'A source file is not available, so its excerpts are not verified (once per source).'},
  'source-not-locked': {severity: 'warning', description: "A source's SHA-256 is not recorded under `sources.files` in `scorecard.yml`."},
  'source-changed': {severity: 'error', description: "A source file's SHA-256 differs from the one recorded in `scorecard.yml`."},
  // Authoring (fmt)
  'not-content': {severity: 'error', description: '`scorecard fmt` was given a file that is not a content file of the project.'},
} as const satisfies Record<string, Rule>

/** A registered rule id. */
export type RuleId = keyof typeof rules

/** All registered rule ids, in registry order. */
export const ruleIds = Object.keys(rules) as RuleId[]

/** Whether `value` is a registered rule id. */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.hasOwn(rules, value)
}

/**
 * Base that rule documentation urls are resolved against: the repository's
 * files on its default branch (package.json `repository`; a test keeps the
 * two in step). The one place to change when the repository moves.
 */
export const docsBase = 'https://github.com/scorecard-reports/scorecard/blob/main/'

/** Documentation page of the rules, relative to `docsBase`. */
export const rulesPage = 'docs/rules.md'

/** Documentation url of a rule: `docs/rules.md#<id>` resolved against `docsBase`. */
export function ruleUrl(id: RuleId): string {
  return `${docsBase}${rulesPage}#${id}`
}

/** The README's rule list: a Markdown table with one row per registered rule, linked to its documentation. */
export function rulesTable(): string {
  const rows = ruleIds.map((id) => `| [\`${id}\`](${rulesPage}#${id}) | ${rules[id].severity} | ${rules[id].description} |`)
  return ['| rule | severity | what it catches |', '| --- | --- | --- |', ...rows].join('\n')
}
