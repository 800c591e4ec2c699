// Reads one story's text into the content model: front matter validated against the schema, body rendered, URL worked out. No I/O.
import path from 'node:path'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {SiteConfig} from '../config/site-config.ts'
import {hasErrors, reportError} from '../problems.ts'
import {didYouMean} from '../yaml/did-you-mean.ts'
import {maxSlugBytes} from '../yaml/field-schemas.ts'
import {validateYaml} from '../yaml/validate-yaml.ts'
import type {Article, Correction, SiteLink, Timestamp, Topic} from './article.ts'
import {frontMatterHelp, frontMatterSchema, type FrontMatter} from './article-schema.ts'
import {classifyLink} from './classify-link.ts'
import {lintFrontMatter} from './lint-article.ts'
import {articleUrl, topicUrl} from './permalinks.ts'
import {renderMarkdown} from './render-markdown.ts'
import {slugify} from './slugify.ts'
import {smartQuotes} from './smart-quotes.ts'
import {splitFrontMatter} from './split-front-matter.ts'

/** The photo as the reporter wrote it: finding the file needs the file system, which this stage does not touch. */
export type ImageSource = NonNullable<FrontMatter['image']> & {srcPlace: Position}

export interface ParseResult {
  /** Present when the story has no errors; its `image` is resolved later, from `image` below. */
  article?: Omit<Article, 'image'> | undefined
  /** The photo, whenever `image` itself is valid (even if other fields are not), so its file is checked in the same run. */
  image?: ImageSource | undefined
  /** True when the front matter says `draft: true`, even if other fields are wrong. */
  draft: boolean
}

