import type {Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {sanitizeSchema} from '../../src/render/sanitize-schema.js'

const processor = unified().use(rehypeSanitize, sanitizeSchema).use(rehypeStringify)
const clean = (html: string): string => processor.stringify(processor.runSync(fromHtml(html, {fragment: true})) as Root)

describe('sanitizeSchema', () => {
  it('keeps the citation marker attribute on sup, and data: image sources', () => {
    expect(clean('<sup data-cite-index="m:0">x</sup>')).toBe('<sup data-cite-index="m:0">x</sup>')
    expect(clean('<img src="data:image/png;base64,AA" alt="a">')).toBe('<img src="data:image/png;base64,AA" alt="a">')
  })

  it('drops scripts, styles and templates with their content, and event handlers', () => {
    expect(clean('<p onclick="x()">a<script>alert(1)</script><style>p{}</style><template>t</template></p>')).toBe('<p>a</p>')
  })

  it('drops remote image sources and javascript: links', () => {
    expect(clean('<img src="https://example.com/x.png" alt="a">')).toBe('<img alt="a">')
    expect(clean('<a href="javascript:alert(1)">a</a>')).toBe('<a>a</a>')
  })
})
