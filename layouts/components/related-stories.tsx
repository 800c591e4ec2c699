// Below a story: other coverage on its topics, so a reader can follow the event.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {Article} from '../../scripts/content/article.ts'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import {StoryCard} from './story-card.tsx'

export function RelatedStories(props: {articles: Article[]; site: SiteContext}): Result {
  return (
    <aside class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related coverage</h2>
      <ol class="story-list">
        {props.articles.map((article) => (
          <li>{StoryCard({article, site: props.site, level: 3, showSection: true})}</li>
        ))}
      </ol>
    </aside>
  )
}
