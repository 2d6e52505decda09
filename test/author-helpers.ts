import {cp, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fixtures} from './helpers.js'

/** Copy `test/fixtures/author/<name>` into a fresh temp dir, replacing text in files as asked. */
export async function authorProject(name: string, edits: ReadonlyArray<{file: string; replace: string; with: string}> = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `scorecard-author-${name}-`))
  await cp(path.join(fixtures, 'author', name), dir, {recursive: true})
  for (const edit of edits) {
    const target = path.join(dir, edit.file)
    const text = await readFile(target, 'utf8')
    if (!text.includes(edit.replace)) throw new Error(`Edit did not apply to ${edit.file}: ${edit.replace}`)
    await writeFile(target, text.replace(edit.replace, edit.with))
  }
  return dir
}
