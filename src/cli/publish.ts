/**
 * `scorecard publish --edition ID`: freeze an edition into
 * `editions/<id>.json`. Exit codes: 0 written; 1 content errors (nothing
 * written); 2 bad usage, an unknown edition, or one already published
 * without --force; 3 no project or the file could not be written.
 */
import path from 'node:path'
import type {Command} from 'commander'
import {formatDiagnostics} from '../core/diagnostics.js'

/** Add `publish` to the program. */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('Freeze an edition: write editions/<id>.json (commit it). The edition is rebuilt from it from then on, and check reports edits that would rewrite it.')
    .argument('[dir]', 'project folder (contains scorecard.yml)', '.')
    .requiredOption('--edition <id>', 'the edition to publish, an id from scorecard.yml "editions"')
    .option('--force', 'replace a snapshot that already exists (a deliberate correction)')
    .option('-q, --quiet', 'print errors only')
    .action(async (dir: string, options: {edition: string; force?: boolean; quiet?: boolean}) => {
      const {publish} = await import('../pipeline/publish.js')
      const result = await publish(dir, {edition: options.edition, force: options.force ?? false})
      const files = options.quiet
        ? result.files.map((file) => {
            file.messages = file.messages.filter((message) => message.fatal === true)
            return file
          })
        : result.files
      const text = formatDiagnostics(files, 'text')
      if (text) process.stderr.write(`${text}\n`)
      if (!result.written || !result.snapshot) {
        process.stderr.write('Not published: fix the problems above. Nothing was written.\n')
        process.exitCode = 1
        return
      }
      const rated = result.snapshot.priorities.filter((priority) => priority.status !== null).length
      if (!options.quiet)
        process.stderr.write(
          `Published ${result.snapshot.edition.title} (as of ${result.snapshot.edition.asOf}): ${rated} of ${result.snapshot.priorities.length} priorities rated. Wrote ${path.relative(process.cwd(), result.written) || result.written}\n`,
        )
      process.exitCode = 0
    })
}
