// The site configuration (site.yaml): its keys are a contract, checked as strictly as a story's front matter.
import * as z from 'zod'
import {isTimeZone, slug, text} from '../yaml/field-schemas.ts'

export const siteSchema = z.strictObject({
  name: text,
  url: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: 'must be the site’s address, starting with `https://`',
    }),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, {error: 'must be a language tag, like `en` or `en-GB`'})
    .default('en'),
  timezone: z
    .string()
    .refine(isTimeZone, {error: 'must be an IANA time zone, like `UTC`, `Europe/London` or `Asia/Bishkek`'})
    .default('UTC'),
  description: text.optional(),
  logo: text.optional(),
  twitter: z
    .string()
    .regex(/^@\w{1,15}$/, {error: 'must be an X (Twitter) handle, like `@thedesk`'})
    .optional(),
  page_size: z.int({error: 'must be a whole number of stories, like `20`'}).min(1).max(500).default(20),
  sections: z
    .array(
      z.strictObject({
        slug,
        title: text,
        description: text.optional(),
      }),
    )
    .min(1),
  feed_items: z.int({error: 'must be a whole number of stories, like `20`'}).min(1).max(500).default(20),
  house_style: z
    .strictObject({
      headline_length: z.int({error: 'must be a whole number of characters, like `90`'}).min(10).default(100),
      standfirst_length: z.int({error: 'must be a whole number of characters, like `250`'}).min(10).default(300),
      quotes: z.enum(['as-written', 'typographic', 'smart'], {error: 'must be `as-written`, `typographic` or `smart`'}).default('as-written'),
    })
    .prefault({}),
  embed_hosts: z
    .array(z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, {error: 'must be a host name, like `www.youtube-nocookie.com`'}))
    .default([]),
})

export type SiteSource = z.infer<typeof siteSchema>

export const siteHelp: Record<string, string> = {
  name: 'the desk’s name',
  url: 'the site’s public address, like `https://example.org`',
  sections: 'the sections, in navigation order, each with `slug` and `title`',
  'sections.slug': 'the section’s part of the URL, like `central-south-asia`',
  logo: 'the desk’s logo, as a path relative to site.yaml, like `assets/logo.png`',
  twitter: 'the desk’s X (Twitter) handle, like `@thedesk`',
  feed_items: 'how many of the newest stories each feed holds',
  page_size: 'how many stories a section or topic page lists before the next page',
  'sections.title': 'the section’s name, like `Central & South Asia`',
  house_style: 'the desk’s house rules: `headline_length`, `standfirst_length` and `quotes`',
  'house_style.headline_length': 'the longest headline, in characters, before a warning',
  'house_style.standfirst_length': 'the longest standfirst, in characters, before a warning',
  'house_style.quotes': '`as-written`, `typographic` (warn on straight quotes) or `smart` (the build curls them)',
  embed_hosts: 'the hosts whose `<iframe>` embeds a story may carry, like `www.youtube-nocookie.com`',
}
