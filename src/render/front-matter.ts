/**
 * Front and back matter from the optional fields of scorecard.yml: the
 * imprint page (publisher, address, copyright and licence, funding,
 * disclaimer, date and place of publication, suggested citation), the
 * acknowledgements, "About the authors", the logo and the back cover.
 */
import {localeFor, type Locale} from '../core/locales/index.js'
import type {Config} from '../core/schema.js'
import type {FrontMatterView} from '../core/view.js'
import {logoDataUrl} from '../link/logo.js'
import {typesetText} from './rehype-typographer.js'

/** Blank-line separated paragraphs of a plain-text field. */
function paragraphs(text: string | undefined): string[] | undefined {
  const list = (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
  return list.length > 0 ? list : undefined
}

/** What the cover, imprint, back-matter and back-cover partials show. */
export function frontMatterView(config: Config, root: string, locale: Locale = localeFor('en')): FrontMatterView {
  // The authors' prose (biographies, acknowledgements, back cover, funding,
  // disclaimer, licence, copyright, suggested citation) is typeset as their
  // Markdown prose is (curly quotes and apostrophes, dashes, ellipses).
  // Names, addresses and places are shown as written.
  const typeset = (text: string | undefined): string | undefined => text && typesetText(text, config.lang, config.strings)
  const prose = (text: string | undefined): string[] | undefined => paragraphs(text)?.map((paragraph) => typesetText(paragraph, config.lang, config.strings))
  const imprint = config.imprint ?? {}
  const published = imprint.published === undefined ? undefined : String(imprint.published)
  const hasImprint = config.publisherAddress !== undefined || Object.values(imprint).some((value) => value !== undefined)
  const biographies = config.authors.filter((author) => author.bio !== undefined).map((author) => ({name: author.name, affiliation: author.affiliation, bio: prose(author.bio)}))
  const acknowledgements = prose(config.acknowledgements)
  const backCover = prose(config.backCover)
  const backMatter = [
    ...(acknowledgements ? [{id: 'acknowledgements', title: locale.t('acknowledgements')}] : []),
    ...(biographies.length > 0 ? [{id: 'about-the-authors', title: locale.t('aboutTheAuthors', {count: biographies.length})}] : []),
  ]
  return {
    logo: logoDataUrl(config, root),
    imprint: hasImprint
      ? {
          address: config.publisherAddress?.split('\n').map((line) => line.trim()).filter(Boolean),
          copyright: typeset(imprint.copyright),
          licence: typeset(imprint.licence),
          funding: prose(imprint.funding),
          disclaimer: prose(imprint.disclaimer),
          published: published ? {iso: published, display: locale.date(published)} : undefined,
          place: imprint.place,
          citeAs: typeset(imprint.citeAs),
        }
      : undefined,
    acknowledgements,
    biographies: biographies.length > 0 ? biographies : undefined,
    backMatter,
    backCover: backCover || config.publisherAddress !== undefined ? {paragraphs: backCover} : undefined,
  }
}
