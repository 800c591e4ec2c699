// The content model: a story as every later stage sees it, validated and with its URL worked out. Plain data, so it can cross to a worker thread.
import type {Root} from 'hast'
import type {Point} from 'unist'

/** A moment as the reporter wrote it, and as milliseconds for sorting and formatting. */
export interface Timestamp {
  /** ISO 8601 with offset, as written: used for `<time datetime>`. */
  iso: string
  epochMs: number
}

export interface Topic {
  name: string
  slug: string
  /** `/topics/kyrgyzstan/` */
  url: string
}

export interface ArticleImage {
  /** Where the built site serves it: `/assets/media/photo.3f2a9c1b7e.jpg`. */
  url: string
  /** The file next to the story that is copied there. */
  sourcePath: string
  alt: string
  caption?: string | undefined
  credit?: string | undefined
  width?: number | undefined
  height?: number | undefined
  /** File size and media type, as feeds announce an enclosure. */
  bytes: number
  type: string
}

export interface InDepthLink {
  title: string
  url: string
}

export interface InDepthGroup {
  label?: string | undefined
  links: InDepthLink[]
}

export interface Correction {
  date: Timestamp
  text: string
}

export interface Article {
  /** Absolute path of the Markdown file. */
  sourcePath: string
  slug: string
  /** `/central-south-asia/2010/05/15/clashes-erupt-in-south-kyrgyzstan/` */
  url: string
  title: string
  standfirst: string
  byline: string
  /** Slug of a section declared in the site configuration. */
  section: string
  published: Timestamp
  /** When the story last changed: the later of `modified` as written and its latest correction. */
  modified?: Timestamp | undefined
  image?: ArticleImage | undefined
  topics: Topic[]
  inDepth: InDepthGroup[]
  /** Oldest first, as a reader meets them at the foot of the story. */
  corrections: Correction[]
  /** Old paths of the story, redirected to its URL (`_redirects`). */
  aliases: Alias[]
  draft: boolean
  /**
   * The story's text, ready to drop into a layout: `{article.body.children}` (compact: see compact-body.ts).
   * Links to other stories' files are tokens in it until the page is drawn (see `storyUrls`). A build keeps the
   * text in its cache rather than in memory: there `body` is empty and `cacheKey` says where the text is.
   */
  body: Root
  /** Where the links to other stories' files go, in the order of `storyLinks`, once every story is known. */
  storyUrls?: string[] | undefined
  /** The key of this story's record in the build's cache (see content/load-stories.ts), when it has one. */
  cacheKey?: string | undefined
  /** Links to pages of this site, checked against the pages the build plans. */
  siteLinks: SiteLink[]
  /** Links to other stories' files, rewritten to their URLs once every story is known (see link-stories.ts). */
  storyLinks: StoryLink[]
}

/**
 * The story as an object of one fixed layout, every field in place (those without a value undefined). Stories
 * come from parsed records, spread copies and other threads, each laid out its own way; V8 reads the fields of
 * objects laid out alike much faster, and planning reads every story's fields many times over. A field added
 * to Article fails to compile here until it is added.
 */
export function shapedArticle(article: Article): Article {
  const shaped: {[Field in keyof Required<Article>]: Article[Field]} = {
    sourcePath: article.sourcePath,
    slug: article.slug,
    url: article.url,
    title: article.title,
    standfirst: article.standfirst,
    byline: article.byline,
    section: article.section,
    published: article.published,
    modified: article.modified,
    image: article.image,
    topics: article.topics,
    inDepth: article.inDepth,
    corrections: article.corrections,
    aliases: article.aliases,
    draft: article.draft,
    body: article.body,
    storyUrls: article.storyUrls,
    cacheKey: article.cacheKey,
    siteLinks: article.siteLinks,
    storyLinks: article.storyLinks,
  }
  return shaped
}

export interface Alias {
  /** `/news/2010/05/osh.html` */
  path: string
  place: Point
}

/** A link in a story to a page of this site: `/central-south-asia/`, `../../14/osh/`, `https://example.org/topics/`. */
export interface SiteLink {
  /** As written; relative ones are resolved against the story's URL. */
  href: string
  place: Point
  /** How it was written, when not as a Markdown link: as a Markdown image, or in raw HTML as `<a href>` or `<img src>`. */
  written?: 'image' | 'html-a' | 'html-img' | undefined
}

/** A link written as the path to another story's Markdown file: `../14/osh-curfew.md#reaction`. */
export interface StoryLink {
  href: string
  place: Point
  /** Absolute path of the linked story's file. */
  target: string
  /** `#reaction`, `?q=1`: kept after the story's URL. */
  suffix: string
  /** Stands in the body's HTML where the linked story's URL goes. */
  token: string
}
