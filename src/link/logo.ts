/**
 * The publisher's logo named in scorecard.yml: a local raster image inside
 * the project, embedded in the report like images in Markdown.
 */
import path from 'node:path'
import {report} from '../core/diagnostics.js'
import type {RuleId} from '../core/rules.js'
import type {Config} from '../core/schema.js'
import type {SourceFile} from '../core/source.js'
import {resolveImage, type ImageResolution} from './images.js'
import {yamlPlace} from '../load/frontmatter.js'

/** Report a logo that is missing, outside the project, too large or not a raster image. */
export function checkLogo(source: SourceFile, config: Config, root: string): void {
  if (config.logo === undefined) return
  const result = resolveImage(config.logo, path.join(root, 'scorecard.yml'), root)
  const problem = logoProblem(result, config.logo, {from: 'scorecard.yml', within: 'project'})
  if (problem) report(source.file, {...problem, place: source.yaml ? yamlPlace(source.file, source.yaml, ['logo']) : undefined})
}

/**
 * What is wrong with a logo, resolved with `resolveImage`, named in `from`
 * (scorecard.yml, a theme's theme.json) and meant to be a file in the
 * `within` folder; undefined when it can be embedded.
 */
export function logoProblem(result: ImageResolution, logo: string, where: {from: string; within: 'project' | 'theme'}): {reason: string; ruleId: RuleId; hint: string} | undefined {
  const folder = where.within === 'project' ? 'the project folder' : 'the theme folder'
  const problems: Partial<Record<ImageResolution['kind'], {reason: string; ruleId: RuleId; hint: string}>> = {
    missing: {reason: `Logo "${logo}" does not exist`, ruleId: 'missing-file', hint: `Fix the path (relative to ${where.from}) or add the image.`},
    outside: {reason: `Logo "${logo}" is outside the ${where.within}`, ruleId: 'path-outside-project', hint: `The logo must be a file inside ${folder}.`},
    remote: {reason: `Logo "${logo}" is not a file in the ${where.within}`, ruleId: 'path-outside-project', hint: `The logo must be a file inside ${folder}; the report never fetches anything.`},
    data: {reason: 'Logo is a data: URL, not a file', ruleId: 'invalid-field', hint: `Save the image as a file inside ${folder} and name it.`},
    unsupported: {
      reason: `Logo "${logo}" is not a PNG, JPEG, GIF or WebP file`,
      ruleId: 'unsupported-image',
      hint: 'Convert it to PNG. SVG is not embedded because it can carry script.',
    },
    'too-large': {reason: `Logo "${logo}" is larger than 5 MB`, ruleId: 'file-too-large', hint: 'Resize or compress it.'},
    special: {reason: `Logo "${logo}" is ${result.kind === 'special' ? result.what : 'a special file'}, not a regular file`, ruleId: 'not-a-regular-file', hint: 'Name an ordinary image file.'},
  }
  return problems[result.kind]
}

/** The logo as a `data:` URL, or undefined when there is none (or it was reported). */
export function logoDataUrl(config: Config, root: string): string | undefined {
  if (config.logo === undefined) return undefined
  const result = resolveImage(config.logo, path.join(root, 'scorecard.yml'), root)
  return result.kind === 'embedded' ? result.dataUrl : undefined
}
