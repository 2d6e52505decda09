/**
 * Raw-text elements in Markdown: in HTML, everything after `<script>`,
 * `<style>`, `<textarea>`, `<title>` and the like, up to the matching end tag
 * (or the end of the paragraph), is that element's text rather than prose.
 * The sanitizer then drops it, or shows citations as literal text, while the
 * JSON still lists them: words and notes would vanish without a word. Each
 * such tag is therefore an error, reported where it is written.
 */
import type {Html, Root} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {report} from '../core/diagnostics.js'

/** Elements whose content HTML parsers read as raw text (or never end). */
export const rawTextElements = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'plaintext'] as const

const rawText = new Set<string>(rawTextElements)
/** A whole tag, quoted attribute values included (a `<script>` inside one is not a tag). */
const tagAt = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y
/** The start of a raw-text tag that never closes (`<script` at the end of a block). */
const openingAt = new RegExp(`<(${rawTextElements.join('|')})(?=[\\s/]|$)`, 'iy')

/** Offsets and names of the raw-text elements opened in `html`. */
export function rawTextTags(html: string): {offset: number; name: string}[] {
  const found: {offset: number; name: string}[] = []
  let i = html.indexOf('<')
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4)
      i = end === -1 ? -1 : html.indexOf('<', end + 3)
      continue
    }
    tagAt.lastIndex = i
    const tag = tagAt.exec(html)
    if (tag) {
      const name = tag[2]!.toLowerCase()
      if (!tag[1] && rawText.has(name)) found.push({offset: i, name})
      i = html.indexOf('<', tagAt.lastIndex)
      continue
    }
    openingAt.lastIndex = i
    const open = openingAt.exec(html)
    if (open) found.push({offset: i, name: open[1]!.toLowerCase()})
    i = html.indexOf('<', i + 1)
  }
  return found
}

/** Report every raw-text element opened in the body's HTML. */
export function checkRawText(tree: Root, file: VFile): void {
  visit(tree, 'html', (node: Html) => {
    if (!node.value.includes('<')) return
    for (const {offset, name} of rawTextTags(node.value)) {
      const before = node.value.slice(0, offset)
      const lines = before.split('\n')
      const start = node.position?.start
      const line = (start?.line ?? 1) + lines.length - 1
      const column = lines.length === 1 ? (start?.column ?? 1) + before.length : lines.at(-1)!.length + 1
      report(file, {
        reason: `<${name}> is not allowed in content: the text after it would be lost from the report`,
        ruleId: 'raw-text-element',
        place: {line, column},
        hint: `Remove the tag, or write it as text: \`<${name}>\` in backticks, or &lt;${name}&gt;.`,
      })
    }
  })
}
