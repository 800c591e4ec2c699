// Field types shared by the site configuration and the article schema, each with the message a reporter sees.
import * as z from 'zod'

/** Text that must say something: surrounding white space is dropped, empty text is an error. */
export const text = z.string().trim().min(1)

/**
 * Lowercase words joined by hyphens: safe in a URL and a file name on every system. Combining marks are
 * allowed after a letter, since scripts such as Devanagari need them (`हिन्दी`).
 */
export const slugPattern = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}\p{M}]*(?:-[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}\p{M}]*)*$/u

/** The longest slug, in UTF-8 bytes: a slug names a folder of the built site, and file systems refuse names over 255. */
export const maxSlugBytes = 200

export const slug = z
  .string()
  .regex(slugPattern, {error: 'must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`', abort: true})
  .refine((value) => Buffer.byteLength(value) <= maxSlugBytes, {
    error: `is too long to name a folder of the built site: shorten it to at most ${maxSlugBytes} bytes (a Latin letter takes one, most others two or three)`,
  })

const isoDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/

/** ISO 8601 date and time with an explicit offset; a real calendar date (no 30 February). */
export function isIsoDateTime(value: string): boolean {
  const match = isoDateTimePattern.exec(value)
  if (!match) return false
  // Absent parts (seconds, a `Z` offset) count as zero.
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part ?? 0))
  const date = new Date(Date.UTC(year!, month! - 1, day!))
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHours! < 24 &&
    offsetMinutes! < 60
  )
}

export const dateTime = z.string().refine(isIsoDateTime, {
  error:
    'must be an ISO 8601 date and time with a time zone, like `2010-05-15T15:43:00Z` or `2010-05-15T21:43:00+06:00`',
})

/** A link a reader can follow: a web address, or a path on this site. */
export const linkUrl = z
  .string()
  .trim()
  .refine((value) => isSitePath(value) || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)), {
    error: 'must be a web address starting with `https://`, or a path on this site starting with `/`',
  })

const anySite = 'https://site.invalid'

/**
 * A path that stays on the site as a browser reads it: `//host` and `/\host` lead to another site, and `/\[`
 * is no URL at all (later stages resolve these links, and must be able to).
 */
function isSitePath(value: string): boolean {
  return value.startsWith('/') && URL.canParse(value, anySite) && new URL(value, anySite).origin === anySite
}

/**
 * An old address of this site, as a redirect reads it: a path, in URL characters only, with none of the
 * patterns (`*`, `:name`) that Netlify's `_redirects` would read as wildcards.
 */
export const redirectPath = z
  .string()
  .trim()
  .regex(/^\/(?!\/)(?:[A-Za-z0-9\-._~!$&'()+,;=@/]|%[0-9A-Fa-f]{2})*$/, {
    error: 'must be an old path of this site, like `/news/2010/05/osh.html`: starting with `/`, without spaces, `*`, `:`, `?` or `#` (write other characters %-encoded, like `%C3%A9`)',
  })

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: value})
    return true
  } catch {
    return false
  }
}
