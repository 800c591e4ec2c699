// Renders one planned page: a reader's page through the site's layout and serialize-html.ts (rehype-stringify's output,
// faster), a machine's file through its format.
import {linkedBody} from '../content/link-stories.ts'
import {renderDataPage} from '../formats/render-data-page.ts'
import type {Layout, Layouts, SiteContext} from './layouts.ts'
import {pageKinds} from './layouts.ts'
import type {HtmlPage, Page} from './page.ts'
import {serializeHtml} from '../serialize-html.ts'

export function renderPage(page: Page, layouts: Layouts, site: SiteContext): string {
  if (!isHtmlPage(page)) return renderDataPage(page, site.config)
  // Each page kind has its own layout; the lookup keeps the pairing typed.
  const layout = layouts[page.kind] as Layout<typeof page.kind>
  const ready = page.kind === 'article' ? {...page, article: {...page.article, body: linkedBody(page.article)}} : page
  // Raw nodes carry only HTML our own code wrote: story bodies (see content/compact-body.ts) and parts drawn once.
  return serializeHtml(layout(ready as never, site), {allowDangerousHtml: true, upperDoctype: true}) + '\n'
}

export function isHtmlPage(page: Page): page is HtmlPage {
  return (pageKinds as readonly string[]).includes(page.kind)
}
