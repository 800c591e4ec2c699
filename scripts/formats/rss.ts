// RSS 2.0 (rssboard.org), with Media RSS for photos and Dublin Core for bylines: what feed readers and aggregators read.
import {x} from 'xastscript'
import type {Article} from '../content/article.ts'
import type {SiteConfig} from '../config/site-config.ts'
import type {RssFeed} from '../pages/page.ts'
import {absoluteUrl, rfc822Time} from './machine-time.ts'
import {xmlDocument} from './xml.ts'

export function renderRss(feed: RssFeed, site: SiteConfig): string {
  const link = absoluteUrl(site.url, feed.link)
  // The newest change among the items, not the clock: the same stories make the same file, build after build.
  const lastChange = feed.articles.map((article) => article.modified ?? article.published).sort((a, b) => b.epochMs - a.epochMs)[0]
  return xmlDocument(
    x(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      x('channel', [
        x('title', feed.title),
        x('link', link),
        x('description', feed.description),
        x('language', site.language),
        lastChange ? x('lastBuildDate', rfc822Time(lastChange)) : undefined,
        x('atom:link', {href: absoluteUrl(site.url, feed.url), rel: 'self', type: 'application/rss+xml'}),
        // RSS allows only GIF, JPEG and PNG here, and no wider than 144 pixels unless the width is left out.
        site.logo && /\.(png|jpe?g|gif)$/i.test(site.logo.url)
          ? x('image', [x('url', absoluteUrl(site.url, site.logo.url)), x('title', feed.title), x('link', link)])
          : undefined,
        ...feed.articles.map((article) => item(article, site)),
      ]),
    ),
  )
}

function item(article: Article, site: SiteConfig) {
  const url = absoluteUrl(site.url, article.url)
  const section = site.sections.find((entry) => entry.slug === article.section)
  const image = article.image
  return x('item', [
    x('title', article.title),
    x('link', url),
    x('guid', {isPermaLink: 'true'}, url),
    x('description', article.standfirst),
    x('pubDate', rfc822Time(article.published)),
    x('dc:creator', article.byline),
    section ? x('category', section.title) : undefined,
    ...article.topics.map((topic) => x('category', {domain: absoluteUrl(site.url, topic.url)}, topic.name)),
    image ? x('enclosure', {url: absoluteUrl(site.url, image.url), length: String(image.bytes), type: image.type}) : undefined,
    image
      ? x(
          'media:content',
          {
            url: absoluteUrl(site.url, image.url),
            type: image.type,
            medium: 'image',
            width: image.width === undefined ? undefined : String(image.width),
            height: image.height === undefined ? undefined : String(image.height),
          },
          [
            x('media:description', {type: 'plain'}, image.alt),
            image.credit ? x('media:credit', image.credit) : undefined,
          ],
        )
      : undefined,
  ])
}
