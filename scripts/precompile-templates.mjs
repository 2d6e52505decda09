/**
 * Precompile the default templates (part of `npm run build`, after the CLI
 * bundle): write dist/render/precompiled-templates.cjs, which dist/render/
 * templates.js loads, and the same file into dist-cli/, beside the bundle's
 * chunks, which load it from there. Each entry is keyed by the SHA-256 of a
 * template's source, so only a source identical to a default one uses it;
 * see src/render/precompiled.ts. Only the package's own templates/ is read.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {precompiledFileName} from '../dist/render/precompiled.js'
import {defaultTemplatesModule} from '../dist/render/templates.js'

const text = defaultTemplatesModule()
for (const dir of ['dist/render', 'dist-cli']) {
  await mkdir(dir, {recursive: true})
  await writeFile(path.join(dir, precompiledFileName), text)
}
