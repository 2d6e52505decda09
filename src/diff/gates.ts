/**
 * `--fail-on`: the conditions under which `scorecard diff` exits 1, for CI.
 */
import type {AssessmentDiff, PriorityDiff} from './types.js'

/** What `--fail-on` can trip on. */
export type DiffGate = 'downgrade' | 'edited-quotation' | 'removed' | 'removed-evidence' | 'undated-status-change' | 'any-change'

/** Every gate, in the order `--help` lists them. */
export const diffGates: readonly DiffGate[] = ['downgrade', 'edited-quotation', 'removed', 'removed-evidence', 'undated-status-change', 'any-change']

/**
 * Whether a priority's status changed without a new dated `history` entry
 * giving the new status: the rating moved, but nothing records when.
 */
export function undatedStatusChange(item: PriorityDiff): boolean {
  if (item.change !== 'modified' || item.status.movement === 'same' || item.status.movement === null) return false
  return !item.historyAdded.some((entry) => entry.status === item.status.after)
}

/** The gates of `gates` that `diff` trips, in the order given. */
export function trippedGates(diff: AssessmentDiff, gates: readonly DiffGate[]): DiffGate[] {
  return gates.filter((gate) => {
    switch (gate) {
      case 'downgrade':
        return diff.summary.priorities.down > 0
      case 'edited-quotation':
        return diff.summary.evidence.editedQuotations > 0
      case 'removed':
        return diff.summary.priorities.removed > 0
      case 'removed-evidence':
        // An excerpt deleted, or a priority that no longer cites one.
        return diff.summary.evidence.removed > 0 || diff.priorities.some((item) => item.change === 'modified' && item.evidence.removed.length > 0)
      case 'undated-status-change':
        return diff.priorities.some(undatedStatusChange)
      case 'any-change':
        return diff.summary.changed
    }
  })
}
