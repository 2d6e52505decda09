/**
 * The publisher's logo named in scorecard.yml: a local raster image inside
 * the project, embedded in the report like images in Markdown.
 */
import path from 'node:path'
import {report} from '../core/diagnostics.js'
import type {RuleId} from '../core/rules.js'
import type {Config} from '../core/schema.js'
import type {SourceFile} from '../core/source.js'
import {resolveImage} from './images.js'
import {yamlPlace} from '../load/frontmatter.js'

/** Report a logo that is missing, outside the project, too large or not a raster image. */
export function checkLogo(source: SourceFile, config: Config, root: string): void {
  if (config.logo === undefined) return
  const result = resolveImage(config.logo, path.join(root, 'scorecard.yml'), root)
  const place = source.yaml ? yamlPlace(source.file, source.yaml, ['logo']) : undefined
  const problems: Partial<Record<typeof result.kind, {reason: string; ruleId: RuleId; hint: string}>> = {
    missing: {reason: `Logo "${config.logo}" does not exist`, ruleId: 'missing-file', hint: 'Fix the path (relative to scorecard.yml) or add the image.'},
    outside: {reason: `Logo "${config.logo}" is outside the project`, ruleId: 'path-outside-project', hint: 'The logo must be a file inside the project folder.'},
    unsupported: {
      reason: `Logo "${config.logo}" is not a PNG, JPEG, GIF or WebP file`,
      ruleId: 'unsupported-image',
      hint: 'Convert it to PNG. SVG is not embedded because it can carry script.',
    },
    'too-large': {reason: `Logo "${config.logo}" is larger than 5 MB`, ruleId: 'file-too-large', hint: 'Resize or compress it.'},
  }
  const problem = problems[result.kind]
  if (problem) report(source.file, {...problem, place})
}

/** The logo as a `data:` URL, or undefined when there is none (or it was reported). */
export function logoDataUrl(config: Config, root: string): string | undefined {
  if (config.logo === undefined) return undefined
  const result = resolveImage(config.logo, path.join(root, 'scorecard.yml'), root)
  return result.kind === 'embedded' ? result.dataUrl : undefined
}
