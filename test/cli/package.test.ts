/**
 * The package manifest says where the project lives and what it needs: a
 * registry page, `npm bugs` and `npm repo` work from it, and its licence is
 * the LICENSE file's (issue 16).
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers.js'

interface Manifest {
  name: string
  license: string
  repository: {type: string; url: string}
  homepage: string
  bugs: {url: string}
  engines: {node: string}
  exports: Record<string, unknown>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

describe('package.json', () => {
  it('names its repository, homepage and issue tracker, and the licence of LICENSE', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest
    expect(manifest.name).toMatch(/^@[a-z0-9-]+\/scorecard$/)
    expect(manifest.repository.type).toBe('git')
    const repository = new URL(manifest.repository.url.replace(/^git\+/, ''))
    expect(repository.protocol).toBe('https:')
    expect(repository.pathname).toMatch(/^\/[\w.-]+\/[\w.-]+\.git$/)
    const home = repository.href.replace(/\.git$/, '')
    expect(manifest.homepage.startsWith(home)).toBe(true)
    expect(manifest.bugs.url).toBe(`${home}/issues`)
    const licence = await readFile(path.join(repoRoot, 'LICENSE'), 'utf8')
    expect(licence.startsWith(`${manifest.license} License`)).toBe(true)
  })

  it('runs on Node.js 20.19 and later, and exports its JSON Schemas', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest
    expect(manifest.engines.node).toBe('>=20.19')
    expect(manifest.exports['./schemas/*']).toBe('./schemas/*')
    // Pinned to majors that still support Node 20 (vitest 5 and puppeteer-core 25 need Node 22).
    expect(manifest.devDependencies.vitest ?? manifest.dependencies.vitest).toMatch(/^\^?4\./)
    expect(manifest.dependencies['puppeteer-core']).toMatch(/^\^?24\./)
  })
})
