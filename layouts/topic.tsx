// A topic's page: every story tagged with it, newest first.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {TopicPage} from '../scripts/pages/page.ts'
import {feedUrlOf, topicsIndexUrl} from '../scripts/content/permalinks.ts'
import {Document} from './components/document.tsx'
import {Kicker} from './components/kicker.tsx'
import {Pager, pagedTitle} from './components/pager.tsx'
import {StoryList} from './components/story-card.tsx'

export function topicLayout(page: TopicPage, site: SiteContext): Root {
  const {pagination} = page
  return Document({
    site,
    title: pagedTitle(page.topic.name, pagination),
    description: `Stories about ${page.topic.name}.`,
    url: page.url,
    pagination,
    feeds: [{title: `${page.topic.name} | ${site.config.name}`, url: feedUrlOf(page.topic.url)}],
    children: [
      <header class="page-header">
        {Kicker({href: topicsIndexUrl, label: 'Topic'})}
        <h1>{pagedTitle(page.topic.name, pagination)}</h1>
      </header>,
      StoryList({articles: page.articles, site, level: 2, showSection: true}),
      Pager({pagination}),
    ],
  })
}
