// Renders one planned page: a reader's page through the site's layout and rehype-stringify, a machine's file through its format.
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {linkedBody} from '../content/link-stories.ts'
import {renderDataPage} from '../formats/render-data-page.ts'
import type {Layout, Layouts, SiteContext} from './layouts.ts'
import {pageKinds} from './layouts.ts'
import type {HtmlPage, Page} from './page.ts'

// Raw nodes carry only story bodies our own pipeline serialized (see content/compact-body.ts).
const serializer = unified().use(rehypeStringify, {allowDangerousHtml: true, upperDoctype: true}).freeze()

export function renderPage(page: Page, layouts: Layouts, site: SiteContext): string {
  if (!isHtmlPage(page)) return renderDataPage(page, site.config)
  // Each page kind has its own layout; the lookup keeps the pairing typed.
  const layout = layouts[page.kind] as Layout<typeof page.kind>
  const ready = page.kind === 'article' ? {...page, article: {...page.article, body: linkedBody(page.article)}} : page
  return serializer.stringify(layout(ready as never, site)) + '\n'
}

export function isHtmlPage(page: Page): page is HtmlPage {
  return (pageKinds as readonly string[]).includes(page.kind)
}
