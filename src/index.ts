/**
 * Scorecard's library API. Stages live one per module:
 * load → validate → link → score → render → print.
 *
 * Content problems are returned as vfile messages; operational failures throw
 * `ScorecardError` with a stable code.
 */
import {version} from './core/version.js'

export {ScorecardError, exitCodes, type ErrorCode} from './core/errors.js'
export {formatDiagnostics, countMessages, summaryLine, type DiagnosticFormat} from './core/diagnostics.js'
export {loadProject, defaultLimits, type Limits, type LoadedProject, type SourceFile} from './load/index.js'
export {validateProject} from './validate/index.js'
export {linkProject, createParseCache, type ParseCache} from './link/index.js'
export {scoreProject} from './score/index.js'
export {renderReport, type Rendered, type RenderOptions} from './pipeline/render-report.js'
export {presentReport, presentBody, type PresentOptions} from './present/index.js'
export type * from './core/view.js'
export {bodyHtml, htmlLayout} from './render/index.js'
export {dateBounds, formatDate, isIsoDate} from './core/dates.js'
export {renderJson, renderCsv, schemaVersion} from './export/index.js'
export {stackedBarChart, changeChart} from './render/charts.js'
export {resolveAsOf, type ScoreOptions} from './score/index.js'
export {parseCitation, remarkCitations} from './link/remark-citations.js'
export {writeOutputs} from './pipeline/write.js'
export {
  diffProjects,
  diffReports,
  diffViews,
  redlineProjects,
  redlineHtml,
  formatDiffText,
  formatDiffMarkdown,
  diffToJson,
  trippedGates,
  summaryText,
  textChange,
  diffSchemaVersion,
  forgeLinks,
  forgeFileLink,
  type ForgeLinks,
  type MarkdownDiffOptions,
  type LineRange,
  type AssessmentDiff,
  type PriorityDiff,
  type EvidenceDiff,
  type ProseDiff,
  type StatusMove,
  type TextChange,
  type Segment,
  type DiffGate,
  type DiffOptions,
  type DiffSide,
} from './diff/index.js'
export {resolveSource, openSource, materialiseRevision, repositoryPrefix, type ProjectSource, type OpenedSource} from './diff/git.js'
export {formatFile, fmtProject, keyOrder, type FormatResult, type FmtResult, type FmtOptions} from './author/fmt.js'
export {initProject, scaffoldFiles} from './author/init.js'
export {newPriority, newEvidence} from './author/new.js'
export {startPreview, type PreviewOptions, type PreviewServer, type PreviewState, type PreviewDiagnostic} from './preview/index.js'
export {defaultEditorUrl, editorLink, parseEditorUrl, type EditorUrl} from './preview/editor-url.js'
export {createSession, type Session, type SessionOptions, type SessionUpdate} from './preview/session.js'
export {runDoctor} from './author/doctor.js'
export {editorSchemas, writeSchemas} from './author/editor-schemas.js'
export {slugify, priorityId, evidenceId} from './core/slug.js'
export {
  configSchema,
  priorityFrontMatterSchema,
  evidenceFrontMatterSchema,
  proseFrontMatterSchema,
  jsonSchemas,
  type Config,
} from './core/schema.js'
export type * from './core/model.js'
export {version}
export type {PdfMetadata, PrintResult} from './print/index.js'
export {findBrowser, type BrowserLocation} from './print/browser.js'
export * from './pipeline/index.js'
export {publish, type PublishOptions, type PublishResult} from './pipeline/publish.js'
export {editionSnapshot, shownAsOf} from './score/editions.js'
export {serializeSnapshot, snapshotSchema, type EditionSnapshot, type SnapshotPriority} from './core/snapshot.js'