export async function parseArticle(file: VFile, site: SiteConfig): Promise<ParseResult> {
  const text = String(file.value)
  const split = splitFrontMatter(text)
  if (!split.ok) {
    reportError(
      file,
      split.problem === 'missing'
        ? 'The story has no front matter: start the file with a line `---`, then `title:`, `standfirst:` and the other fields, then another `---`'
        : 'The front matter is not closed: add a line `---` after its last field',
      {place: {line: 1, column: 1}, ruleId: split.problem === 'missing' ? 'missing-front-matter' : 'unclosed-front-matter'},
    )
    return {draft: false}
  }

  const {data, validFields: fields, raw, places} = validateYaml({
    file,
    yaml: split.yaml,
    yamlStart: split.yamlStart,
    schema: frontMatterSchema,
    help: frontMatterHelp,
    name: 'front matter',
  })
  const draft = typeof raw === 'object' && raw !== null && (raw as {draft?: unknown}).draft === true

  // Everything below checks whichever fields are valid, so one run reports every problem in the file.
  const body = await renderMarkdown(file, split.bodyStart, site)
  lintFrontMatter(fields, file, places, site)

  if (fields.section !== undefined && !site.sections.some((section) => section.slug === fields.section)) {
    reportError(file, `Unknown section \`${fields.section}\`: ${suggestSection(site, fields.section)}`, {
      place: places.value(['section']),
      ruleId: 'unknown-section',
    })
  }

  const published = fields.published === undefined ? undefined : timestamp(fields.published)
  const modified = fields.modified === undefined ? undefined : timestamp(fields.modified)
  if (published && modified && modified.epochMs < published.epochMs) {
    reportError(file, '`modified` is before `published`: a story cannot change before it is published', {
      place: places.value(['modified']),
      ruleId: 'modified-before-published',
    })
  }

  const topics: Topic[] = []
  fields.topics?.forEach((name, index) => {
    const slug = slugify(name)
    const place = places.value(['topics', index])
    const same = topics.find((topic) => topic.slug === slug)
    if (slug === '') {
      reportError(file, `Topic \`${name}\` has no letters or digits to make its URL from`, {place, ruleId: 'invalid-topic'})
    } else if (Buffer.byteLength(slug) > maxSlugBytes) {
      reportError(file, 'This topic name is too long to make its page’s address from: shorten it', {place, ruleId: 'invalid-topic'})
    } else if (same && same.name.toLowerCase() === name.toLowerCase()) {
      reportError(file, `Topic \`${name}\` is listed twice: remove one`, {place, ruleId: 'duplicate-topic'})
    } else if (same) {
      reportError(file, `Topics \`${same.name}\` and \`${name}\` would share the page ${same.url}: rename one`, {
        place,
        ruleId: 'topic-collision',
      })
    } else {
      topics.push({name, slug, url: topicUrl(slug)})
    }
  })

  const slug = fields.slug ?? slugify(path.basename(file.path, path.extname(file.path)))
  if (slug === '') {
    reportError(file, 'The file name has no letters or digits to make the story’s URL from: add a `slug:`', {
      place: places.at(0),
      ruleId: 'missing-slug',
    })
  }

  fields.corrections?.forEach((correction, index) => {
    if (published && Date.parse(correction.date) < published.epochMs) {
      reportError(file, 'This correction is dated before the story was published: check its `date`', {
        place: places.value(['corrections', index, 'date']),
        ruleId: 'correction-before-published',
      })
    }
  })

  // Links in the in-depth box to pages of this site are checked with the body's, once every page is known.
  const inDepthLinks: SiteLink[] = []
  fields.in_depth?.forEach((group, groupIndex) =>
    group.links.forEach((link, linkIndex) => {
      if (classifyLink(link.url, site.url).kind !== 'site') return
      inDepthLinks.push({href: link.url, place: places.value(['in_depth', groupIndex, 'links', linkIndex, 'url']).start})
    }),
  )

  const quoted = site.houseStyle.quotes === 'smart' ? smartQuotes : (text: string) => text
  const image = fields.image && {
    ...fields.image,
    alt: quoted(fields.image.alt),
    caption: fields.image.caption && quoted(fields.image.caption),
    srcPlace: places.value(['image', 'src']),
  }
  if (!data || !published || hasErrors(file)) return {draft, image}
  const corrections = (data.corrections ?? [])
    .map((correction) => ({date: timestamp(correction.date), text: quoted(correction.text)}))
    .sort((a, b) => a.date.epochMs - b.date.epochMs)
  return {
    draft,
    image,
    article: {
      sourcePath: file.path,
      slug,
      url: articleUrl(data.section, published.epochMs, site.timezone, slug),
      title: quoted(data.title),
      standfirst: quoted(data.standfirst),
      byline: quoted(data.byline),
      section: data.section,
      published,
      modified: latestOf(modified, corrections),
      topics,
      inDepth: (data.in_depth ?? []).map((group) => ({
        label: group.label && quoted(group.label),
        links: group.links.map((link) => ({title: quoted(link.title), url: link.url})),
      })),
      corrections,
      aliases: (data.aliases ?? []).map((alias, index) => ({path: alias, place: places.value(['aliases', index]).start})),
      draft,
      body: body.body,
      siteLinks: [...body.siteLinks, ...inDepthLinks],
      storyLinks: body.storyLinks,
    },
  }
}

/** For an unknown section: the nearest slug, or the list of valid ones. */
function suggestSection(site: SiteConfig, slug: string): string {
  const slugs = site.sections.map((section) => section.slug)
  const suggestion = didYouMean(slug, slugs)
  return suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${slugs.map((s) => `\`${s}\``).join(', ')}`
}

/** A correction changes the story: readers, search engines and feed readers learn of it from `modified`. */
function latestOf(modified: Timestamp | undefined, corrections: readonly Correction[]): Timestamp | undefined {
  const corrected = corrections.at(-1)?.date
  return corrected && (!modified || corrected.epochMs > modified.epochMs) ? corrected : modified
}

function timestamp(iso: string): Timestamp {
  return {iso, epochMs: Date.parse(iso)}
}
