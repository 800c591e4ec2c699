// Plans every page of the site from the content model: stories, section indexes, topics, corrections, the front page and the 404 page, then the feeds, sitemaps and redirects that describe them.
import type {Content} from '../content/load-content.ts'
import type {Article, Topic} from '../content/article.ts'
import {correctionsUrl, topicsIndexUrl} from '../content/permalinks.ts'
import type {CorrectionsPage, HtmlPage, Page, Pagination} from './page.ts'
import {planDataPages, type DataPlanOptions} from './plan-data-pages.ts'
import {relatedStories} from './related-stories.ts'

/** How many stories each section shows on the front page, after the lead. */
export const homeStoriesPerSection = 5

export type PlanOptions = DataPlanOptions

export function planPages(content: Content, options: PlanOptions = {}): Page[] {
  const {pages, topics} = planHtmlPages(content)
  return [...pages, ...planDataPages(content, pages, topics, options)]
}

/** Each topic's stories, newest first, as the plan groups them. */
export interface TopicList {
  topic: Topic
  articles: Article[]
}

function planHtmlPages({site, articles, now}: Content): {pages: HtmlPage[]; topics: TopicList[]} {
  const topics = groupTopics(articles)
  const related = relatedStories(topics.map((entry) => entry.articles))

  // Stories first: watch mode writes pages in this order, so the story being edited is written before the indexes.
  const pages: HtmlPage[] = articles.map((article) => ({
    kind: 'article',
    url: article.url,
    article,
    related: related.get(article) ?? [],
    embargoed: article.published.epochMs > now,
  }))

  // One pass over the stories, however many sections: with 10,000 stories every pass counts.
  const bySection = new Map<string, Article[]>(site.sections.map((section) => [section.slug, []]))
  for (const article of articles) bySection.get(article.section)?.push(article)
  for (const section of site.sections) {
    for (const {url, items, pagination} of paginate(section.url, bySection.get(section.slug) ?? [], site.pageSize)) {
      pages.push({kind: 'section', url, section, articles: items, pagination})
    }
  }

  for (const {topic, articles: list} of topics) {
    for (const {url, items, pagination} of paginate(topic.url, list, site.pageSize)) {
      pages.push({kind: 'topic', url, topic, articles: items, pagination})
    }
  }
  // Always planned, even empty: every page's footer links to it.
  const collator = new Intl.Collator(site.language)
  pages.push({
    kind: 'topics',
    url: topicsIndexUrl,
    topics: topics.map(({topic, articles}) => ({topic, count: articles.length})).sort((a, b) => collator.compare(a.topic.name, b.topic.name)),
  })

  // Also always planned: a desk that has corrected nothing says so, and the footer links here.
  const corrections: CorrectionsPage['corrections'] = articles
    .flatMap((article) => article.corrections.map((correction) => ({article, correction})))
    .sort((a, b) => b.correction.date.epochMs - a.correction.date.epochMs || (a.article.url < b.article.url ? -1 : a.article.url > b.article.url ? 1 : 0))
  for (const {url, items, pagination} of paginate(correctionsUrl, corrections, site.pageSize)) {
    pages.push({kind: 'corrections', url, corrections: items, pagination})
  }

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
  return {pages, topics}
}

/** Stories by topic slug; `Kyrgyzstan` and `kyrgyzstan` are one topic, named as its newest story spells it. */
function groupTopics(articles: readonly Article[]): TopicList[] {
  const bySlug = new Map<string, TopicList>()
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
export function paginate<T>(url: string, items: readonly T[], size: number): Array<{url: string; items: T[]; pagination: Pagination}> {
  const pages = Math.max(1, Math.ceil(items.length / size))
  const urlOf = (page: number) => (page === 1 ? url : `${url}page/${page}/`)
  return Array.from({length: pages}, (_, index) => {
    const page = index + 1
    return {
      url: urlOf(page),
      items: items.slice(index * size, page * size),
      pagination: {page, pages, previous: page > 1 ? urlOf(page - 1) : undefined, next: page < pages ? urlOf(page + 1) : undefined},
    }
  })
}
