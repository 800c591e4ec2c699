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
  const image = article?.image
    ? {url: article.image.url, alt: article.image.alt, width: article.image.width, height: article.image.height}
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
    // Open Graph wants a territory too (`en_GB`); a bare language is left for the page's `lang` to say.
    property('og:locale', config.language.includes('-') ? config.language.replace('-', '_') : undefined),
    property('og:image', image && absoluteUrl(config.url, image.url)),
    property('og:image:alt', image?.alt),
    property('og:image:width', image?.width),
    property('og:image:height', image?.height),
    property('article:published_time', article && machineTime(article.published)),
    property('article:modified_time', article && machineTime(article.modified ?? article.published)),
    property('article:section', section?.title),
    ...(article?.topics ?? []).map((topic) => property('article:tag', topic.name)),
    // A story's photo is shown large; a page with only the logo gets the small card.
    named('twitter:card', article?.image ? 'summary_large_image' : 'summary'),
    named('twitter:site', config.twitter),
    named('twitter:title', props.title),
    named('twitter:description', props.description),
    named('twitter:image', image && absoluteUrl(config.url, image.url)),
    named('twitter:image:alt', image?.alt),
  ].filter((tag): tag is Result => tag !== null)
}
