/**
 * A cache of font subsets on disk, shared by every build on the machine.
 *
 * Cutting a report's 20-odd woff2 files down to its characters takes about
 * 2 s (HarfBuzz, then WOFF2's Brotli at its highest level), while the
 * characters of a report rarely change between builds. Subsets are kept
 * under a SHA-256 digest of everything that determines them (the font file,
 * the characters, the subsetter's version), so a cached subset is the same
 * bytes a fresh one would be, and outputs stay byte-identical either way.
 *
 * Where: `SCORECARD_CACHE_DIR`, else `$XDG_CACHE_HOME/scorecard`, else
 * `~/.cache/scorecard`; `SCORECARD_CACHE_DIR=off` turns the cache off.
 * Entries are checked for their format's signature when read, and the folder is
 * kept to a few hundred entries. A cache that cannot be read or written is
 * simply not used: it never fails a build.
 */
import {createHash, randomBytes} from 'node:crypto'
import {mkdir, readdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** What an entry holds, which is also its file extension. */
export type FontFormat = 'woff2' | 'ttf'

/** The first four bytes a font file of each format starts with. */
const signatures: Record<FontFormat, string[]> = {woff2: ['wOF2'], ttf: ['\u0000\u0001\u0000\u0000', 'true', 'OTTO']}

/** Entries kept; each is a few to a few tens of kilobytes. */
const maxEntries = 400

export interface FontCache {
  dir: string
  key(...parts: (string | Uint8Array)[]): string
  read(key: string, format: FontFormat): Promise<Uint8Array | undefined>
  write(key: string, format: FontFormat, bytes: Uint8Array): Promise<void>
}

/** The font cache folder for this environment, or undefined when the cache is off. */
export function fontCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['SCORECARD_CACHE_DIR']
  if (chosen !== undefined && chosen !== '') return chosen === 'off' ? undefined : path.join(path.resolve(chosen), 'fonts')
  const xdg = env['XDG_CACHE_HOME']
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache')
  return path.join(base, 'scorecard', 'fonts')
}

/** The font cache, or undefined when it is off. */
export function fontCache(env: NodeJS.ProcessEnv = process.env): FontCache | undefined {
  const dir = fontCacheDir(env)
  if (dir === undefined) return undefined
  let pruned = false
  return {
    dir,
    key(...parts) {
      const hash = createHash('sha256')
      for (const part of parts) {
        const digest = createHash('sha256').update(part).digest()
        hash.update(digest)
      }
      return hash.digest('hex')
    },
    async read(key, format) {
      try {
        const bytes = await readFile(path.join(dir, `${key}.${format}`))
        return bytes.length > 4 && signatures[format].includes(bytes.toString('latin1', 0, 4)) ? new Uint8Array(bytes) : undefined
      } catch {
        return undefined
      }
    },
    async write(key, format, bytes) {
      try {
        await mkdir(dir, {recursive: true})
        // Written aside and renamed: a reader never sees half a file, and builds running at once do not clash.
        const temporary = path.join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`)
        await writeFile(temporary, bytes)
        await rename(temporary, path.join(dir, `${key}.${format}`))
        if (!pruned) {
          pruned = true
          await prune(dir)
        }
      } catch {
        // A cache that cannot be written is not used.
      }
    },
  }
}

/** Remove the oldest entries once there are more than {@link maxEntries}. */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => /\.(?:woff2|ttf)$/.test(name))
  if (names.length <= maxEntries) return
  const entries = await Promise.all(
    names.map(async (name) => ({name, time: await stat(path.join(dir, name)).then((info) => info.mtimeMs, () => 0)})),
  )
  entries.sort((a, b) => a.time - b.time)
  await Promise.all(entries.slice(0, entries.length - maxEntries * 0.75).map(({name}) => rm(path.join(dir, name), {force: true})))
}
