// What social networks and chat apps show when a page is shared: Open Graph and Twitter card tags.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {Article} from '../../scripts/content/article.ts'
import {absoluteUrl, machineTime} from '../../scripts/formats/machine-time.ts'
import type {SiteContext} from '../../scripts/pages/layouts.ts'

export interface SocialMetaProps {
  site: SiteContext
  title: string
  description?: string | undefined
  /** The page's public path. */
  url: string
  /** A story page: shared as an article, with its photo, times, section and topics. */
  article?: Article | undefined
}

export function SocialMeta(props: SocialMetaProps): Result[] {
  const {site, article} = props
  const config = site.config
  // Facebook and X show no SVG: a story with an SVG photo is shared with the logo, like a page without one.
  const photo = article?.image && !article.image.url.endsWith('.svg') ? article.image : undefined
  const image = photo
    ? {url: photo.url, alt: photo.alt, width: photo.width, height: photo.height}
    : config.logo && {url: config.logo.url, alt: config.name, width: config.logo.width, height: config.logo.height}
  const property = (name: string, content: string | number | undefined) =>
    content === undefined ? null : <meta property={name} content={String(content)} />
  const named = (name: string, content: string | undefined) => (content === undefined ? null : <meta name={name} content={content} />)
  const section = article && config.sections.find((entry) => entry.slug === article.section)

  return [
    property('og:type', article ? 'article' : 'website'),
    property('og:site_name', config.name),
    property('og:title', props.title),
    property('og:description', props.description),
    property('og:url', absoluteUrl(config.url, props.url)),
    property('og:locale', openGraphLocale(config.language)),
    property('og:image', image && absoluteUrl(config.url, image.url)),
    property('og:image:alt', image?.alt),
    property('og:image:width', image?.width),
    property('og:image:height', image?.height),
    property('article:published_time', article && machineTime(article.published)),
    property('article:modified_time', article && machineTime(article.modified ?? article.published)),
    property('article:section', section?.title),
    ...(article?.topics ?? []).map((topic) => property('article:tag', topic.name)),
    // A story's photo is shown large; a page with only the logo gets the small card.
    named('twitter:card', photo ? 'summary_large_image' : 'summary'),
    named('twitter:site', config.twitter),
    named('twitter:title', props.title),
    named('twitter:description', props.description),
    named('twitter:image', image && absoluteUrl(config.url, image.url)),
    named('twitter:image:alt', image?.alt),
  ].filter((tag): tag is Result => tag !== null)
}

/**
 * Open Graph names a locale by language and territory (`en_GB`, `zh_TW` for `zh-Hant-TW`); a bare language
 * (`en`) is left for the page's `lang` to say.
 */
function openGraphLocale(tag: string): string | undefined {
  const [language, ...rest] = tag.split('-')
  const territory = rest.find((part) => /^[A-Za-z]{2}$/.test(part))
  return language && territory ? `${language.toLowerCase()}_${territory.toUpperCase()}` : undefined
}
