// Public URLs of stories and topics. They are permanent: a news site's links live forever, so change nothing here lightly.

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** Year, month and day of a moment in the desk's time zone: `['2010', '05', '15']`. */
export function calendarDate(epochMs: number, timeZone: string): [string, string, string] {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'})
    dayFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(epochMs)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return [part('year').padStart(4, '0'), part('month'), part('day')]
}

/** `/<section>/<yyyy>/<mm>/<dd>/<slug>/`, dated in the desk's time zone. */
export function articleUrl(section: string, publishedMs: number, timeZone: string, slug: string): string {
  const [year, month, day] = calendarDate(publishedMs, timeZone)
  return `/${section}/${year}/${month}/${day}/${slug}/`
}

export function topicUrl(slug: string): string {
  return `/topics/${slug}/`
}

export const topicsIndexUrl = '/topics/'

/** The file a URL is written to: `/a/b/` -> `a/b/index.html`, `/404.html` -> `404.html`. */
export function outputPathOf(url: string): string {
  const relative = url.replace(/^\//, '')
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative
}

/** Every correction on the site, newest first. */
export const correctionsUrl = '/corrections/'

/** The whole site's feeds. */
export const siteFeedUrl = '/feed.xml'
export const jsonFeedUrl = '/feed.json'

/** The RSS feed of a list page: `/central-south-asia/` -> `/central-south-asia/feed.xml`. */
export function feedUrlOf(listUrl: string): string {
  return `${listUrl}feed.xml`
}

export const sitemapUrl = '/sitemap.xml'
/** The parts of a sitemap too long for one file: `/sitemaps/sitemap-1.xml` and on. */
export function sitemapPartUrl(part: number): string {
  return `/sitemaps/sitemap-${part}.xml`
}
export const newsSitemapUrl = '/news-sitemap.xml'
export const robotsUrl = '/robots.txt'
export const redirectsUrl = '/_redirects'
