// A story in a list: headline link, standfirst, section and date. The heading level follows the page's outline.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import {h, type Result} from 'hastscript'
import type {Article} from '../../scripts/content/article.ts'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import {ListDate} from './date-line.tsx'
import {drawnOnce, identity} from './drawn-once.ts'

interface CardProps {
  article: Article
  site: SiteContext
  level: 2 | 3
  showSection: boolean
}

/** A story's card is the same in every list that shows it: drawn once (see drawn-once.ts). */
export const StoryCard = drawnOnce(
  drawCard,
  (props: CardProps) => `${identity(props.article)} ${props.level} ${props.showSection}`,
)

function drawCard(props: CardProps): Result {
  const {article, site} = props
  const section = site.config.sections.find((s) => s.slug === article.section)
  return (
    <article class="card">
      {article.draft ? <p class="draft-label">Draft</p> : null}
      {h(`h${props.level}`, {class: 'card-title'}, <a href={article.url}>{article.title}</a>)}
      <p class="card-standfirst">{article.standfirst}</p>
      <p class="meta">
        {props.showSection && section ? <span class="meta-section">{section.title}</span> : null}
        {props.showSection && section ? ' ' : null}
        {ListDate({article, timezone: site.config.timezone})}
      </p>
    </article>
  )
}

/** A list of stories, or a line saying there are none yet. */
export function StoryList(props: {articles: Article[]; site: SiteContext; level: 2 | 3; showSection: boolean}): Result {
  if (props.articles.length === 0) return <p class="empty">No stories here yet.</p>
  return (
    <ol class="story-list">
      {props.articles.map((article) => (
        <li>{StoryCard({article, site: props.site, level: props.level, showSection: props.showSection})}</li>
      ))}
    </ol>
  )
}
