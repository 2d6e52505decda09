/**
 * The rules registry (src/core/rules.ts) is complete: every rule id the code
 * reports is registered, each has a documentation section in docs/rules.md,
 * and the README's rule list is the registry's.
 */
import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {report} from '../../src/core/diagnostics.js'
import {docsBase, isRuleId, ruleIds, rules, rulesPage, rulesTable, ruleUrl} from '../../src/core/rules.js'
import {repoRoot} from '../helpers.js'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true, recursive: true})
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name))
}

/** String literals an expression can evaluate to: through `a ? 'x' : 'y'`, `(…)`, `… satisfies T`, `… as T`. */
function literals(node: ts.Node): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text]
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)]
  if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) return literals(node.expression)
  return []
}

/** Rule ids written in a source file: `ruleId: …` and `rule: …` properties, and comparisons with `.ruleId`. */
function ruleIdsIn(file: string, text: string): {id: string; at: string}[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: {id: string; at: string}[] = []
  const add = (node: ts.Node, ids: string[]): void => {
    const {line} = source.getLineAndCharacterOfPosition(node.getStart())
    for (const id of ids) found.push({id, at: `${path.relative(repoRoot, file)}:${line + 1}`})
  }
  const isRuleName = (name: ts.Node): boolean => (ts.isIdentifier(name) || ts.isStringLiteral(name)) && (name.text === 'ruleId' || name.text === 'rule')
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && isRuleName(node.name)) add(node, literals(node.initializer))
    if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)
    )
      for (const [a, b] of [[node.left, node.right], [node.right, node.left]] as const)
        if (ts.isPropertyAccessExpression(a) && a.name.text === 'ruleId') add(node, literals(b))
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('the rules registry', () => {
  it('has every rule id written in src/', async () => {
    const found: {id: string; at: string}[] = []
    for (const file of await filesUnder(path.join(repoRoot, 'src'))) found.push(...ruleIdsIn(file, await readFile(file, 'utf8')))
    // The scan finds the rules the code reports (not nothing), and each is registered.
    expect(new Set(found.map((f) => f.id)).size).toBeGreaterThan(30)
    expect(found.filter((f) => !isRuleId(f.id))).toEqual([])
    // And every registered rule is used somewhere: no stale entries.
    expect(ruleIds.filter((id) => !found.some((f) => f.id === id))).toEqual([])
  })

  it('has every rule id the tests expect a fixture to emit', async () => {
    const found: {id: string; at: string}[] = []
    const self = fileURLToPath(import.meta.url)
    for (const file of await filesUnder(path.join(repoRoot, 'test'))) if (file !== self) found.push(...ruleIdsIn(file, await readFile(file, 'utf8')))
    expect(found.length).toBeGreaterThan(30)
    expect(found.filter((f) => !isRuleId(f.id))).toEqual([])
  })

  it('sees an unregistered id in a scan', () => {
    const text = "report(file, {reason: 'x', ruleId: ok ? 'no-such-rule' : 'missing-file'}); if (m.ruleId === 'other') {}"
    expect(ruleIdsIn('x.ts', text).map((f) => f.id)).toEqual(['no-such-rule', 'missing-file', 'other'])
    expect(isRuleId('no-such-rule')).toBe(false)
    expect(isRuleId('toString')).toBe(false)
  })

  it('sets each message\'s url and default severity from the registry', () => {
    const file = new VFile({path: 'a.md'})
    const warning = report(file, {reason: 'No prose', ruleId: 'empty-assessment'})
    const error = report(file, {reason: 'No such evidence', ruleId: 'missing-evidence'})
    expect([warning.fatal, warning.url]).toEqual([false, 'https://github.com/scorecard-reports/scorecard/blob/main/docs/rules.md#empty-assessment'])
    expect([error.fatal, error.url]).toEqual([true, 'https://github.com/scorecard-reports/scorecard/blob/main/docs/rules.md#missing-evidence'])
    // @ts-expect-error an unregistered rule id does not compile, and throws if forced through
    expect(() => report(file, {reason: 'x', ruleId: 'no-such-rule'})).toThrow(/Unregistered rule id "no-such-rule"/)
  })
})

describe('rule documentation', () => {
  it('docs/rules.md has one section per rule, with its severity, an example and the fix', async () => {
    const page = await readFile(path.join(repoRoot, rulesPage), 'utf8')
    const sections = page.split(/^## /m).slice(1)
    expect(sections.map((section) => section.split('\n')[0])).toEqual(ruleIds)
    for (const section of sections) {
      const id = section.split('\n')[0] as keyof typeof rules
      expect(section, id).toContain(`**Severity:** ${rules[id].severity}\n`)
      expect(section, id).toMatch(/\*\*Example:\*\*\s*\S/)
      expect(section, id).toMatch(/\*\*Fix:\*\*\s*\S/)
      // The heading is the id itself, so GitHub's anchor for it is the id the url ends with.
      expect(ruleUrl(id).endsWith(`${rulesPage}#${id}`)).toBe(true)
    }
  })

  it("resolves urls against the repository named in package.json, and ships docs/rules.md", async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {repository: {url: string}; files: string[]}
    const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
    expect(docsBase).toBe(`${repository}/blob/main/`)
    expect(manifest.files).toContain(rulesPage)
  })

  it("the README's rule list is the registry's (npm run docs:rules regenerates it)", async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    const list = /<!-- rules:start[^>]*-->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)
    expect(list?.[1]).toBe(rulesTable())
  })
})
