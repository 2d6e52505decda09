/**
 * The words outputs show for statuses and movement: one vocabulary, here.
 */
import type {Movement, ScoredReport} from '../core/model.js'
import type {MovementView, StatusView} from '../core/view.js'

/** The status shown for a priority not yet rated. */
export const unratedStatus: StatusView = {id: 'unrated', label: 'Not yet rated', symbol: '–', description: undefined}

/** Titles of the "What changed" groups, by movement. */
export const movementTitles: Readonly<Record<Movement, string>> = {up: 'Moved up', down: 'Moved down', same: 'Unchanged', new: 'Newly rated'}

/** Symbols of movement, by kind. */
export const movementSymbols: Readonly<Record<Movement, string>> = {up: '▲', down: '▼', same: '=', new: '+'}

/** A status id as shown, from the report's scale. */
export function statusLabeller(scale: ScoredReport['config']['scale']): (id: string | undefined) => StatusView {
  const byId = new Map(scale.map((entry) => [entry.id, entry]))
  return (id) => {
    if (id === undefined) return unratedStatus
    const entry = byId.get(id)
    return {id, label: entry?.label ?? id, symbol: entry?.symbol ?? '', description: entry?.description}
  }
}

/** Movement as shown beside a status: `Up 2 steps from Partial`. */
export function movementView(change: {movement: Movement; steps: number}, before: StatusView, since: string): MovementView {
  const steps = change.steps === 1 ? '1 step' : `${change.steps} steps`
  const symbol = movementSymbols[change.movement]
  switch (change.movement) {
    case 'up':
      return {kind: 'up', symbol, text: `Up ${steps} from ${before.label}`, short: `${symbol} from ${before.label}`, since}
    case 'down':
      return {kind: 'down', symbol, text: `Down ${steps} from ${before.label}`, short: `${symbol} from ${before.label}`, since}
    case 'same':
      return {kind: 'same', symbol, text: 'Unchanged', short: `${symbol} unchanged`, since}
    case 'new':
      return {kind: 'new', symbol, text: 'Newly rated', short: `${symbol} new`, since}
  }
}

/** A source type (a slug) as words: `official-statement` → "Official statement", `news` → "News". */
export function sourceTypeLabel(type: string): string {
  const words = type.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
