// A topic's page: every story tagged with it, newest first.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {TopicPage} from '../scripts/pages/page.ts'
import {topicsIndexUrl} from '../scripts/content/permalinks.ts'
import {Document} from './components/document.tsx'
import {Kicker} from './components/kicker.tsx'
import {StoryList} from './components/story-card.tsx'

export function topicLayout(page: TopicPage, site: SiteContext): Root {
  return Document({
    site,
    title: page.topic.name,
    description: `Stories about ${page.topic.name}.`,
    url: page.url,
    children: [
      <header class="page-header">
        {Kicker({href: topicsIndexUrl, label: 'Topic'})}
        <h1>{page.topic.name}</h1>
      </header>,
      StoryList({articles: page.articles, site, level: 2, showSection: true}),
    ],
  })
}
