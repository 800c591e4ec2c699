// The frame every page shares: head, skip link, site header with section navigation, main landmark and footer.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Root} from 'hast'
import type {Child, Result} from 'hastscript'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import type {Pagination} from '../../scripts/pages/page.ts'
import {SiteFooter} from './site-footer.tsx'
import {SiteHeader} from './site-header.tsx'

export interface DocumentProps {
  site: SiteContext
  /** The page's own title; the desk's name is added after it. */
  title: string
  description?: string | undefined
  /** The page's public path, for its canonical link. */
  url: string
  /** Slug of the section this page belongs to, highlighted in the navigation. */
  section?: string | undefined
  /** True on the section's own index page (`aria-current="page"`), false on its stories. */
  isSectionIndex?: boolean
  /** Neighbouring pages of a paged list, for `<link rel="prev">` and `<link rel="next">`. */
  pagination?: Pagination | undefined
  children: Child
}

export function Document(props: DocumentProps): Root {
  const {site} = props
  const title = props.title === site.config.name ? props.title : `${props.title} | ${site.config.name}`
  const html = (
    <html lang={site.config.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="canonical" href={site.config.url + props.url} />
        {props.pagination?.previous ? <link rel="prev" href={props.pagination.previous} /> : null}
        {props.pagination?.next ? <link rel="next" href={props.pagination.next} /> : null}
        <link rel="stylesheet" href={site.stylesheet} />
        {/* No icon yet: an empty one saves every reader a request that would end in a 404. */}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {SiteHeader({site, section: props.section, isSectionIndex: props.isSectionIndex ?? false})}
        <main id="main" tabindex="-1">
          {props.children}
        </main>
        {SiteFooter({site})}
      </body>
    </html>
  )
  return {type: 'root', children: [{type: 'doctype'}, ...flatten(html)]}
}

function flatten(result: Result): Root['children'] {
  return result.type === 'root' ? result.children : [result]
}
