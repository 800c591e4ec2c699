// A section's index: its name, its description, and its stories, newest first.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {SectionPage} from '../scripts/pages/page.ts'
import {Document} from './components/document.tsx'
import {StoryList} from './components/story-card.tsx'

export function sectionLayout(page: SectionPage, site: SiteContext): Root {
  const {section} = page
  return Document({
    site,
    title: section.title,
    description: section.description,
    url: page.url,
    section: section.slug,
    isSectionIndex: true,
    children: [
      <header class="page-header">
        <h1>{section.title}</h1>
        {section.description ? <p class="page-description">{section.description}</p> : null}
      </header>,
      StoryList({articles: page.articles, site, level: 2, showSection: false}),
    ],
  })
}
