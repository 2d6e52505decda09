/**
 * `diff --format json`.
 */
import type {AssessmentDiff} from './types.js'

/** `diff --format json`: the diff as JSON (schema: docs/diff-schema.json), with a final newline. */
export function diffToJson(diff: AssessmentDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`
}
