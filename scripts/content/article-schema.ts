// The front matter a reporter writes: the contract documented in the README. Unknown keys are errors, so a typo never drops data.
import * as z from 'zod'
import {dateTime, linkUrl, redirectPath, slug, text} from '../yaml/field-schemas.ts'

export const frontMatterSchema = z.strictObject({
  title: text,
  standfirst: text,
  section: text,
  published: dateTime,
  modified: dateTime.optional(),
  byline: text,
  image: z
    .strictObject({
      src: text,
      alt: text,
      caption: text.optional(),
      credit: text.optional(),
    })
    .optional(),
  topics: z.array(text).optional(),
  in_depth: z
    .array(
      z.strictObject({
        label: text.optional(),
        links: z.array(z.strictObject({title: text, url: linkUrl})).min(1),
      }),
    )
    .optional(),
  corrections: z.array(z.strictObject({date: dateTime, text})).optional(),
  slug: slug.optional(),
  aliases: z.array(redirectPath).optional(),
  draft: z.boolean().optional(),
})

export type FrontMatter = z.infer<typeof frontMatterSchema>

/** What each field is, in the reporter's words: used to say what to write when a field is missing or empty. */
export const frontMatterHelp: Record<string, string> = {
  title: 'the headline',
  standfirst: 'the one-sentence summary under the headline',
  section: 'the slug of a section listed in site.yaml',
  published: 'when the story was first published, like `2010-05-15T15:43:00Z`',
  modified: 'when the story was last changed, like `2010-05-15T15:43:00Z`',
  byline: 'the credit line, like `Al Jazeera and agencies`',
  image: 'the photo, with `src` and `alt`',
  'image.src': 'the image file, as a path relative to this story',
  'image.alt': 'a description of the photo for readers who cannot see it',
  'image.caption': 'the caption under the photo',
  'image.credit': 'who took or supplied the photo, like `AFP`',
  topics: 'a list of topic names',
  in_depth: 'groups of related links',
  'in_depth.label': 'the heading of a group of links, like `Inside Story`',
  'in_depth.links': 'a list of links, each with `title` and `url`',
  'in_depth.links.title': 'the text of the link',
  'in_depth.links.url': 'the address the link goes to',
  corrections: 'a list of corrections, each with `date` and `text`',
  'corrections.date': 'when the correction was made, like `2010-05-16T09:00:00Z`',
  'corrections.text': 'what was wrong and what is right now',
  aliases: 'a list of the story’s old paths, like `/news/2010/05/osh.html`, which redirect to it',
  slug: 'the last part of the story’s URL',
  draft: '`true` or `false`',
}
