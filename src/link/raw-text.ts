/**
 * Raw-text elements in Markdown: in HTML, everything after `<script>`,
 * `<style>`, `<textarea>`, `<title>` and the like, up to the matching end tag
 * (or the end of the paragraph), is that element's text rather than prose.
 * The sanitizer then drops it, or shows citations as literal text, while the
 * JSON still lists them: words and notes would vanish without a word. Each
 * such tag is therefore an error, reported where it is written.
 */
import type {Html, Root} from 'mdast'
import {ErrorCodes, Token, Tokenizer, type TokenHandler} from 'parse5'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {report} from '../core/diagnostics.js'

/** Elements whose content HTML parsers read as raw text (or never end). */
export const rawTextElements = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'plaintext'] as const

const rawText = new Set<string>(rawTextElements)

const ignore = (): void => {}

/**
 * parse5's HTML tokenizer (the one rehype-raw parses with), which also tells
 * the tag it was reading when the text ended: `<script` at the end of a
 * block opens a raw-text element as surely as `<script>` does.
 */
class TagScanner extends Tokenizer {
  /** The tag being read when the input ended, if the input ended inside one. */
  unfinished(): {offset: number; name: string} | undefined {
    const token = this.currentToken
    if (token?.type !== Token.TokenType.START_TAG || token.location === null) return undefined
    return {offset: token.location.startOffset, name: token.tagName}
  }
}

/** Offsets and names of the raw-text elements opened in `html`. */
export function rawTextTags(html: string): {offset: number; name: string}[] {
  const found: {offset: number; name: string}[] = []
  let endedInTag = false
  const handler: TokenHandler = {
    onStartTag(token) {
      if (rawText.has(token.tagName) && token.location) found.push({offset: token.location.startOffset, name: token.tagName})
    },
    onParseError(error) {
      if (error.code === ErrorCodes.eofInTag) endedInTag = true
    },
    onEndTag: ignore,
    onComment: ignore,
    onDoctype: ignore,
    onEof: ignore,
    onCharacter: ignore,
    onNullCharacter: ignore,
    onWhitespaceCharacter: ignore,
  }
  const scanner = new TagScanner({sourceCodeLocationInfo: true}, handler)
  scanner.write(html, true)
  const open = endedInTag ? scanner.unfinished() : undefined
  if (open && rawText.has(open.name)) found.push(open)
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
