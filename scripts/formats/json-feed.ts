// JSON Feed 1.1 (jsonfeed.org): the whole site's newest stories for readers that prefer JSON.
import type {SiteConfig} from '../config/site-config.ts'
import type {JsonFeed} from '../pages/page.ts'
import {absoluteUrl, machineTime} from './machine-time.ts'

export function renderJsonFeed(feed: JsonFeed, site: SiteConfig): string {
  const data = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: absoluteUrl(site.url, feed.link),
    feed_url: absoluteUrl(site.url, feed.url),
    description: feed.description,
    language: site.language,
    authors: [{name: site.name, url: absoluteUrl(site.url, '/')}],
    items: feed.articles.map((article) => ({
      id: absoluteUrl(site.url, article.url),
      url: absoluteUrl(site.url, article.url),
      title: article.title,
      summary: article.standfirst,
      // An item must carry content; like the RSS feeds, this one gives the standfirst and sends readers to the page.
      content_text: article.standfirst,
      image: article.image ? absoluteUrl(site.url, article.image.url) : undefined,
      date_published: machineTime(article.published),
      date_modified: article.modified ? machineTime(article.modified) : undefined,
      authors: [{name: article.byline}],
      tags: article.topics.length > 0 ? article.topics.map((topic) => topic.name) : undefined,
    })),
  }
  return `${JSON.stringify(data, null, 2)}\n`
}
