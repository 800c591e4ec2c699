// Plans the files a news site publishes for machines: RSS and JSON feeds, sitemaps, the Google News sitemap, robots.txt and Netlify's redirects.
import type {Article, Timestamp} from '../content/article.ts'
import {machineTime} from '../formats/machine-time.ts'
import type {Content} from '../content/load-content.ts'
import {
  feedUrlOf,
  jsonFeedUrl,
  newsSitemapUrl,
  redirectsUrl,
  robotsUrl,
  siteFeedUrl,
  sitemapPartUrl,
  sitemapUrl,
} from '../content/permalinks.ts'
import type {DataPage, HtmlPage, SitemapEntry} from './page.ts'
import type {TopicList} from './plan-pages.ts'

/** What the sitemap protocol allows in one file (sitemaps.org): past either, the sitemap is split. */
export interface SitemapLimits {
  urls: number
  bytes: number
}

export const sitemapLimits: SitemapLimits = {urls: 50_000, bytes: 50 * 1024 * 1024}

/** Google News reads only the stories of the last two days, and at most 1,000 of them. */
export const newsWindowMs = 2 * 24 * 60 * 60 * 1000
const newsSitemapMax = 1000

export interface DataPlanOptions {
  /** Smaller limits let the tests see a sitemap split without 50,000 stories. */
  sitemapLimits?: SitemapLimits | undefined
}

export function planDataPages(content: Content, htmlPages: readonly HtmlPage[], topics: readonly TopicList[], options: DataPlanOptions): DataPage[] {
  const {site, articles, now} = content
  const newest = (list: readonly Article[]) => list.slice(0, site.feedItems)
  const pages: DataPage[] = [
    {
      kind: 'rss',
      url: siteFeedUrl,
      title: site.name,
      description: site.description ?? `The latest stories from ${site.name}`,
      link: '/',
      articles: newest(articles),
    },
    {
      kind: 'jsonFeed',
      url: jsonFeedUrl,
      title: site.name,
      description: site.description ?? `The latest stories from ${site.name}`,
      link: '/',
      articles: newest(articles),
    },
  ]

  const bySection = new Map<string, Article[]>(site.sections.map((section) => [section.slug, []]))
  for (const article of articles) {
    const list = bySection.get(article.section)
    if (list && list.length < site.feedItems) list.push(article)
  }
  for (const section of site.sections) {
    pages.push({
      kind: 'rss',
      url: feedUrlOf(section.url),
      title: `${section.title} | ${site.name}`,
      description: section.description ?? `The latest ${section.title} stories from ${site.name}`,
      link: section.url,
      articles: bySection.get(section.slug) ?? [],
    })
  }
  for (const {topic, articles: list} of topics) {
    pages.push({
      kind: 'rss',
      url: feedUrlOf(topic.url),
      title: `${topic.name} | ${site.name}`,
      description: `The latest stories on ${topic.name} from ${site.name}`,
      link: topic.url,
      articles: newest(list),
    })
  }

  // Drafts and stories ahead of their time (previews only) carry `noindex`: a sitemap must not offer them.
  const indexed = (page: HtmlPage) => page.kind !== 'notFound' && !(page.kind === 'article' && (page.article.draft || page.embargoed))
  const entries = htmlPages.flatMap((page): SitemapEntry[] => (indexed(page) ? [{url: page.url, lastmod: lastmodOf(page)}] : []))
  pages.push(...planSitemaps(entries, options.sitemapLimits ?? sitemapLimits))

  pages.push({
    kind: 'newsSitemap',
    url: newsSitemapUrl,
    articles: articles
      .filter((article) => !article.draft && article.published.epochMs <= now && now - article.published.epochMs <= newsWindowMs)
      .slice(0, newsSitemapMax),
  })
  pages.push({kind: 'robots', url: robotsUrl, sitemaps: [sitemapUrl, newsSitemapUrl]})
  pages.push({
    kind: 'redirects',
    url: redirectsUrl,
    redirects: articles
      .flatMap((article) => article.aliases.map((alias) => ({from: alias.path, to: article.url})))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
  })
  return pages
}

/** As the sitemap schema wants it (`xsd:dateTime` needs seconds), whatever precision the reporter wrote. */
function lastmodOf(page: HtmlPage): string | undefined {
  const time = lastChanged(page)
  return time && machineTime(time)
}

/** When a page last changed, as far as its stories tell: what a sitemap's `lastmod` says. */
function lastChanged(page: HtmlPage): Timestamp | undefined {
  switch (page.kind) {
    case 'article':
      return changedAt(page.article)
    case 'section':
    case 'topic':
      return latest(page.articles.map(changedAt))
    case 'home':
      return latest([page.lead, ...page.sections.flatMap((group) => group.articles)].flatMap((article) => (article ? [changedAt(article)] : [])))
    case 'corrections':
      return page.corrections[0]?.correction.date
    case 'topics':
    case 'notFound':
      return undefined
  }
}

function changedAt(article: Article): Timestamp {
  return article.modified ?? article.published
}

function latest(times: readonly Timestamp[]): Timestamp | undefined {
  let result: Timestamp | undefined
  for (const time of times) if (!result || time.epochMs > result.epochMs) result = time
  return result
}

/** One sitemap while it fits the protocol's limits; past them, numbered parts and an index at `/sitemap.xml`. */
export function planSitemaps(entries: readonly SitemapEntry[], limits: SitemapLimits): DataPage[] {
  // Room for the XML declaration and the `<urlset>` element around the entries.
  const frame = 300
  const parts: SitemapEntry[][] = [[]]
  let bytes = frame
  for (const entry of entries) {
    const size = entryBytes(entry)
    const part = parts.at(-1)!
    if (part.length > 0 && (part.length >= limits.urls || bytes + size > limits.bytes)) {
      parts.push([entry])
      bytes = frame + size
    } else {
      part.push(entry)
      bytes += size
    }
  }
  if (parts.length === 1) return [{kind: 'sitemap', url: sitemapUrl, entries: parts[0]!}]

  const sitemaps = parts.map((part, index) => ({
    url: sitemapPartUrl(index + 1),
    lastmod: part.reduce<string | undefined>((found, entry) => (entry.lastmod && (!found || Date.parse(entry.lastmod) > Date.parse(found)) ? entry.lastmod : found), undefined),
  }))
  return [
    {kind: 'sitemapIndex', url: sitemapUrl, sitemaps},
    ...parts.map((part, index): DataPage => ({kind: 'sitemap', url: sitemapPartUrl(index + 1), entries: part})),
  ]
}

/**
 * An upper bound on an entry's size in the file: the site's address (up to 100 bytes allowed for), the path
 * with every byte possibly %-encoded, and the markup around them.
 */
function entryBytes(entry: SitemapEntry): number {
  return 100 + Buffer.byteLength(entry.url) * 3 + (entry.lastmod ? entry.lastmod.length + 20 : 0) + 40
}
