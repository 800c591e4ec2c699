// The site configuration as the rest of the build sees it: validated, with defaults filled in and section URLs worked out.

export interface Section {
  slug: string
  title: string
  description?: string | undefined
  /** `/central-south-asia/` */
  url: string
}

export interface SiteConfig {
  name: string
  /** The public address without a trailing slash: `https://example.org`. */
  url: string
  language: string
  /** IANA zone in which dates are shown and articles are URL-dated. */
  timezone: string
  description?: string | undefined
  /** How many stories a section or topic page lists; the rest go on `/…/page/2/` and after. */
  pageSize: number
  /** In navigation order. */
  sections: Section[]
}
