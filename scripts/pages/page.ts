// The plan of pages: what the site will contain, one entry per public URL, before any HTML exists.
import type {Section} from '../config/site-config.ts'
import type {Article, Correction, Topic} from '../content/article.ts'

export interface ArticlePage {
  kind: 'article'
  url: string
  article: Article
  /** Other stories on the same topics, the closest first (see related-stories.ts). */
  related: Article[]
  /** Shown ahead of its time (a preview built with `--future`): its page says so. */
  embargoed: boolean
}

/** Where a page stands in a paged list: page 1 is the list's own URL, later pages `…/page/2/`. */
export interface Pagination {
  page: number
  pages: number
  /** URL of the page of newer stories, if any. */
  previous?: string | undefined
  /** URL of the page of older stories, if any. */
  next?: string | undefined
}

export interface SectionPage {
  kind: 'section'
  url: string
  section: Section
  /** This page's stories, newest first. */
  articles: Article[]
  pagination: Pagination
}

export interface TopicPage {
  kind: 'topic'
  url: string
  topic: Topic
  articles: Article[]
  pagination: Pagination
}

export interface TopicsPage {
  kind: 'topics'
  url: string
  /** Alphabetical. */
  topics: Array<{topic: Topic; count: number}>
}

export interface HomePage {
  kind: 'home'
  url: string
  /** The newest story, led as a front page would. */
  lead?: Article | undefined
  /** Sections in navigation order, each with its newest stories after the lead; empty sections left out. */
  sections: Array<{section: Section; articles: Article[]}>
}

export interface CorrectionsPage {
  kind: 'corrections'
  url: string
  /** Every correction on the site, newest first, each with its story. */
  corrections: Array<{article: Article; correction: Correction}>
  pagination: Pagination
}

export interface NotFoundPage {
  kind: 'notFound'
  url: string
}

/** The pages readers see, each drawn by the layout of its kind. */
export type HtmlPage = ArticlePage | SectionPage | TopicPage | TopicsPage | HomePage | CorrectionsPage | NotFoundPage
export type PageKind = HtmlPage['kind']

/** An RSS 2.0 feed of a list of stories: the whole site's, a section's or a topic's. */
export interface RssFeed {
  kind: 'rss'
  url: string
  /** The feed's name, and the page whose stories it follows. */
  title: string
  description: string
  link: string
  /** Newest first, at most `feed_items`. */
  articles: Article[]
}

/** The whole site's stories as a JSON Feed 1.1. */
export interface JsonFeed {
  kind: 'jsonFeed'
  url: string
  title: string
  description: string
  link: string
  articles: Article[]
}

/** One public page, as a sitemap lists it. */
export interface SitemapEntry {
  url: string
  /** ISO 8601: when the page last changed, if known. */
  lastmod?: string | undefined
}

/** A list of pages for crawlers: the whole site's, or one part of it when it is too long for one file. */
export interface Sitemap {
  kind: 'sitemap'
  url: string
  entries: SitemapEntry[]
}

/** The list of a split sitemap's parts, at `/sitemap.xml`. */
export interface SitemapIndex {
  kind: 'sitemapIndex'
  url: string
  sitemaps: SitemapEntry[]
}

/** The stories of the last two days, for Google News. */
export interface NewsSitemap {
  kind: 'newsSitemap'
  url: string
  articles: Article[]
}

export interface RobotsTxt {
  kind: 'robots'
  url: string
  /** Absolute URLs. */
  sitemaps: string[]
}

/** Netlify's `_redirects`: every story's old paths, permanently redirected to its URL. */
export interface Redirects {
  kind: 'redirects'
  url: string
  redirects: Array<{from: string; to: string}>
}

/** Files for machines: feed readers, crawlers, the host. Drawn by the build's own code, not by layouts. */
export type DataPage = RssFeed | JsonFeed | Sitemap | SitemapIndex | NewsSitemap | RobotsTxt | Redirects

export type Page = HtmlPage | DataPage
