/**
 * The allow-list every Markdown body is sanitized with.
 */
import {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import {withResourcePolicy} from './resource-policy.js'

/**
 * Sanitize schema: GitHub's, plus the citation marker our remark plugin
 * emits, plus `data:` image sources (embedded local images; the type is
 * checked after sanitizing, by `rehypeSafeResources`).
 */
export const sanitizeSchema: SanitizeSchema = withResourcePolicy({
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    sup: [...(defaultSchema.attributes?.sup ?? []), 'dataCiteIndex'],
  },
  protocols: {
    ...defaultSchema.protocols,
    src: ['data'],
  },
  // Dropped with their content: style sheets are code, not text.
  strip: ['script', 'style', 'template'],
})
