// Renders one planned page to HTML: the site's layout builds the tree, rehype-stringify serializes it.
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import type {Layout, Layouts, SiteContext} from './layouts.ts'
import type {Page} from './page.ts'

// Raw nodes carry only story bodies our own pipeline serialized (see content/compact-body.ts).
const serializer = unified().use(rehypeStringify, {allowDangerousHtml: true}).freeze()

export function renderPage(page: Page, layouts: Layouts, site: SiteContext): string {
  // Each page kind has its own layout; the lookup keeps the pairing typed.
  const layout = layouts[page.kind] as Layout<typeof page.kind>
  return serializer.stringify(layout(page as never, site)) + '\n'
}
