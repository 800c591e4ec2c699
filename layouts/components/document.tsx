// The frame every page shares: head, skip link, site header with section navigation, main landmark and footer.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {Child, Result} from 'hastscript'
import type {Article} from '../../scripts/content/article.ts'
import {jsonFeedUrl, siteFeedUrl} from '../../scripts/content/permalinks.ts'
import {absoluteUrl} from '../../scripts/formats/machine-time.ts'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import type {Pagination} from '../../scripts/pages/page.ts'
import {scriptJson} from '../../scripts/pages/structured-data.ts'
import {SiteFooter} from './site-footer.tsx'
import {SiteHeader} from './site-header.tsx'
import {SocialMeta} from './social-meta.tsx'

export interface DocumentProps {
  site: SiteContext
  /** The page's own title; the desk's name is added after it. */
  title: string
  description?: string | undefined
  /** The page's public path, for its canonical link. */
  url: string
  /** Slug of the section this page belongs to, highlighted in the navigation. */
  section?: string | undefined
  /** True on the section's own index page (`aria-current="page"`), false on its stories. */
  isSectionIndex?: boolean
  /** Neighbouring pages of a paged list, for `<link rel="prev">` and `<link rel="next">`. */
  pagination?: Pagination | undefined
  /** On a story's page: shared as an article (Open Graph, Twitter). */
  article?: Article | undefined
  /** schema.org data for search engines, as JSON-LD. */
  structuredData?: Record<string, unknown> | undefined
  /** The feeds of this page's stories (a section's, a topic's), offered to feed readers besides the whole site's. */
  feeds?: Array<{title: string; url: string}> | undefined
  /** Drafts and stories shown before their time: search engines must not keep them. */
  noindex?: boolean | undefined
  children: Child
}

export function Document(props: DocumentProps): Root {
  const {site} = props
  const title = props.title === site.config.name ? props.title : `${props.title} | ${site.config.name}`
  const html = (
    <html lang={site.config.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={absoluteUrl(site.config.url, props.url)} />
        {props.pagination?.previous ? <link rel="prev" href={props.pagination.previous} /> : null}
        {props.pagination?.next ? <link rel="next" href={props.pagination.next} /> : null}
        {[...(props.feeds ?? []), {title: site.config.name, url: siteFeedUrl}].map((feed) => (
          <link rel="alternate" type="application/rss+xml" title={feed.title} href={feed.url} />
        ))}
        <link rel="alternate" type="application/feed+json" title={site.config.name} href={jsonFeedUrl} />
        {SocialMeta({site, title: props.title, description: props.description, url: props.url, article: props.article})}
        {props.structuredData ? <script type="application/ld+json">{scriptJson(props.structuredData)}</script> : null}
        <link rel="stylesheet" href={site.stylesheet} />
        {/* No icon yet: an empty one saves every reader a request that would end in a 404. */}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {SiteHeader({site, section: props.section, isSectionIndex: props.isSectionIndex ?? false})}
        <main id="main" tabindex="-1">
          {props.children}
        </main>
        {SiteFooter({site})}
      </body>
    </html>
  )
  return {type: 'root', children: [{type: 'doctype'}, ...flatten(html)]}
}

function flatten(result: Result): Root['children'] {
  return result.type === 'root' ? result.children : [result]
}
