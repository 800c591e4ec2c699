// Sitemaps (sitemaps.org 0.9) and the Google News sitemap: how crawlers find every page and the day's news.
import {x} from 'xastscript'
import type {SiteConfig} from '../config/site-config.ts'
import type {NewsSitemap, Sitemap, SitemapEntry, SitemapIndex} from '../pages/page.ts'
import {absoluteUrl, machineTime} from './machine-time.ts'
import {xmlDocument} from './xml.ts'

const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9'

export function renderSitemap(sitemap: Sitemap, site: SiteConfig): string {
  return listOfPages('urlset', 'url', sitemap.entries, site)
}

/** The index of a sitemap too long for one file: the same shape, listing the parts. */
export function renderSitemapIndex(index: SitemapIndex, site: SiteConfig): string {
  return listOfPages('sitemapindex', 'sitemap', index.sitemaps, site)
}

function listOfPages(root: string, entry: string, entries: readonly SitemapEntry[], site: SiteConfig): string {
  return xmlDocument(
    x(
      root,
      {xmlns: sitemapNamespace},
      entries.map((page) => x(entry, [x('loc', absoluteUrl(site.url, page.url)), page.lastmod ? x('lastmod', page.lastmod) : undefined])),
    ),
  )
}

export function renderNewsSitemap(sitemap: NewsSitemap, site: SiteConfig): string {
  const language = newsLanguage(site.language)
  return xmlDocument(
    x(
      'urlset',
      {xmlns: sitemapNamespace, 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9'},
      sitemap.articles.map((article) =>
        x('url', [
          x('loc', absoluteUrl(site.url, article.url)),
          x('news:news', [
            x('news:publication', [x('news:name', site.name), x('news:language', language)]),
            x('news:publication_date', machineTime(article.published)),
            x('news:title', article.title),
          ]),
        ]),
      ),
    ),
  )
}

/**
 * Google News wants an ISO 639 code (`en`, not `en-GB`), except for Chinese, which it names by script:
 * `zh-cn` (simplified) or `zh-tw` (traditional).
 */
export function newsLanguage(tag: string): string {
  const [primary = 'en', ...rest] = tag.toLowerCase().split('-')
  if (primary !== 'zh') return primary
  return rest.some((part) => part === 'hant' || part === 'tw' || part === 'hk' || part === 'mo') ? 'zh-tw' : 'zh-cn'
}
