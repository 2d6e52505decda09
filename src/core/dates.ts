/** Dates as the report prints them. */

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `17 July 2010`, `July 2010` or `2010`: only the precision the date has. */
export function formatDate(value: string): string {
  const [year, month, day] = value.split('-')
  if (month === undefined) return year ?? value
  const name = months[Number(month) - 1] ?? month
  return day === undefined ? `${name} ${year}` : `${Number(day)} ${name} ${year}`
}
