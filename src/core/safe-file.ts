/**
 * Reading files a pull request controls. Git keeps symbolic links, so a
 * content file may point anywhere: at a secret outside the project, at
 * `/dev/zero` (endless, yet of size 0), at a FIFO or `/dev/stdin` (blocks
 * forever). Every project file is therefore checked before it is opened: it
 * must be a regular file whose real path (all links resolved) is inside the
 * project. It is then opened without following links and without blocking,
 * and checked again on the open descriptor, so a swap between the check and
 * the open cannot slip another file in.
 */
import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats} from 'node:fs'
import path from 'node:path'

/** Why a path is not read. */
export type UnsafeFile =
  | {kind: 'outside'; target: string}
  | {kind: 'dangling'}
  | {kind: 'special'; what: string}

/** A path checked to be a regular file inside the project. */
export interface SafeFile {
  /** The real path (links resolved). */
  real: string
  stats: Stats
}

/** Open flags: never follow a final link, never block on a FIFO or device (O_NOFOLLOW is absent on Windows). */
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

const realRoots = new Map<string, string>()

function realRoot(root: string): string {
  let real = realRoots.get(root)
  if (real === undefined) {
    try {
      real = realpathSync(root)
    } catch {
      real = path.resolve(root)
    }
    if (realRoots.size > 64) realRoots.clear()
    realRoots.set(root, real)
  }
  return real
}

/** Whether `child` is `parent` or inside it (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** What kind of non-regular file `stats` describes, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isSymbolicLink()) return 'a symbolic link'
  return 'not a regular file'
}

/**
 * The real path of `file`: the C library's realpath, one call where the
 * JavaScript one lstat()s every component of every path (0.3 s of `check` on
 * 11,000 files). Where it fails (a link to `/dev/stdin` that ends in a pipe
 * has no path), the JavaScript one decides, as it always did.
 */
function realPath(file: string): string {
  try {
    return realpathSync.native(file)
  } catch {
    return realpathSync(file)
  }
}

/**
 * The real paths of folders, for the files of one load: `inspectFile` with
 * it resolves each folder once rather than every component of every file's
 * path (glibc's realpath reads each component as a link, so this was 0.3 s
 * of `check` on 11,000 files). Make one per load, so that a folder replaced
 * by a link between two loads of a session is resolved again.
 */
export type RealFolders = Map<string, string | null>

/** The real path and stats of `file` through its folder's real path, when the file itself is not a link; otherwise undefined. */
function throughFolder(file: string, folders: RealFolders): SafeFile | undefined {
  const folder = path.dirname(file)
  let real = folders.get(folder)
  if (real === undefined) {
    try {
      real = realpathSync.native(folder)
    } catch {
      real = null
    }
    folders.set(folder, real)
  }
  if (real === null) return undefined
  const inFolder = path.join(real, path.basename(file))
  // A file that is not a link has the real path of its folder, plus its name;
  // lstat and stat describe the same file. Links go the long way round.
  const stats = lstatSync(inFolder, {throwIfNoEntry: false})
  return stats && !stats.isSymbolicLink() ? {real: inFolder, stats} : undefined
}

/**
 * Check that `absolutePath` leads to a regular file inside `root`, without
 * opening it. Returns the file's real path and stats, or why it is unsafe.
 * `folders` (see {@link RealFolders}) spares resolving the same folders again.
 */
export function inspectFile(absolutePath: string, root: string, folders?: RealFolders): SafeFile | UnsafeFile {
  const known = folders && throughFolder(absolutePath, folders)
  if (known) {
    if (!isInside(realRoot(root), known.real)) return {kind: 'outside', target: known.real}
    if (!known.stats.isFile()) return {kind: 'special', what: fileKind(known.stats)}
    return known
  }
  let real: string
  try {
    real = realPath(absolutePath)
  } catch {
    return {kind: 'dangling'}
  }
  if (!isInside(realRoot(root), real)) return {kind: 'outside', target: real}
  let stats: Stats
  try {
    stats = statSync(real)
  } catch {
    return {kind: 'dangling'}
  }
  if (!stats.isFile()) return {kind: 'special', what: fileKind(stats)}
  return {real, stats}
}

/** Whether an inspection found a safe file. */
export function isSafe(result: SafeFile | UnsafeFile): result is SafeFile {
  return 'real' in result
}

/** The outcome of {@link readProjectFile}. */
export type ReadOutcome = {bytes: Buffer; stats: Stats} | {tooLarge: number} | UnsafeFile

/**
 * Read a project file that must be a regular file inside `root`, at most
 * `maxBytes` of it. The size is checked on the open descriptor and the read
 * itself stops at `maxBytes + 1`, so a file that grows meanwhile cannot make
 * it read more.
 */
export function readProjectFile(absolutePath: string, root: string, maxBytes: number, folders?: RealFolders): ReadOutcome {
  const inspected = inspectFile(absolutePath, root, folders)
  if (!isSafe(inspected)) return inspected
  let fd: number
  try {
    fd = openSync(inspected.real, openFlags)
  } catch {
    // Replaced by a link (ELOOP) or removed since the check.
    return {kind: 'dangling'}
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return {kind: 'special', what: fileKind(stats)}
    if (stats.dev !== inspected.stats.dev || stats.ino !== inspected.stats.ino) return {kind: 'dangling'}
    if (stats.size > maxBytes) return {tooLarge: stats.size}
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length === buffer.length) return {tooLarge: length}
      // All the bytes fstat counted: the file as it was then, without a further read to find its end.
      if (length === stats.size) break
    }
    return {bytes: buffer.subarray(0, length), stats}
  } finally {
    closeSync(fd)
  }
}
