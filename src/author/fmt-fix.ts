/**
 * `scorecard fmt --fix`: repairs of mechanical mistakes that keep front
 * matter from reading as meant. Each is safe to make without asking: the
 * intent is plain and nothing else can be meant.
 *
 * - before parsing, on the front matter's lines: tabs in indentation
 *   (YAML forbids them), curly quotes around a value (word processors and
 *   phones type them; YAML quotes only with straight ones), and a missing
 *   colon after a known key (`title Media freedom`);
 * - after parsing: a status given by its label or symbol ("Limited progress",
 *   "▲") instead of its scale id.
 */
import {isMap, isScalar, isSeq, type Document} from 'yaml'

/** A scale entry as `fmt --fix` needs it. */
export interface ScaleEntry {
  id: string
  label?: string
  symbol?: string
}

const curly = /^(\s*(?:- )?[A-Za-z][\w-]*:[ \t]+)([“”„‘’‚«»])(.*?)([“”‘’»«])[ \t]*$/

/**
 * Repair the text between the front matter's `---` lines. `keys` are the
 * field names known for the file's kind. Returns the text and what was fixed.
 */
export function fixFrontMatterText(yaml: string, keys: readonly string[]): {text: string; fixes: string[]} {
  const fixes: string[] = []
  const missingColon = new RegExp(`^(\\s*(?:- )?)(${keys.map((key) => key.replace(/[^\w-]/g, '')).join('|')})[ \\t]+(?![:#])(\\S.*)$`)
  let blockIndent: number | undefined
  const lines = yaml.split('\n').map((line, index) => {
    const indentOf = (text: string): number => /^[ \t]*/.exec(text)![0].length
    // Inside a block scalar (`note: |`) every line is text: leave it alone.
    if (blockIndent !== undefined && (line.trim() === '' || indentOf(line) > blockIndent)) return line
    blockIndent = /:[ \t]*[|>][+-]?\d*[ \t]*(?:#.*)?$/.test(line) ? indentOf(line) : undefined
    let fixed = line
    const indent = /^[ \t]*/.exec(fixed)![0]
    if (indent.includes('\t')) {
      fixed = indent.replace(/\t/g, '  ') + fixed.slice(indent.length)
      fixes.push(`line ${index + 2}: tab in indentation replaced by spaces`)
    }
    const colon = missingColon.exec(fixed)
    if (colon) {
      const value = colon[3]!
      const needsQuotes = /: |\s#/.test(value) && !/^["'“”‘’„«]/.test(value)
      fixed = `${colon[1]}${colon[2]}: ${needsQuotes ? JSON.stringify(value) : value}`
      fixes.push(`line ${index + 2}: colon added after "${colon[2]}"`)
    }
    const quoted = curly.exec(fixed)
    if (quoted) {
      fixed = `${quoted[1]}${JSON.stringify(quoted[3])}`
      fixes.push(`line ${index + 2}: curly quotes around the value replaced by straight ones`)
    }
    return fixed
  })
  return {text: lines.join('\n'), fixes}
}

/** Replace a status given by a scale label or symbol with its id, at the top level and in `history`. */
export function fixStatuses(doc: Document.Parsed, scale: readonly ScaleEntry[]): string[] {
  const fixes: string[] = []
  const byName = new Map<string, string>()
  for (const entry of scale) {
    if (entry.label) byName.set(entry.label.trim().toLowerCase(), entry.id)
    if (entry.symbol) byName.set(entry.symbol.trim(), entry.id)
  }
  const ids = new Set(scale.map((entry) => entry.id))
  const fix = (node: unknown, where: string): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || ids.has(node.value)) return
    const id = byName.get(node.value.trim().toLowerCase()) ?? byName.get(node.value.trim())
    if (id === undefined) return
    fixes.push(`${where}: "${node.value}" is the scale entry "${id}"`)
    node.value = id
  }
  if (!isMap(doc.contents)) return fixes
  fix(doc.contents.get('status', true), 'status')
  const history = doc.contents.get('history', true)
  if (isSeq(history)) history.items.forEach((item, index) => isMap(item) && fix(item.get('status', true), `history[${index}].status`))
  return fixes
}
