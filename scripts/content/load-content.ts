// The content stage as a whole: site configuration and every story, validated, into one content model (or problems).
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {loadSiteConfig} from '../config/load-site-config.ts'
import type {SiteConfig} from '../config/site-config.ts'
import {mapConcurrent} from '../map-concurrent.ts'
import {hasErrors, reportError} from '../problems.ts'
import type {Article} from './article.ts'
import type {LoadedArticle} from './load-article.ts'
import {checkSite, reportSiteProblems} from './check-site.ts'
import {findArticles, type FoundArticles} from './find-articles.ts'
import {linkStories} from './link-stories.ts'
import {loadArticle} from './load-article.ts'
import type {StoryLoader} from './load-stories.ts'

export interface ContentOptions {
  /** Folder holding `site.yaml` and `articles/`. */
  siteDir: string
  /** Publish stories marked `draft: true` (previews only). */
  includeDrafts?: boolean | undefined
  /** Publish stories whose `published` time is still to come (previews only). */
  includeFuture?: boolean | undefined
  /** The moment the site is built for: stories published after it are under embargo. Defaults to the clock. */
  now?: number | undefined
  /** The site's public address, in place of site.yaml's `url` (Netlify's `URL`). */
  siteUrl?: string | undefined
  /** Treat warnings as errors (CI): a story that breaks the house style does not publish. */
  strict?: boolean | undefined
  /**
   * Stories loaded by an earlier run (watch mode). A story found again is reused as it was (the same object,
   * so later stages can tell it did not change) unless its path is in `stale`.
   */
  previous?: ReadonlyMap<string, LoadedArticle> | undefined
  stale?: ReadonlySet<string> | undefined
  /** The story files found by an earlier run, when none can have been added or removed since (watch mode). */
  found?: FoundArticles | undefined
  /** How stories are read: one by one by default; the build reads them through its cache (see load-stories.ts). */
  loadStories?: StoryLoader | undefined
}

export interface Content {
  site: SiteConfig
  /** Newest first; ties broken by URL so the order never depends on the file system. */
  articles: Article[]
  /** The moment the site is built for (milliseconds): the news sitemap holds the stories of the two days before it. */
  now: number
}

/** The story under embargo that is published first, and how many are waiting. */
export interface Embargoes {
  count: number
  next?: {sourcePath: string; published: Article['published']} | undefined
}

export interface LoadedContent {
  /** The files with problems (and the configuration's, always), each carrying its own. */
  files: VFile[]
  /** Present when no file has an error. */
  content?: Content | undefined
  /** Every story as loaded, by path: the `previous` of the next run. */
  loaded: Map<string, LoadedArticle>
  /** The story files found: the `found` of a next run in which no file was added or removed. */
  found?: FoundArticles | undefined
  /** Stories left out because their time has not come (none when `includeFuture`). */
  embargoes: Embargoes
}

