// The 404 page Netlify serves for any address the site does not have.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {SiteContext} from '../scripts/pages/layouts.ts'
import type {NotFoundPage} from '../scripts/pages/page.ts'
import {Document} from './components/document.tsx'

export function notFoundLayout(page: NotFoundPage, site: SiteContext): Root {
  return Document({
    site,
    title: 'Page not found',
    url: page.url,
    children: [
      <header class="page-header">
        <h1>Page not found</h1>
      </header>,
      <div class="prose">
        <p>There is no page at this address. The story may have moved, or the address may be mistyped.</p>
        <p>
          <a href="/">Go to the front page</a>, or choose a section:
        </p>
        <ul>
          {site.config.sections.map((section) => (
            <li>
              <a href={section.url}>{section.title}</a>
            </li>
          ))}
        </ul>
      </div>,
    ],
  })
}
