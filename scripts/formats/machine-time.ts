// Times and addresses as feeds, sitemaps and structured data want them.
import type {Timestamp} from '../content/article.ts'

/**
 * RFC 3339 (and so W3C date-time and ISO 8601), as the reporter wrote it, with seconds added when the time
 * was written to the minute: `2010-05-15T15:43Z` -> `2010-05-15T15:43:00Z`. The offset is kept, so a
 * story's time reads as the desk wrote it.
 */
export function machineTime(time: Timestamp): string {
  return time.iso.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=Z|[+-])/, '$1:00')
}

/** RFC 822, as RSS 2.0 wants: `Sat, 15 May 2010 15:43:00 GMT`. */
export function rfc822Time(time: Timestamp): string {
  return new Date(time.epochMs).toUTCString()
}

/** A path of the site as an absolute URL, %-encoded as crawlers and feed readers expect: `https://example.org/topics/`. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl).href
}
