/**
 * Local images referenced from Markdown: resolved inside the project only
 * (after symlinks and `..`), and embedded as `data:` URLs so the report stays
 * one self-contained file that never fetches anything.
 */
import {realpathSync} from 'node:fs'
import path from 'node:path'
import {readProjectFile} from '../core/safe-file.js'

/** Image types that may be embedded; SVG is left out because it can carry script. */
export const imageTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}

/** Largest image embedded, in bytes. */
export const maxImageBytes = 5 * 1024 * 1024

/** A `data:` URL of a safe raster image type. */
export const safeDataImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/

/** What became of an image reference. */
export type ImageResolution =
  | {kind: 'embedded'; dataUrl: string}
  | {kind: 'data'}
  | {kind: 'remote'}
  | {kind: 'outside'}
  | {kind: 'missing'}
  | {kind: 'special'; what: string}
  | {kind: 'unsupported'}
  | {kind: 'too-large'}

/** Resolve an image URL written in `fromFile` (absolute path) within `root`. */
export function resolveImage(url: string, fromFile: string, root: string): ImageResolution {
  if (/^data:/i.test(url)) return safeDataImage.test(url) ? {kind: 'data'} : {kind: 'unsupported'}
  // Anything with a scheme (http:, file:, ftp:…) or protocol-relative is not local.
  if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(url) || url.startsWith('//')) {
    return /^file:/i.test(url) ? {kind: 'outside'} : {kind: 'remote'}
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(url.split(/[?#]/)[0]!)
  } catch {
    return {kind: 'missing'}
  }
  if (path.isAbsolute(decoded)) return {kind: 'outside'}
  const type = imageTypes[path.extname(decoded).toLowerCase()]
  let real: string
  let realRoot: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(path.resolve(path.dirname(fromFile), decoded))
  } catch {
    const lexical = path.relative(root, path.resolve(path.dirname(fromFile), decoded))
    return lexical.startsWith('..') ? {kind: 'outside'} : {kind: 'missing'}
  }
  const relative = path.relative(realRoot, real)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return {kind: 'outside'}
  if (!type) return {kind: 'unsupported'}
  // Opened as every project file is (core/safe-file.ts): a regular file, without blocking, checked again once open.
  const read = readProjectFile(real, realRoot, maxImageBytes)
  if ('tooLarge' in read) return {kind: 'too-large'}
  if ('bytes' in read) return {kind: 'embedded', dataUrl: `data:${type};base64,${read.bytes.toString('base64')}`}
  return read.kind === 'special' ? {kind: 'special', what: read.what} : read.kind === 'outside' ? {kind: 'outside'} : {kind: 'missing'}
}
