// Every correction the desk has made, newest first: what was wrong, in which story, and when it was put right.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {CorrectionsPage} from '../scripts/pages/page.ts'
import {formatDateTime} from '../scripts/pages/format-date.ts'
import {Document} from './components/document.tsx'
import {Pager, pagedTitle} from './components/pager.tsx'

export function correctionsLayout(page: CorrectionsPage, site: SiteContext): Root {
  const {pagination} = page
  return Document({
    site,
    title: pagedTitle('Corrections', pagination),
    description: `Every correction ${site.config.name} has made to its stories, newest first.`,
    url: page.url,
    pagination,
    children: [
      <header class="page-header">
        <h1>{pagedTitle('Corrections', pagination)}</h1>
        <p class="page-description">When we get something wrong, we correct the story and say so at its foot. Every correction is listed here, newest first.</p>
      </header>,
      page.corrections.length === 0 ? (
        <p class="empty">No corrections yet.</p>
      ) : (
        <ol class="correction-list">
          {page.corrections.map(({article, correction}) => (
            <li>
              <article class="correction">
                <h2 class="card-title">
                  <a href={article.url}>{article.title}</a>
                </h2>
                <p class="meta">
                  Corrected <time datetime={correction.date.iso}>{formatDateTime(correction.date.epochMs, site.config.timezone)}</time>
                </p>
                <p>{correction.text}</p>
              </article>
            </li>
          ))}
        </ol>
      ),
      Pager({pagination}),
    ],
  })
}
