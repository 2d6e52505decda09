/**
 * The font cache (src/render/font-cache.ts): a cached subset is the same
 * bytes as a fresh one, a damaged entry is not used, and the cache can be
 * turned off. Each case re-imports fonts.js, whose in-process memo would
 * otherwise answer before the disk cache is asked.
 */
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {fontCacheDir} from '../../src/render/font-cache.js'

const text = 'Kazakhstan’s chairmanship — Қазақстан, Lajčák'

async function freshFontCss(sample: string): Promise<string> {
  vi.resetModules()
  const {fontFaceCss} = await import('../../src/render/fonts.js')
  return fontFaceCss(sample)
}

describe('font cache', () => {
  let dir: string
  const saved = process.env['SCORECARD_CACHE_DIR']
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scorecard-font-cache-'))
  })
  afterEach(async () => {
    if (saved === undefined) delete process.env['SCORECARD_CACHE_DIR']
    else process.env['SCORECARD_CACHE_DIR'] = saved
    await rm(dir, {recursive: true, force: true})
  })

  it('gives the same CSS cold, warm and off, and fills the folder with real woff2 files', async () => {
    process.env['SCORECARD_CACHE_DIR'] = 'off'
    const uncached = await freshFontCss(text)
    process.env['SCORECARD_CACHE_DIR'] = dir
    const cold = await freshFontCss(text)
    const entries = await readdir(path.join(dir, 'fonts'))
    const woff2 = entries.filter((name) => name.endsWith('.woff2'))
    // Latin and Cyrillic files of seven faces (and their extensions) the sample needs, and the symbol face.
    expect(woff2.length).toBeGreaterThanOrEqual(8)
    for (const name of woff2) expect((await readFile(path.join(dir, 'fonts', name))).toString('latin1', 0, 4)).toBe('wOF2')
    const warm = await freshFontCss(text)
    expect(cold).toBe(uncached)
    expect(warm).toBe(uncached)
    expect(uncached).toContain('data:font/woff2;base64,')
  })

  it('does not use an entry that is not a font, and replaces it', async () => {
    process.env['SCORECARD_CACHE_DIR'] = dir
    const good = await freshFontCss(text)
    const folder = path.join(dir, 'fonts')
    const [first] = (await readdir(folder)).filter((name) => name.endsWith('.woff2'))
    await writeFile(path.join(folder, first!), 'not a font at all')
    expect(await freshFontCss(text)).toBe(good)
    expect((await readFile(path.join(folder, first!))).toString('latin1', 0, 4)).toBe('wOF2')
  })

  it('writes nothing when off, and lives under XDG_CACHE_HOME or ~/.cache otherwise', async () => {
    process.env['SCORECARD_CACHE_DIR'] = 'off'
    await freshFontCss('off switch')
    expect(await readdir(dir)).toEqual([])
    expect(fontCacheDir({SCORECARD_CACHE_DIR: 'off'})).toBeUndefined()
    expect(fontCacheDir({SCORECARD_CACHE_DIR: dir})).toBe(path.join(dir, 'fonts'))
    expect(fontCacheDir({XDG_CACHE_HOME: '/var/cache/me'})).toBe(path.join('/var/cache/me', 'scorecard', 'fonts'))
    expect(fontCacheDir({XDG_CACHE_HOME: 'relative'})).toMatch(/[/\\]\.cache[/\\]scorecard[/\\]fonts$/)
  })
})
