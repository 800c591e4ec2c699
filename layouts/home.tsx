// The front page: the newest story led with its photo, then each section's latest stories.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import {publisherData} from '../scripts/pages/structured-data.ts'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {HomePage} from '../scripts/pages/page.ts'
import {ListDate} from './components/date-line.tsx'
import {Document} from './components/document.tsx'
import {Figure} from './components/figure.tsx'
import {Kicker} from './components/kicker.tsx'
import {StoryList} from './components/story-card.tsx'

export function homeLayout(page: HomePage, site: SiteContext): Root {
  const {lead} = page
  const leadSection = lead && site.config.sections.find((s) => s.slug === lead.section)
  return Document({
    site,
    title: site.config.name,
    description: site.config.description,
    url: page.url,
    structuredData: {'@context': 'https://schema.org', ...publisherData(site.config)},
    children: [
      <h1 class="visually-hidden">{site.config.name}: latest news</h1>,
      lead ? (
        <article class="lead-story">
          {lead.image ? Figure({image: lead.image, className: 'lead-figure', lazy: false}) : null}
          <div class="lead-text">
            {lead.draft ? <p class="draft-label">Draft</p> : null}
            {leadSection ? Kicker({href: leadSection.url, label: leadSection.title}) : null}
            <h2 class="lead-title">
              <a href={lead.url}>{lead.title}</a>
            </h2>
            <p class="standfirst">{lead.standfirst}</p>
            <p class="meta">{ListDate({article: lead, timezone: site.config.timezone})}</p>
          </div>
        </article>
      ) : (
        <p class="empty">No stories have been published yet.</p>
      ),
      page.sections.length > 0 ? (
        <div class="home-sections">
          {page.sections.map(({section, articles}) => (
            <section class="home-section" aria-labelledby={`home-${section.slug}`}>
              <h2 id={`home-${section.slug}`} class="home-section-title">
                <a href={section.url}>{section.title}</a>
              </h2>
              {StoryList({articles, site, level: 3, showSection: false})}
            </section>
          ))}
        </div>
      ) : null,
    ],
  })
}
