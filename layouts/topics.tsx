// The list of every topic, A to Z, with how many stories each has.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {TopicsPage} from '../scripts/pages/page.ts'
import {Document} from './components/document.tsx'

export function topicsLayout(page: TopicsPage, site: SiteContext): Root {
  return Document({
    site,
    title: 'Topics',
    description: `Every topic covered by ${site.config.name}.`,
    url: page.url,
    children: [
      <header class="page-header">
        <h1>Topics</h1>
      </header>,
      page.topics.length > 0 ? (
        <ul class="topic-index">
          {page.topics.map(({topic, count}) => (
            <li>
              <a href={topic.url}>{topic.name}</a> <span class="count">({count === 1 ? '1 story' : `${count} stories`})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No story has topics yet.</p>
      ),
    ],
  })
}
