/**
 * The words outputs show for statuses and movement: one vocabulary, here,
 * in the report's locale (src/core/locales/).
 */
import {localeFor, type Locale} from '../core/locales/index.js'
import type {Movement, ScoredReport} from '../core/model.js'
import {movementSymbols, movementTitles} from '../core/movement.js'
import type {MovementView, StatusView} from '../core/view.js'

const english = localeFor('en')

export {movementOrder, movementSymbols, movementTitles} from '../core/movement.js'

/** The status shown for a priority not yet rated (English; see {@link unratedStatusIn}). */
export const unratedStatus: StatusView = unratedStatusIn(english)

/** The status shown for a priority not yet rated, in `locale`. */
export function unratedStatusIn(locale: Locale): StatusView {
  return {id: 'unrated', label: locale.t('notYetRated'), symbol: '–', description: undefined}
}

/** Titles of the movements ("What changed" groups, chart rows, table headings), in `locale`; `movementTitles` is the English. */
export function movementTitlesIn(locale: Locale): Readonly<Record<Movement, string>> {
  return {up: locale.t('movedUp'), down: locale.t('movedDown'), same: locale.t('unchanged'), new: locale.t('newlyRated')}
}

/** A status id as shown, from the report's scale. */
export function statusLabeller(scale: ScoredReport['config']['scale'], locale: Locale = english): (id: string | undefined) => StatusView {
  const byId = new Map(scale.map((entry) => [entry.id, entry]))
  const unrated = unratedStatusIn(locale)
  return (id) => {
    if (id === undefined) return unrated
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
export function movementView(change: {movement: Movement; steps: number}, before: StatusView, since: string, locale: Locale = english): MovementView {
  const steps = locale.t('steps', {count: change.steps})
  const symbol = movementSymbols[change.movement]
  const from = locale.t('movementFrom', {symbol, status: before.label})
  switch (change.movement) {
    case 'up':
      return {kind: 'up', symbol, text: locale.t('movementUp', {steps, status: before.label}), short: from, since}
    case 'down':
      return {kind: 'down', symbol, text: locale.t('movementDown', {steps, status: before.label}), short: from, since}
    case 'same':
      return {kind: 'same', symbol, text: locale.t('unchanged'), short: locale.t('movementUnchanged', {symbol}), since}
    case 'new':
      return {kind: 'new', symbol, text: locale.t('newlyRated'), short: locale.t('movementNew', {symbol}), since}
  }
}

/** A source type (a slug) as words: `official-statement` → "Official statement", `news` → "News". */
export function sourceTypeLabel(type: string): string {
  const words = type.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
