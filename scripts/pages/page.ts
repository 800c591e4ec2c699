// The plan of pages: what the site will contain, one entry per public URL, before any HTML exists.
import type {Section} from '../config/site-config.ts'
import type {Article, Topic} from '../content/article.ts'

export interface ArticlePage {
  kind: 'article'
  url: string
  article: Article
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

export interface NotFoundPage {
  kind: 'notFound'
  url: string
}

export type Page = ArticlePage | SectionPage | TopicPage | TopicsPage | HomePage | NotFoundPage
export type PageKind = Page['kind']
