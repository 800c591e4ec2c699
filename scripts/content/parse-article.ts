// Reads one story's text into the content model: front matter validated against the schema, body rendered, URL worked out. No I/O.
import path from 'node:path'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {suggestSection} from '../config/load-site-config.ts'
import type {SiteConfig} from '../config/site-config.ts'
import {hasErrors, reportError} from '../problems.ts'
import type {Article, Timestamp, Topic} from './article.ts'
import {frontMatterHelp, frontMatterSchema} from './article-schema.ts'
import {articleUrl, topicUrl} from './permalinks.ts'
import {renderMarkdown} from './render-markdown.ts'
import {slugify} from './slugify.ts'
import {splitFrontMatter} from './split-front-matter.ts'
import {validateYaml} from './validate-yaml.ts'

/** An article whose image is still the path the reporter wrote: resolving it needs the file system. */
export type ParsedArticle = Omit<Article, 'image'> & {
  image?:
    | {src: string; alt: string; caption?: string | undefined; credit?: string | undefined; srcPlace: Position}
    | undefined
}

export interface ParseResult {
  article?: ParsedArticle | undefined
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

  const {data, raw, places} = validateYaml({
    file,
    yaml: split.yaml,
    yamlStart: split.yamlStart,
    schema: frontMatterSchema,
    help: frontMatterHelp,
    name: 'front matter',
  })
  const draft = typeof raw === 'object' && raw !== null && (raw as {draft?: unknown}).draft === true

  // The body is checked even when the front matter is wrong, so one run reports both.
  const body = await renderMarkdown(file, split.bodyStart)
  if (!data) return {draft}

  if (!site.sections.some((section) => section.slug === data.section)) {
    reportError(file, `Unknown section \`${data.section}\`: ${suggestSection(site, data.section)}`, {
      place: places.value(['section']),
      ruleId: 'unknown-section',
    })
  }

  const published = timestamp(data.published)
  const modified = data.modified === undefined ? undefined : timestamp(data.modified)
  if (modified && modified.epochMs < published.epochMs) {
    reportError(file, '`modified` is before `published`: a story cannot change before it is published', {
      place: places.value(['modified']),
      ruleId: 'modified-before-published',
    })
  }

  const topics: Topic[] = []
  data.topics?.forEach((name, index) => {
    const slug = slugify(name)
    const place = places.value(['topics', index])
    if (slug === '') {
      reportError(file, `Topic \`${name}\` has no letters or digits to make its URL from`, {place, ruleId: 'invalid-topic'})
    } else if (topics.some((topic) => topic.slug === slug)) {
      reportError(file, `Topic \`${name}\` is listed twice: remove one`, {place, ruleId: 'duplicate-topic'})
    } else {
      topics.push({name, slug, url: topicUrl(slug)})
    }
  })

  const slug = data.slug ?? slugify(path.basename(file.path, path.extname(file.path)))
  if (slug === '') {
    reportError(file, 'The file name has no letters or digits to make the story’s URL from: add a `slug:`', {
      place: places.at(0),
      ruleId: 'missing-slug',
    })
  }

  if (hasErrors(file)) return {draft}
  return {
    draft,
    article: {
      sourcePath: file.path,
      slug,
      url: articleUrl(data.section, published.epochMs, site.timezone, slug),
      title: data.title,
      standfirst: data.standfirst,
      byline: data.byline,
      section: data.section,
      published,
      modified,
      image: data.image && {...data.image, srcPlace: places.value(['image', 'src'])},
      topics,
      inDepth: data.in_depth ?? [],
      draft,
      body,
    },
  }
}

function timestamp(iso: string): Timestamp {
  return {iso, epochMs: Date.parse(iso)}
}
