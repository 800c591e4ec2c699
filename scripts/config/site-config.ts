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
  /** The desk's logo: publisher of every story in its structured data, and the picture of pages that have none. */
  logo?: SiteLogo | undefined
  /** `@thedesk`, for Twitter cards. */
  twitter?: string | undefined
  /** How many of the newest stories each feed holds. */
  feedItems: number
  /** How many stories a section or topic page lists; the rest go on `/…/page/2/` and after. */
  pageSize: number
  /** In navigation order. */
  sections: Section[]
  houseStyle: HouseStyle
  /** Hosts whose `<iframe>` embeds survive the sanitizer: `www.youtube-nocookie.com`. */
  embedHosts: string[]
}

export interface SiteLogo {
  /** `/assets/media/logo.3f2a9c1b7e.png` */
  url: string
  sourcePath: string
  width?: number | undefined
  height?: number | undefined
}

/** The desk's editorial rules: breaking one is a warning, an error under `--strict`. */
export interface HouseStyle {
  /** Longest headline and standfirst, in characters. */
  headlineLength: number
  standfirstLength: number
  /**
   * `as-written`: quotes are left alone; `typographic`: straight quotes are flagged for the reporter to curl;
   * `smart`: the build curls them (and there is nothing to flag).
   */
  quotes: 'as-written' | 'typographic' | 'smart'
}
