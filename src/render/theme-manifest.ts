/**
 * A theme's `theme.json` for the layout: the fonts it sets the report in and
 * its logo. The manifest is checked by link/theme.ts, the same check `check`
 * reports (README, "Themes"); here a manifest with an error stops the
 * layout. `build` never gets here with one: its check fails first.
 */
import {ScorecardError} from '../core/errors.js'
import {checkThemeManifest, themeManifestName} from '../link/theme.js'
import type {ThemeFont} from './fonts.js'

export {themeManifestName}

/** What a theme's manifest gives the layout. */
export interface ThemeManifest {
  /** Font families by role, their faces resolved to files; empty when the theme keeps the bundled fonts. */
  fonts: ThemeFont[]
  /** The theme's logo as a `data:` URL. */
  logo?: string
}

/**
 * Read `theme.json` in `themeDir` (none: the bundled fonts, no logo) and
 * resolve its font files from the theme's node_modules, then `projectRoot`'s,
 * then Scorecard's. A manifest with an error is a `TEMPLATE_ERROR` naming the
 * first, where it is, and its hint.
 */
export function readThemeManifest(themeDir: string, projectRoot?: string): ThemeManifest {
  const checked = checkThemeManifest(themeDir, {projectRoot})
  const error = checked.file?.messages.find((message) => message.fatal === true)
  if (!checked.ok && error) {
    throw new ScorecardError('TEMPLATE_ERROR', `Theme ${checked.file!.path}:${error.line ?? 1}:${error.column ?? 1}: ${error.reason} [${error.ruleId}]`, {
      hint: error.note ?? `Fix ${themeManifestName}; run scorecard check.`,
    })
  }
  return {fonts: checked.fonts, ...(checked.logo === undefined ? {} : {logo: checked.logo})}
}
