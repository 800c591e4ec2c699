// Plans every page of the site from the content model: stories, section indexes, topics, the front page and the 404 page.
import type {Content} from '../content/load-content.ts'
import type {Article, Topic} from '../content/article.ts'
import {topicsIndexUrl} from '../content/permalinks.ts'
import type {Page, TopicPage} from './page.ts'

/** How many stories each section shows on the front page, after the lead. */
export const homeStoriesPerSection = 5

export function planPages({site, articles}: Content): Page[] {
  // Stories first: watch mode writes pages in this order, so the story being edited is written before the indexes.
  const pages: Page[] = articles.map((article) => ({kind: 'article', url: article.url, article}))

  // One pass over the stories, however many sections: with 10,000 stories every pass counts.
  const bySection = new Map<string, Article[]>(site.sections.map((section) => [section.slug, []]))
  for (const article of articles) bySection.get(article.section)?.push(article)
  for (const section of site.sections) {
    pages.push({kind: 'section', url: section.url, section, articles: bySection.get(section.slug) ?? []})
  }

  const topicPages = planTopics(articles)
  pages.push(...topicPages)
  // Always planned, even empty: every page's footer links to it.
  pages.push({
    kind: 'topics',
    url: topicsIndexUrl,
    topics: topicPages
      .map((page) => ({topic: page.topic, count: page.articles.length}))
      .sort((a, b) => a.topic.name.localeCompare(b.topic.name, site.language)),
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

/** One page per topic slug; `Kyrgyzstan` and `kyrgyzstan` are one topic, named as its newest story spells it. */
function planTopics(articles: readonly Article[]): TopicPage[] {
  const byslug = new Map<string, {topic: Topic; articles: Article[]}>()
  for (const article of articles) {
    for (const topic of article.topics) {
      const entry = byslug.get(topic.slug)
      if (entry) entry.articles.push(article)
      else byslug.set(topic.slug, {topic, articles: [article]})
    }
  }
  return [...byslug.values()]
    .sort((a, b) => (a.topic.slug < b.topic.slug ? -1 : 1))
    .map(({topic, articles}) => ({kind: 'topic', url: topic.url, topic, articles}))
}
