// The plan of pages: what the site will contain, one entry per public URL, before any HTML exists.
import type {Section} from '../config/site-config.ts'
import type {Article, Topic} from '../content/article.ts'

export interface ArticlePage {
  kind: 'article'
  url: string
  article: Article
}

export interface SectionPage {
  kind: 'section'
  url: string
  section: Section
  /** Newest first. */
  articles: Article[]
}

export interface TopicPage {
  kind: 'topic'
  url: string
  topic: Topic
  articles: Article[]
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
