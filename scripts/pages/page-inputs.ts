// What each page is drawn from, so a rebuild can tell which pages changed without drawing them.
import type {Section} from '../config/site-config.ts'
import type {Page, Pagination} from './page.ts'

/**
 * The values a page's HTML depends on, besides the layouts and the site configuration (a change to either
 * redraws every page). Stories are compared by identity: the content stage hands back the very same object
 * for a story whose file did not change. Sections are compared by value, since site.yaml is read every run.
 */
export function pageInputs(page: Page): readonly unknown[] {
  switch (page.kind) {
    case 'article':
      return [page.article, page.embargoed, ...page.related]
    case 'section':
      return [...sectionValues(page.section), ...paginationValues(page.pagination), ...page.articles]
    case 'topic':
      return [page.topic.name, ...paginationValues(page.pagination), ...page.articles]
    case 'topics':
      return page.topics.flatMap(({topic, count}) => [topic.name, count])
    case 'home':
      return [page.lead, ...page.sections.flatMap(({section, articles}) => [...sectionValues(section), ...articles])]
    case 'corrections':
      return [
        ...paginationValues(page.pagination),
        ...page.corrections.flatMap(({article, correction}) => [article.url, article.title, correction.date.iso, correction.text]),
      ]
    case 'notFound':
      return []
    case 'rss':
    case 'jsonFeed':
      return [page.title, page.description, page.link, ...page.articles]
    case 'newsSitemap':
      return page.articles
    case 'sitemap':
      return page.entries.flatMap((entry) => [entry.url, entry.lastmod])
    case 'sitemapIndex':
      return page.sitemaps.flatMap((entry) => [entry.url, entry.lastmod])
    case 'robots':
      return page.sitemaps
    case 'redirects':
      return page.redirects.flatMap((redirect) => [redirect.from, redirect.to])
  }
}

function paginationValues(pagination: Pagination): unknown[] {
  return [pagination.page, pagination.pages]
}

function sectionValues(section: Section): unknown[] {
  return [section.slug, section.title, section.description]
}

export function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => value === b[index])
}
