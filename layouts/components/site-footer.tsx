// The page foot: the desk's name and the sections again, for readers who reach the bottom.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import {correctionsUrl, siteFeedUrl, topicsIndexUrl} from '../../scripts/content/permalinks.ts'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import {drawnOnce} from './drawn-once.ts'

/** The same on every page: drawn once (see drawn-once.ts). */
export const SiteFooter = drawnOnce(drawFooter, () => '')

function drawFooter(props: {site: SiteContext}): Result {
  const {config} = props.site
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="site-footer-name">
          <a href="/">{config.name}</a>
        </p>
        {config.description ? <p>{config.description}</p> : null}
        <nav aria-label="Sections, again">
          <ul>
            {config.sections.map((section) => (
              <li>
                <a href={section.url}>{section.title}</a>
              </li>
            ))}
            <li>
              <a href={topicsIndexUrl}>Topics</a>
            </li>
            <li>
              <a href={correctionsUrl}>Corrections</a>
            </li>
            <li>
              <a href={siteFeedUrl}>RSS feed</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  )
}
