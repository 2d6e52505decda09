/**
 * `scorecard schema`: draft-07 JSON Schemas from the zod schemas, checked
 * with ajv against the bundled example and against typical mistakes.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, readdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {Ajv, type ValidateFunction} from 'ajv'
import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'
import {editorSchemas, schemaFileNames, serializeSchema, type SchemaKind} from '../../src/author/editor-schemas.js'
import {repoRoot} from '../helpers.js'

const schemas = editorSchemas()
// allowUnionTypes: `type: [string, number]` is plain JSON Schema; ajv's strict mode only asks to opt in.
const ajv = new Ajv({allErrors: true, strict: true, allowUnionTypes: true})
const validators = Object.fromEntries(
  (Object.keys(schemas) as SchemaKind[]).map((kind) => [kind, ajv.compile(schemas[kind])]),
) as Record<SchemaKind, ValidateFunction>

/** Front matter of a Markdown file, read as `check` reads it (YAML 1.2 core schema). */
async function frontMatter(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8')
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)
  if (!match) throw new Error(`No front matter in ${file}`)
  return parse(match[1]!)
}

async function markdownIn(folder: string): Promise<string[]> {
  const names = await readdir(path.join(repoRoot, folder))
  return names.filter((name) => name.endsWith('.md')).map((name) => path.join(repoRoot, folder, name))
}

function errorsOf(kind: SchemaKind, data: unknown): string[] {
  const validate = validators[kind]
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
}

describe('editor schemas', () => {
  it('are draft-07 (what the VS Code YAML extension supports) and compile in ajv strict mode', () => {
    for (const kind of Object.keys(schemas) as SchemaKind[]) {
      expect(schemas[kind].$schema).toBe('http://json-schema.org/draft-07/schema#')
      expect(JSON.stringify(schemas[kind])).not.toContain('$defs')
      expect(typeof validators[kind]).toBe('function')
    }
  })

  it('accept the bundled example: scorecard.yml and every priority, evidence and prose front matter', async () => {
    const config = parse(await readFile(path.join(repoRoot, 'scorecard.yml'), 'utf8')) as {summary: string; closing: string[]}
    expect(errorsOf('scorecard', config)).toEqual([])

    const priorities = await markdownIn('priorities')
    const evidence = await markdownIn('evidence')
    expect(priorities.length).toBeGreaterThan(10)
    expect(evidence.length).toBeGreaterThan(100)
    for (const file of priorities) expect({file, errors: errorsOf('priority', await frontMatter(file))}).toEqual({file, errors: []})
    for (const file of evidence) expect({file, errors: errorsOf('evidence', await frontMatter(file))}).toEqual({file, errors: []})
    for (const prose of [config.summary, ...config.closing])
      expect(errorsOf('prose', await frontMatter(path.join(repoRoot, prose)))).toEqual([])
  })

  it('reject the mistakes check reports', () => {
    const priority = {id: 'media', title: 'Media', dimension: 'human', status: 'stalled'}
    expect(errorsOf('priority', priority)).toEqual([])
    expect(errorsOf('priority', {...priority, publsher: 'x'})).toContain(' must NOT have additional properties')
    expect(errorsOf('priority', {...priority, id: 'Media Freedom'}).join()).toContain('/id must match pattern')
    expect(errorsOf('priority', {id: 'media', title: 'Media'}).join()).toContain("must have required property 'dimension'")
    expect(errorsOf('priority', {...priority, stated: {quote: 'x'}}).join()).toContain("must have required property 'cite'")

    const evidence = {id: 'e', title: 'T', publisher: 'P', date: '2010-07-17', type: 'news'}
    expect(errorsOf('evidence', evidence)).toEqual([])
    for (const date of ['2010-07', 2010, '2010']) expect(errorsOf('evidence', {...evidence, date})).toEqual([])
    for (const date of ['2010-13-01', '17 July 2010', '2010-7-1', 999]) expect(errorsOf('evidence', {...evidence, date})).not.toEqual([])
    expect(errorsOf('evidence', {...evidence, url: 'https://www.rferl.org/a/x.html'})).toEqual([])
    expect(errorsOf('evidence', {...evidence, url: 'javascript:alert(1)'})).not.toEqual([])
    expect(errorsOf('evidence', {...evidence, type: 'News Report'})).not.toEqual([])

    const config = {
      title: 'T',
      authors: [{name: 'A'}],
      publisher: 'P',
      asOf: '2010-10-31',
      dimensions: [{id: 'human', title: 'Human'}],
      scale: [
        {id: 'a', label: 'A', symbol: '✔', color: '#000000'},
        {id: 'b', label: 'B', symbol: '■', color: '#ffffff'},
      ],
    }
    expect(errorsOf('scorecard', config)).toEqual([])
    expect(errorsOf('scorecard', {...config, asOf: '2010-10'})).not.toEqual([])
    expect(errorsOf('scorecard', {...config, summary: '../../etc/passwd'})).not.toEqual([])
    expect(errorsOf('scorecard', {...config, summary: '/etc/passwd'})).not.toEqual([])
    expect(errorsOf('scorecard', {...config, summary: 'report/summary.md', closing: ['report/a..b.md']})).toEqual([])
    expect(errorsOf('scorecard', {...config, closing: ['report/../x.md']})).not.toEqual([])
    expect(errorsOf('scorecard', {...config, scale: [config.scale[0]]})).not.toEqual([])
    expect(errorsOf('scorecard', {...config, scale: [{...config.scale[0], color: 'blue'}, config.scale[1]]})).not.toEqual([])
  })

  it('are written by "scorecard schema --out" (real binary), byte for byte', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'scorecard-schema-')), 'schemas')
    const {stderr, stdout} = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin', 'scorecard.js'), 'schema', '--out', out])
    expect(stdout).toBe('')
    for (const kind of Object.keys(schemaFileNames) as SchemaKind[]) {
      const file = path.join(out, schemaFileNames[kind])
      expect(stderr).toContain(`Wrote ${file}`)
      expect(await readFile(file, 'utf8')).toBe(serializeSchema(schemas[kind]))
    }
  })
})