export async function loadContent(options: ContentOptions): Promise<LoadedContent> {
  const siteDir = path.resolve(options.siteDir)
  const now = options.now ?? Date.now()
  const noEmbargoes: Embargoes = {count: 0}
  const {file: configFile, config: loadedSite} = await loadSiteConfig(siteDir)
  if (!loadedSite) return {files: [configFile], loaded: new Map(), embargoes: noEmbargoes}
  const site = options.siteUrl === undefined ? loadedSite : {...loadedSite, url: options.siteUrl}

  const articlesDir = path.join(siteDir, 'articles')
  if (!(await isDirectory(articlesDir))) {
    reportError(configFile, `There is no articles/ folder next to site.yaml: create ${articlesDir} and put the stories in it`, {
      place: {line: 1, column: 1},
      ruleId: 'missing-articles',
    })
    return {files: [configFile], loaded: new Map(), embargoes: noEmbargoes}
  }

  const found = options.found ?? (await findArticles(articlesDir))
  // Only new and changed stories are read; the rest are reused as they are.
  const reusable = (filePath: string) => (options.stale?.has(filePath) ? undefined : options.previous?.get(filePath))
  const toLoad = found.paths.filter((filePath) => !reusable(filePath))
  const loadStories = options.loadStories ?? ((paths, context) => mapConcurrent(paths, 32, (filePath) => loadArticle(filePath, context)))
  const fresh = new Map((await loadStories(toLoad, {site, siteDir})).map((entry) => [entry.file.path, entry]))
  const loadedList = found.paths.map((filePath) => reusable(filePath) ?? fresh.get(filePath)!)
  const loaded = new Map(loadedList.map((entry) => [entry.file.path, entry]))

  const whyUnpublished = unpublishedReason(options, now)
  const isPublished = (entry: LoadedArticle) => entry.article !== undefined && whyUnpublished(entry) === undefined
  const linked = linkStories(
    loadedList.filter(isPublished).map((entry) => entry.article!),
    loaded,
    whyUnpublished,
    siteDir,
    now,
  )
  const waiting = loadedList
    .filter((entry) => whyUnpublished(entry) === 'embargoed')
    .map((entry) => entry.article!)
    .sort((a, b) => a.published.epochMs - b.published.epochMs)
  const embargoes: Embargoes = {
    count: waiting.length,
    next: waiting[0] && {sourcePath: waiting[0].sourcePath, published: waiting[0].published},
  }
  const siteProblems = [...linked.problems, ...checkSite(linked.articles, (article) => path.relative(siteDir, article.sourcePath))]

  const files = reportFiles(configFile, found, loadedList, options)
  reportSiteProblems(files, siteProblems)
  if (files.some(hasErrors)) return {files, loaded, found, embargoes}

  const articles = linked.articles
    .sort((a, b) => b.published.epochMs - a.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  return {files, content: {site, articles, now}, loaded, found, embargoes}
}

/**
 * Why a story is left out of the site at `now`, if it is. A story under embargo is absent from every page, feed
 * and sitemap until its time; its errors still stop the build, since it is copy waiting to go out, not a draft.
 */
export function unpublishedReason(options: Pick<ContentOptions, 'includeDrafts' | 'includeFuture'>, now: number) {
  return (entry: LoadedArticle): 'draft' | 'embargoed' | undefined =>
    !options.includeDrafts && entry.draft
      ? 'draft'
      : !options.includeFuture && entry.article !== undefined && entry.article.published.epochMs > now
        ? 'embargoed'
        : undefined
}

/**
 * This run's report: the configuration's file, files found but not read, and a copy of each story's file
 * that has something to say. Site-wide problems, draft leniency and strictness go on the copies: a story kept
 * for the next run keeps only its own problems.
 */
export function reportFiles(
  configFile: VFile,
  found: FoundArticles,
  loadedList: readonly LoadedArticle[],
  options: Pick<ContentOptions, 'includeDrafts' | 'strict'>,
): VFile[] {
  if (options.strict) for (const message of configFile.messages) promote(message)
  const files: VFile[] = [configFile, ...found.problems]
  for (const entry of loadedList) {
    if (entry.file.messages.length > 0) files.push(reportCopy(entry.file, !options.includeDrafts && entry.draft, options.strict ?? false))
  }
  return files
}

/**
 * A copy of a story's file for this run's report. A draft is not published, so its problems must not stop a
 * deploy: in the copy they are warnings.
 */
function reportCopy(file: VFile, excuseAsDraft: boolean, strict: boolean): VFile {
  const copy = new VFile({path: file.path, value: file.value})
  for (const message of file.messages) {
    const clone = Object.assign(Object.create(Object.getPrototypeOf(message) as object) as typeof message, message)
    if (excuseAsDraft && clone.fatal) {
      clone.fatal = false
      clone.note = [clone.note, 'This story is a draft, so it is not published and this does not stop the build.'].filter(Boolean).join(' ')
    } else if (strict && !excuseAsDraft) {
      promote(clone)
    }
    copy.messages.push(clone)
  }
  return copy
}

/** Under `--strict`, a warning stops the build like an error, and says why. */
function promote(message: VFile['messages'][number]): void {
  if (message.fatal) return
  message.fatal = true
  message.note = [message.note, 'The build runs with `--strict`, which makes the desk’s warnings errors.'].filter(Boolean).join(' ')
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}
