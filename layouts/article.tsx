// A story page: section, headline, standfirst, date line, photo, text with crossheads, in-depth box, credit line and topics.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {ArticlePage} from '../scripts/pages/page.ts'
import {Corrections} from './components/corrections.tsx'
import {DateLine} from './components/date-line.tsx'
import {Document} from './components/document.tsx'
import {Figure} from './components/figure.tsx'
import {InDepth} from './components/in-depth.tsx'
import {Kicker} from './components/kicker.tsx'
import {RelatedStories} from './components/related-stories.tsx'
import {feedUrlOf} from '../scripts/content/permalinks.ts'
import {formatDateTime} from '../scripts/pages/format-date.ts'
import {newsArticleData} from '../scripts/pages/structured-data.ts'

export function articleLayout(page: ArticlePage, site: SiteContext): Root {
  const {article} = page
  const section = site.config.sections.find((s) => s.slug === article.section)
  return Document({
    site,
    title: article.title,
    description: article.standfirst,
    url: page.url,
    section: article.section,
    article,
    structuredData: newsArticleData(article, site.config),
    feeds: section ? [{title: `${section.title} | ${site.config.name}`, url: feedUrlOf(section.url)}] : [],
    noindex: article.draft || page.embargoed,
    children: [
      <article class="story">
        {article.draft ? (
          <p class="draft-banner" role="note">
            Draft: this story is not published.
          </p>
        ) : null}
        {page.embargoed ? (
          <p class="draft-banner" role="note">
            Embargoed: this story is published at {formatDateTime(article.published.epochMs, site.config.timezone)}.
          </p>
        ) : null}
        <header class="story-header">
          {section ? Kicker({href: section.url, label: section.title}) : null}
          <h1>{article.title}</h1>
          <p class="standfirst">{article.standfirst}</p>
          {/* Who the story is from, up top where a reader on a phone looks; the credit line repeats it at the foot, as the desk's pages always have. */}
          <p class="byline">{article.byline}</p>
          {DateLine({article, timezone: site.config.timezone})}
        </header>
        {article.image ? Figure({image: article.image, className: 'story-figure', lazy: false}) : null}
        <div class="story-columns">
          <div class="story-body">{article.body.children}</div>
          {article.inDepth.length > 0 ? InDepth({groups: article.inDepth}) : null}
        </div>
        <footer class="story-footer">
          <p class="credit-line">{article.byline}</p>
          {article.corrections.length > 0 ? Corrections({corrections: article.corrections, timezone: site.config.timezone}) : null}
          {article.topics.length > 0 ? (
            <nav class="topics" aria-label="Topics">
              <h2>Topics</h2>
              <ul>
                {article.topics.map((topic) => (
                  <li>
                    <a href={topic.url}>{topic.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </footer>
      </article>,
      page.related.length > 0 ? RelatedStories({articles: page.related, site}) : null,
    ],
  })
}
