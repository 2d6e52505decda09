/** Deeply nested YAML (issue 14, finding 11): a diagnostic, not "Maximum call stack size exceeded". */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check} from '../../src/index.js'
import {yamlDepthProblem} from '../../src/load/frontmatter.js'
import {project} from '../helpers.js'

describe('YAML nesting', () => {
  const deep: [string, string][] = [
    ['flow mappings', `x: ${'{a: '.repeat(3_000)}1${'}'.repeat(3_000)}`],
    ['flow sequences', `x: ${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ['block mappings', Array.from({length: 1_000}, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1'],
    ['block sequences', Array.from({length: 700}, (_, i) => `${' '.repeat(i * 2)}-`).join('\n') + ' 1'],
  ]
  for (const [name, yaml] of deep) {
    it(`${name} thousands deep: nesting-too-deep in front matter and in scorecard.yml`, async () => {
      const dir = await project('minimal')
      await writeFile(path.join(dir, 'priorities', 'media.md'), `---\nid: media\n${yaml}\n---\nText [@news-2010-07-17]\n`)
      let result = await check(dir, {cwd: dir})
      let messages = result.files.flatMap((f) => f.messages.map((m) => `${m.file} ${m.ruleId} ${m.reason}`))
      expect(messages).toContainEqual(expect.stringMatching(/^priorities\/media\.md nesting-too-deep (YAML is nested too deeply|Nesting is too deep)/))
      expect(messages.join('\n')).not.toContain('call stack')
      await writeFile(path.join(dir, 'scorecard.yml'), yaml)
      result = await check(dir, {cwd: dir})
      messages = result.files.flatMap((f) => f.messages.map((m) => `${m.file} ${m.ruleId}`))
      expect(messages).toContain('scorecard.yml nesting-too-deep')
    })
  }

  it('ordinary front matter and quoted brackets are not counted as nesting', () => {
    expect(yamlDepthProblem('title: "[[[[[[["\nlist: [a, [b, {c: d}]]\nnested:\n  a:\n    b:\n      - c\n')).toBeUndefined()
    expect(yamlDepthProblem(`title: "${'['.repeat(500)}"`)).toBeUndefined()
    expect(yamlDepthProblem(`x: ${'['.repeat(101)}`)).toBe(103)
  })
})
