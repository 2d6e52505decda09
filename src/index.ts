/**
 * Scorecard's library API. Stages live one per module:
 * load → validate → link → score → render → print.
 *
 * Content problems are returned as vfile messages; operational failures throw
 * `ScorecardError` with a stable code.
 */
import {version} from './version.js'

export {ScorecardError, exitCodes, type ErrorCode} from './errors.js'
export {formatDiagnostics, countMessages, summaryLine, type DiagnosticFormat} from './diagnostics.js'
export {loadProject, defaultLimits, type Limits, type LoadedProject, type SourceFile} from './load.js'
export {validateProject} from './validate.js'
export {linkProject, createParseCache, type ParseCache} from './link.js'
export {scoreProject} from './score.js'
export {renderReport, type Rendered} from './render.js'
export {formatDate} from './dates.js'
export {renderJson, renderCsv, schemaVersion} from './export.js'
export {stackedBarChart, changeChart} from './charts.js'
export {resolveAsOf, type ScoreOptions} from './score.js'
export {parseCitation, remarkCitations} from './remark-citations.js'
export {writeOutputs} from './write.js'
export {
  diffProjects,
  diffReports,
  redlineProjects,
  redlineHtml,
  formatDiffText,
  formatDiffMarkdown,
  diffToJson,
  trippedGates,
  summaryText,
  textChange,
  diffSchemaVersion,
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
} from './diff.js'
export {resolveSource, openSource, materialiseRevision, type ProjectSource, type OpenedSource} from './git.js'
export {formatFile, fmtProject, keyOrder, type FormatResult, type FmtResult, type FmtOptions} from './fmt.js'
export {initProject, scaffoldFiles} from './init.js'
export {newPriority, newEvidence} from './new.js'
export {startPreview} from './preview.js'
export {createSession, type Session, type SessionOptions, type SessionUpdate} from './session.js'
export {runDoctor} from './doctor.js'
export {editorSchemas, writeSchemas} from './editor-schemas.js'
export {slugify, priorityId, evidenceId} from './slug.js'
export {
  configSchema,
  priorityFrontMatterSchema,
  evidenceFrontMatterSchema,
  proseFrontMatterSchema,
  jsonSchemas,
  isIsoDate,
  dateBounds,
  type Config,
} from './schema.js'
export type * from './model.js'
export {version}
export type {PdfMetadata, PrintResult} from './print.js'
export {findBrowser, type BrowserLocation} from './browser.js'
export * from './pipeline.js'
