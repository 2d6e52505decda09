/**
 * `scorecard diff`: what changed in an assessment between two versions, in
 * the terms reviewers care about: which status moved and which way, which
 * priorities came and went, what evidence was added, and whether a quotation
 * was edited (it should never be).
 *
 * - sides.ts (with git.ts) reads both sides (folders or git revisions) with
 *   `check` and presents each as a `ReportView`;
 * - compare.ts compares two report views into an `AssessmentDiff` (types.ts),
 *   naming movement in the view's vocabulary, with word-level changes from words.ts;
 * - text.ts, markdown.ts and json.ts print it; describe.ts holds what they say alike;
 *   lines.ts finds the changed lines of each file (read from the sides' folders);
 *   links.ts links the Markdown comment's file names to the changed lines on the forge;
 * - redline/ turns it into a self-contained redline page;
 * - gates.ts decides `--fail-on`.
 */
export * from './types.js'
export {diffProjects, redlineProjects} from './sides.js'
export {diffReports, diffViews} from './compare.js'
export {textChange} from './words.js'
export {trippedGates, type DiffGate} from './gates.js'
export {diffToJson} from './json.js'
export {sideName, summaryText} from './describe.js'
export {formatDiffText} from './text.js'
export {formatDiffMarkdown, type MarkdownDiffOptions} from './markdown.js'
export {redlineHtml, type RedlineSide} from './redline/page.js'
export {forgeLinks, forgeFileLink, type ForgeLinks} from './links.js'
