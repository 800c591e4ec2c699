// Renders one planned page to HTML: the site's layout builds the tree, rehype-stringify serializes it.
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import type {Layout, Layouts, SiteContext} from './layouts.ts'
import type {Page} from './page.ts'

const serializer = unified().use(rehypeStringify).freeze()

export function renderPage(page: Page, layouts: Layouts, site: SiteContext): string {
  // Each page kind has its own layout; the lookup keeps the pairing typed.
  const layout = layouts[page.kind] as Layout<typeof page.kind>
  return serializer.stringify(layout(page as never, site)) + '\n'
}
