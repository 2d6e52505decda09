/**
 * `--fail-on`: the conditions under which `scorecard diff` exits 1, for CI.
 */
import type {AssessmentDiff} from './types.js'

/** What `--fail-on` can trip on. */
export type DiffGate = 'downgrade' | 'edited-quotation' | 'removed' | 'any-change'

/** The gates of `gates` that `diff` trips, in the order given. */
export function trippedGates(diff: AssessmentDiff, gates: readonly DiffGate[]): DiffGate[] {
  return gates.filter((gate) => {
    switch (gate) {
      case 'downgrade':
        return diff.summary.priorities.downgrades > 0
      case 'edited-quotation':
        return diff.summary.evidence.editedQuotations > 0
      case 'removed':
        return diff.summary.priorities.removed > 0
      case 'any-change':
        return diff.summary.changed
    }
  })
}

