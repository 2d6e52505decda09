/**
 * Bundle the compiled CLI (dist/cli/index.js) into dist-cli/, which
 * bin/scorecard.js runs. Node loads one file and a few chunks instead of
 * about 300 modules, which takes 0.2 s off every command (0.5 s to 0.3 s for
 * `scorecard check` on a small project; docs/performance.md). The library
 * (dist/index.js) stays as tsc wrote it.
 *
 * Commands load their heavy parts lazily (cli-author.ts, pipeline.ts); with
 * `splitting` those stay separate chunks (pdf-lib among them, loaded when a
 * PDF is printed). The browser driver, the file watcher, the spinner, the
 * font subsetter and pdfjs (the layout audit's fallback reader) are not bundled at
 * all: they are large, loaded only when used, and resolved from node_modules
 * as before. (Bundled, puppeteer-core left builds hanging after the PDF was
 * written.) dist-cli/ sits
 * beside dist/, so paths relative to the code (../templates/,
 * ../package.json) mean the same in both.
 */
import {rm} from 'node:fs/promises'
import {build} from 'esbuild'

const outdir = 'dist-cli'
await rm(outdir, {recursive: true, force: true})
await build({
  entryPoints: {cli: 'dist/cli/index.js'},
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pdf-lib is bundled from its ES build: its CommonJS one is some 300
  // files, which Node takes 0.3 to 0.6 s to resolve and compile, against
  // about 0.06 s for one file.
  alias: {'pdf-lib': 'pdf-lib/es/index.js'},
  external: ['puppeteer-core', 'pdfjs-dist', 'subset-font', 'harfbuzzjs', 'chokidar', 'ora'],
  // Bundled CommonJS packages call require(); ESM has none of its own.
  banner: {js: "import {createRequire as __scorecardCreateRequire} from 'node:module'; const require = __scorecardCreateRequire(import.meta.url);"},
  logLevel: 'warning',
})
