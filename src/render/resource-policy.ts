/**
 * The resource policy of rendered content: nothing in a body may make the
 * page fetch anything. rehype-sanitize keeps GitHub's allow-list, which lets
 * `<picture><source srcset>` and `<img longdesc>` through; an embedding page
 * without our CSP (the JSON's `priorities[].html`) would fetch those. So the
 * schema drops `<source>` and every URL-bearing attribute but links, and
 * {@link stripResources} removes whatever loads a resource after sanitizing,
 * should a later change to the schema let one in.
 */
import type {Element} from 'hast'
import {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'

/** hast property names (and their HTML names) that make a browser fetch, besides `<img src>`. */
export const resourceProperties: ReadonlySet<string> = new Set([
  'srcSet', 'srcset', 'imageSrcSet', 'imagesrcset', 'src', 'poster', 'background', 'data', 'lowsrc', 'dynsrc', 'longDesc', 'longdesc',
  'ping', 'action', 'formAction', 'formaction', 'xLinkHref', 'xlinkHref', 'manifest', 'codeBase', 'codebase', 'archive', 'icon', 'profile', 'style',
])

/** Tags that exist only to load a resource. */
const resourceTags = new Set(['source', 'track', 'video', 'audio', 'embed', 'object', 'iframe', 'frame', 'link', 'image', 'use'])

/** GitHub's sanitize schema without `<source>`, `srcset`, `longdesc` and `action`. */
export function withResourcePolicy(schema: SanitizeSchema): SanitizeSchema {
  const attributes: NonNullable<SanitizeSchema['attributes']> = {}
  for (const [tag, list] of Object.entries(schema.attributes ?? defaultSchema.attributes ?? {})) {
    attributes[tag] = list.filter((entry) => {
      const name = Array.isArray(entry) ? entry[0] : entry
      return !(resourceProperties.has(name) && !(tag === 'img' && name === 'src'))
    })
  }
  return {
    ...schema,
    tagNames: (schema.tagNames ?? defaultSchema.tagNames ?? []).filter((tag) => !resourceTags.has(tag)),
    attributes,
  }
}

/**
 * Remove from `node` whatever would load a resource: resource attributes
 * (all but an `<img>`'s `src`, which the caller checks against
 * `safeDataImage`). Returns whether `node` is itself a resource-only element
 * the caller should remove.
 */
export function stripResources(node: Element): boolean {
  if (resourceTags.has(node.tagName)) return true
  for (const name of Object.keys(node.properties)) {
    if (!resourceProperties.has(name)) continue
    // An image's `src` is judged by the caller: embedded safe data stays, anything else becomes the alt text.
    if (name === 'src' && node.tagName === 'img') continue
    delete node.properties[name]
  }
  return false
}
