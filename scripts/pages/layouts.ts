// The contract between the build and a site's layouts: one function per kind of page, returning a hast tree.
import type {Root} from 'hast'
import type {SiteConfig} from '../config/site-config.ts'
import type {HtmlPage, PageKind} from './page.ts'

/** What every layout knows about the site besides its own page. */
export interface SiteContext {
  config: SiteConfig
  /** Public URL of the content-hashed stylesheet. */
  stylesheet: string
}

export type Layout<Kind extends PageKind> = (page: Extract<HtmlPage, {kind: Kind}>, site: SiteContext) => Root

export type Layouts = {[Kind in PageKind]: Layout<Kind>} & {
  /** Absolute path of the stylesheet, copied to the site under a content-hashed name. */
  stylesheet: string
}

export const pageKinds: readonly PageKind[] = ['article', 'section', 'topic', 'topics', 'home', 'corrections', 'notFound']
