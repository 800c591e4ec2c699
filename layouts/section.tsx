// A section's index: its name, its description, and its stories, newest first.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import {feedUrlOf} from '../scripts/content/permalinks.ts'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {SectionPage} from '../scripts/pages/page.ts'
import {Document} from './components/document.tsx'
import {Pager, pagedTitle} from './components/pager.tsx'
import {StoryList} from './components/story-card.tsx'

export function sectionLayout(page: SectionPage, site: SiteContext): Root {
  const {section, pagination} = page
  return Document({
    site,
    title: pagedTitle(section.title, pagination),
    description: section.description,
    url: page.url,
    section: section.slug,
    isSectionIndex: pagination.page === 1,
    pagination,
    feeds: [{title: `${section.title} | ${site.config.name}`, url: feedUrlOf(section.url)}],
    children: [
      <header class="page-header">
        <h1>{pagedTitle(section.title, pagination)}</h1>
        {section.description ? <p class="page-description">{section.description}</p> : null}
      </header>,
      StoryList({articles: page.articles, site, level: 2, showSection: false}),
      Pager({pagination}),
    ],
  })
}
