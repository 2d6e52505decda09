/**
 * The vocabulary of movement, decided once: the four ways a rating can move
 * between two editions (`Movement`), with the symbol and title every output
 * shows for each, in the order the report lists them. Present builds the
 * words from it (src/present/labels.ts); render's chart and the "What
 * changed" table, and diff, use the same.
 */
import type {Movement} from './model.js'

/** The movements in the order the report lists them (chart rows, table columns). */
export const movementOrder: readonly Movement[] = ['up', 'same', 'down', 'new']

/** Titles of the movements ("What changed" groups, chart rows, table headings). */
export const movementTitles: Readonly<Record<Movement, string>> = {up: 'Moved up', down: 'Moved down', same: 'Unchanged', new: 'Newly rated'}

/** Symbols of movement, by kind. */
export const movementSymbols: Readonly<Record<Movement, string>> = {up: '▲', down: '▼', same: '=', new: '+'}
