/**
 * The words outputs show for statuses and movement: one vocabulary, here
 * (the kinds, symbols and titles of movement are in src/core/movement.ts,
 * which render's chart reads too).
 */
import type {Movement, ScoredReport} from '../core/model.js'
import {movementSymbols, movementTitles} from '../core/movement.js'
import type {MovementView, StatusView} from '../core/view.js'

/** The status shown for a priority not yet rated. */
export const unratedStatus: StatusView = {id: 'unrated', label: 'Not yet rated', symbol: '–', description: undefined}

export {movementOrder, movementSymbols, movementTitles} from '../core/movement.js'

/** A status id as shown, from the report's scale. */
export function statusLabeller(scale: ScoredReport['config']['scale']): (id: string | undefined) => StatusView {
  const byId = new Map(scale.map((entry) => [entry.id, entry]))
  return (id) => {
    if (id === undefined) return unratedStatus
    const entry = byId.get(id)
    return {id, label: entry?.label ?? id, symbol: entry?.symbol ?? '', description: entry?.description}
  }
}

/** A movement in words, lower case: `up 2 steps`, `down 1 step`, `unchanged`, `newly rated`. */
export function movementPhrase(change: {movement: Movement; steps: number}): string {
  const steps = change.steps === 1 ? '1 step' : `${change.steps} steps`
  switch (change.movement) {
    case 'up':
      return `up ${steps}`
    case 'down':
      return `down ${steps}`
    case 'same':
      return 'unchanged'
    case 'new':
      return 'newly rated'
  }
}

/** A count of priorities that moved one way: `1 moved up`, `3 newly rated`. */
export function movementCount(movement: Movement, count: number): string {
  return `${count} ${movementTitles[movement].toLowerCase()}`
}

/** Movement as shown beside a status: `Up 2 steps from Partial`. */
export function movementView(change: {movement: Movement; steps: number}, before: StatusView, since: string): MovementView {
  const symbol = movementSymbols[change.movement]
  const phrase = movementPhrase(change)
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1)
  switch (change.movement) {
    case 'up':
    case 'down':
      return {kind: change.movement, symbol, text: `${text} from ${before.label}`, short: `${symbol} from ${before.label}`, since}
    case 'same':
      return {kind: 'same', symbol, text, short: `${symbol} unchanged`, since}
    case 'new':
      return {kind: 'new', symbol, text, short: `${symbol} new`, since}
  }
}

/** A source type (a slug) as words: `official-statement` → "Official statement", `news` → "News". */
export function sourceTypeLabel(type: string): string {
  const words = type.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
