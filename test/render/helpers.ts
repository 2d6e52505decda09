/** Shared bits of the render pass tests: run one pass on hast, build a body context. */
import type {Element, ElementContent, Root} from 'hast'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import type {Citation, Evidence} from '../../src/core/model.js'
import type {BodyContext, Note} from '../../src/render/body-context.js'

/** Run one hast → hast pass on `tree` with `context` as `file.data.render`. */
export function runPass(plugin: Plugin<[], Root>, tree: Root, context?: BodyContext): Root {
  const file = new VFile()
  if (context) file.data.render = context
  return unified().use(plugin).runSync(tree, file) as Root
}

/** An element. */
export function h(tagName: string, properties: Element['properties'] = {}, children: ElementContent[] = []): Element {
  return {type: 'element', tagName, properties, children}
}

/** A text node. */
export function t(value: string): ElementContent {
  return {type: 'text', value}
}

/** A root of `children`. */
export function root(...children: ElementContent[]): Root {
  return {type: 'root', children}
}

/** An excerpt with just what notes read. */
export function excerpt(id: string, title = `Source ${id}`): Evidence {
  return {id, title, publisher: 'Publisher', author: undefined, date: '2010-07-01', url: undefined, type: 'report', locator: undefined, locatorParts: undefined, voice: 'narrative', speaker: undefined, spokenOn: undefined, note: undefined, sourceFile: undefined, source: undefined as never}
}

/** A body context for chapter `chapter`, with the excerpts `ids` numbered E1… in order. */
export function bodyContext(citations: Citation[], options: {notes?: Note[] | undefined; excluded?: string[]; ids?: string[]; containerLevel?: number; idPrefix?: string} = {}): BodyContext {
  const ids = options.ids ?? ['a', 'b', 'c']
  return {
    citations,
    notes: 'notes' in options ? options.notes : [],
    chapterId: 'chapter',
    containerLevel: options.containerLevel ?? 3,
    idPrefix: options.idPrefix ?? 'p-',
    appendixNumber: new Map(ids.map((id, index) => [id, index + 1])),
    evidenceById: new Map(ids.map((id) => [id, excerpt(id)])),
    excluded: new Set(options.excluded ?? []),
    omitted: 0,
  }
}
