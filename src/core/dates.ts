/**
 * Dates: the one home of the ISO date checks (full or reduced precision,
 * full dates only), the days a date can mean, the status a dated history
 * gives on a day, and dates as the report prints them.
 */

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `17 July 2010`, `July 2010` or `2010`: only the precision the date has. */
export function formatDate(value: string): string {
  const [year, month, day] = value.split('-')
  if (month === undefined) return year ?? value
  const name = months[Number(month) - 1] ?? month
  return day === undefined ? `${name} ${year}` : `${Number(day)} ${name} ${year}`
}

/**
 * ISO 8601 calendar dates of full or reduced precision: `2010`, `2010-07`,
 * `2010-07-17`. Sources often give only a month or a year; record the
 * precision you actually have rather than inventing a day.
 */
export const isoDatePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** Whether `value` is a real calendar date in one of the accepted precisions. */
export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value)
  if (!match) return false
  const month = match[2] === undefined ? 1 : Number(match[2])
  const day = match[3] === undefined ? 1 : Number(match[3])
  if (month < 1 || month > 12) return false
  const daysInMonth = new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate()
  return day >= 1 && day <= daysInMonth
}

/** The first and last calendar day an ISO date of any precision can mean. */
export function dateBounds(value: string): {start: string; end: string} {
  const match = isoDatePattern.exec(value)
  if (!match) throw new TypeError(`Not an ISO date: ${value}`)
  const year = match[1]!
  if (match[3] !== undefined) return {start: value, end: value}
  if (match[2] !== undefined) {
    const last = new Date(Date.UTC(Number(year), Number(match[2]), 0)).getUTCDate()
    return {start: `${value}-01`, end: `${value}-${String(last).padStart(2, '0')}`}
  }
  return {start: `${year}-01-01`, end: `${year}-12-31`}
}

/** Whether `value` is a full date, `YYYY-MM-DD`, that exists (the as-of date, `--as-of`). */
export function isFullDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value)
}

/**
 * The status as of `date`: the latest history entry on or before it. An entry
 * of reduced precision counts from its first day. Undefined before the first entry.
 */
export function statusAt(history: readonly {date: string; status: string}[], date: string): string | undefined {
  let status: string | undefined
  for (const entry of history) if (isIsoDate(entry.date) && dateBounds(entry.date).start <= date) status = entry.status
  return status
}
