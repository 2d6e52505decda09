/**
 * The structure tree of a tagged PDF, as the layout audit's fast reader
 * (audit-scan.ts) needs it: the element of each marked-content id of a page,
 * its roles from the root down, and the rows of the tables on the page, as
 * pdfjs's page structure tree gives them. Cycles and trees deeper than
 * {@link maxDepth} throw {@link Unsupported}.
 */
import type {PDFDict, PDFDocument, PDFObject} from 'pdf-lib'
import type {AuditRow, AuditTable} from './audit-read.js'
import {maxDepth, Unsupported} from './pdf-content-lexer.js'

type PdfLib = typeof import('pdf-lib')


/** A structure element, as the audit needs it. */
export interface Element {
  role: string
  parent: Element | undefined
  /** Its kids that are elements, in order (read when first asked for: only tables need them). */
  kids(): Element[]
}

export interface Structure {
  /** The elements each marked-content id of `page` belongs to. */
  parentsOf(page: PDFDict): Map<number, Element>
  /** The tables with content on the page, as pdfjs's page structure tree has them. */
  tablesOn(parents: Map<number, Element>, pageId: string): {table: Element; pageId: string; parents: Map<number, Element>}[]
}

export function readStructure(lib: PdfLib, doc: PDFDocument): Structure {
  const {PDFDict, PDFName, PDFArray, PDFNumber, PDFRef} = lib
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const roleMap = new Map<string, string>()
  const mapDict = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict)
  for (const [key, value] of mapDict?.entries() ?? []) if (value instanceof PDFName) roleMap.set(key.decodeText(), value.decodeText())
  const elements = new Map<PDFDict, Element>()
  // Elements whose ancestors are being read: met again, they close a cycle.
  const reading = new Set<PDFDict>()
  const nameOf = (value: PDFObject | undefined): string | undefined => (value instanceof PDFName ? value.decodeText() : undefined)

  const elementOf = (dict: PDFDict): Element | undefined => {
    const known = elements.get(dict)
    if (known) {
      if (reading.has(dict)) throw new Unsupported('a cycle in the structure tree')
      return known
    }
    if (reading.size > maxDepth) throw new Unsupported('structure tree too deep')
    const s = nameOf(dict.get(PDFName.of('S')))
    if (s === undefined) return undefined
    let kids: Element[] | undefined
    const element: Element = {
      role: roleMap.get(s) ?? s,
      parent: undefined,
      kids: () => (kids ??= kidsOf(dict)),
    }
    elements.set(dict, element)
    const parent = dict.lookup(PDFName.of('P'))
    if (parent instanceof PDFDict && nameOf(parent.get(PDFName.of('Type'))) !== 'StructTreeRoot') {
      reading.add(dict)
      try {
        element.parent = elementOf(parent)
      } finally {
        reading.delete(dict)
      }
    }
    return element
  }
  const kidsOf = (dict: PDFDict): Element[] => {
    const k = dict.get(PDFName.of('K'))
    const raw = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k]
    const kids: Element[] = []
    for (const entry of raw) {
      const kid = entry instanceof PDFRef ? doc.context.lookup(entry) : entry
      if (!(kid instanceof PDFDict)) continue
      const type = nameOf(kid.get(PDFName.of('Type')))
      if (type === 'MCR' || type === 'OBJR') continue
      const element = elementOf(kid)
      if (element) kids.push(element)
    }
    return kids
  }

  // The parent tree: StructParents of a page → the element of each of its marked-content ids.
  const parentTree = new Map<number, PDFObject>()
  const readNumberTree = (node: PDFDict | undefined, depth: number): void => {
    if (!node || depth > 50) return
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)
    if (nums)
      for (let index = 0; index + 1 < nums.size(); index += 2) {
        const key = nums.lookup(index)
        if (key instanceof PDFNumber) parentTree.set(key.asNumber(), nums.get(index + 1))
      }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let index = 0; index < (kids?.size() ?? 0); index++) readNumberTree(kids!.lookupMaybe(index, PDFDict), depth + 1)
  }
  readNumberTree(root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 0)

  return {
    parentsOf(page) {
      const result = new Map<number, Element>()
      const key = page.get(PDFName.of('StructParents'))
      if (!(key instanceof PDFNumber)) return result
      const entry = parentTree.get(key.asNumber())
      const array = entry instanceof PDFRef ? doc.context.lookup(entry) : entry
      if (!(array instanceof PDFArray)) return result
      for (let mcid = 0; mcid < array.size(); mcid++) {
        const dict = array.lookup(mcid)
        const element = dict instanceof PDFDict ? elementOf(dict) : undefined
        if (element) result.set(mcid, element)
      }
      return result
    },
    tablesOn(parents, pageId) {
      const tables = new Set<Element>()
      for (const element of parents.values()) for (let at: Element | undefined = element; at; at = at.parent) if (at.role === 'Table') tables.add(at)
      return [...tables].map((table) => ({table, pageId, parents}))
    },
  }
}

/** Roles from the root down to `element` itself, as pdfjs's page tree gives them. */
export function rolesOf(element: Element): string[] {
  const roles: string[] = []
  for (let at: Element | undefined = element; at; at = at.parent) {
    roles.push(at.role)
    if (roles.length > maxDepth) throw new Unsupported('structure tree too deep, or a cycle')
  }
  roles.push('Root')
  return roles.reverse()
}

/** A table's rows, and which of them have text on this page (as audit-read.ts's `tableOf`). */
export function tableRows({table, pageId, parents}: {table: Element; pageId: string; parents: Map<number, Element>}, topOf: Map<string, number>): AuditTable {
  const mcidsOf = new Map<Element, number[]>()
  for (const [mcid, owner] of parents) mcidsOf.set(owner, [...(mcidsOf.get(owner) ?? []), mcid])
  const rows: Element[] = []
  const collect = (element: Element, depth: number): void => {
    if (depth > maxDepth) throw new Unsupported('table too deep, or a cycle')
    if (element.role === 'TR') rows.push(element)
    else if (element.role !== 'Table' || element === table) for (const kid of element.kids()) collect(kid, depth + 1)
  }
  collect(table, 0)
  const headerRows: number[] = []
  const rowsOnPage: AuditRow[] = []
  rows.forEach((row, index) => {
    const cells = row.kids().filter((kid) => kid.role === 'TH' || kid.role === 'TD')
    const header = cells.length > 0 && cells.every((cell) => cell.role === 'TH')
    if (header) headerRows.push(index)
    let top: number | undefined
    const find = (element: Element, depth: number): void => {
      if (depth > maxDepth) throw new Unsupported('table row too deep, or a cycle')
      for (const mcid of mcidsOf.get(element) ?? []) {
        const at = topOf.get(`${pageId}_mc${mcid}`)
        if (at !== undefined) top = Math.min(top ?? at, at)
      }
      for (const kid of element.kids()) find(kid, depth + 1)
    }
    find(row, 0)
    if (top !== undefined) rowsOnPage.push({index, header, top})
  })
  return {rowCount: rows.length, headerRows, rows: rowsOnPage}
}
