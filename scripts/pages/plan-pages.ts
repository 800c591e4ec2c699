// Plans every page of the site from the content model: stories, section indexes, topics, the front page and the 404 page.
import type {Content} from '../content/load-content.ts'
import type {Article, Topic} from '../content/article.ts'
import {topicsIndexUrl} from '../content/permalinks.ts'
import type {Page, Pagination} from './page.ts'

/** How many stories each section shows on the front page, after the lead. */
export const homeStoriesPerSection = 5

export function planPages({site, articles}: Content): Page[] {
  // Stories first: watch mode writes pages in this order, so the story being edited is written before the indexes.
  const pages: Page[] = articles.map((article) => ({kind: 'article', url: article.url, article}))

  // One pass over the stories, however many sections: with 10,000 stories every pass counts.
  const bySection = new Map<string, Article[]>(site.sections.map((section) => [section.slug, []]))
  for (const article of articles) bySection.get(article.section)?.push(article)
  for (const section of site.sections) {
    for (const {url, articles: list, pagination} of paginate(section.url, bySection.get(section.slug) ?? [], site.pageSize)) {
      pages.push({kind: 'section', url, section, articles: list, pagination})
    }
  }

  const topics = groupTopics(articles)
  for (const {topic, articles: list} of topics) {
    for (const {url, articles: paged, pagination} of paginate(topic.url, list, site.pageSize)) {
      pages.push({kind: 'topic', url, topic, articles: paged, pagination})
    }
  }
  // Always planned, even empty: every page's footer links to it.
  const collator = new Intl.Collator(site.language)
  pages.push({
    kind: 'topics',
    url: topicsIndexUrl,
    topics: topics.map(({topic, articles}) => ({topic, count: articles.length})).sort((a, b) => collator.compare(a.topic.name, b.topic.name)),
  })

  const lead = articles[0]
  pages.push({
    kind: 'home',
    url: '/',
    lead,
    sections: site.sections
      .map((section) => ({
        section,
        articles: (bySection.get(section.slug) ?? []).filter((article) => article !== lead).slice(0, homeStoriesPerSection),
      }))
      .filter((group) => group.articles.length > 0),
  })

  pages.push({kind: 'notFound', url: '/404.html'})
  return pages
}

/** Stories by topic slug; `Kyrgyzstan` and `kyrgyzstan` are one topic, named as its newest story spells it. */
function groupTopics(articles: readonly Article[]): Array<{topic: Topic; articles: Article[]}> {
  const bySlug = new Map<string, {topic: Topic; articles: Article[]}>()
  for (const article of articles) {
    for (const topic of article.topics) {
      const entry = bySlug.get(topic.slug)
      if (entry) entry.articles.push(article)
      else bySlug.set(topic.slug, {topic, articles: [article]})
    }
  }
  return [...bySlug.values()].sort((a, b) => (a.topic.slug < b.topic.slug ? -1 : 1))
}

/** Splits a list into pages of `size`: the first at the list's own URL, the rest at `…/page/2/` and on. Never zero pages. */
export function paginate(url: string, articles: Article[], size: number): Array<{url: string; articles: Article[]; pagination: Pagination}> {
  const pages = Math.max(1, Math.ceil(articles.length / size))
  const urlOf = (page: number) => (page === 1 ? url : `${url}page/${page}/`)
  return Array.from({length: pages}, (_, index) => {
    const page = index + 1
    return {
      url: urlOf(page),
      articles: articles.slice(index * size, page * size),
      pagination: {page, pages, previous: page > 1 ? urlOf(page - 1) : undefined, next: page < pages ? urlOf(page + 1) : undefined},
    }
  })
}
