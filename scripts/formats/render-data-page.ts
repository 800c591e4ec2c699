// Draws a file for machines from its plan entry: each format has its own module.
import type {SiteConfig} from '../config/site-config.ts'
import type {DataPage} from '../pages/page.ts'
import {renderJsonFeed} from './json-feed.ts'
import {renderRedirects, renderRobotsTxt} from './plain-text.ts'
import {renderRss} from './rss.ts'
import {renderNewsSitemap, renderSitemap, renderSitemapIndex} from './sitemap.ts'

export function renderDataPage(page: DataPage, site: SiteConfig): string {
  switch (page.kind) {
    case 'rss':
      return renderRss(page, site)
    case 'jsonFeed':
      return renderJsonFeed(page, site)
    case 'sitemap':
      return renderSitemap(page, site)
    case 'sitemapIndex':
      return renderSitemapIndex(page, site)
    case 'newsSitemap':
      return renderNewsSitemap(page, site)
    case 'robots':
      return renderRobotsTxt(page, site)
    case 'redirects':
      return renderRedirects(page)
  }
}
