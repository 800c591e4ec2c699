// The content stage as a whole: site configuration and every story, validated, into one content model (or problems).
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {loadSiteConfig} from '../config/load-site-config.ts'
import type {SiteConfig} from '../config/site-config.ts'
import {mapConcurrent} from '../map-concurrent.ts'
import {hasErrors, reportError} from '../problems.ts'
import type {Article} from './article.ts'
import {checkSite} from './check-site.ts'
import {findArticles} from './find-articles.ts'
import {loadArticle} from './load-article.ts'

export interface ContentOptions {
  /** Folder holding `site.yaml` and `articles/`. */
  siteDir: string
  /** Publish stories marked `draft: true` (previews only). */
  includeDrafts?: boolean | undefined
}

export interface Content {
  site: SiteConfig
  /** Newest first; ties broken by URL so the order never depends on the file system. */
  articles: Article[]
}

export interface LoadedContent {
  /** Every file that was read, each carrying its own problems. */
  files: VFile[]
  /** Present when no file has an error. */
  content?: Content | undefined
}

export async function loadContent(options: ContentOptions): Promise<LoadedContent> {
  const siteDir = path.resolve(options.siteDir)
  const {file: configFile, config: site} = await loadSiteConfig(siteDir)
  if (!site) return {files: [configFile]}

  const articlesDir = path.join(siteDir, 'articles')
  if (!(await isDirectory(articlesDir))) {
    reportError(configFile, `There is no articles/ folder next to site.yaml: create ${articlesDir} and put the stories in it`, {
      place: {line: 1, column: 1},
      ruleId: 'missing-articles',
    })
    return {files: [configFile]}
  }

  const found = await findArticles(articlesDir)
  const loaded = await mapConcurrent(found.paths, 32, (filePath) => loadArticle(filePath, {site, siteDir}))

  const published = loaded.filter((entry) => options.includeDrafts || !entry.draft)
  for (const entry of loaded) {
    if (!options.includeDrafts && entry.draft) excuseDraft(entry.file)
  }

  const entries = published.flatMap((entry) => (entry.article ? [{file: entry.file, article: entry.article}] : []))
  checkSite(entries, (file) => path.relative(siteDir, file.path))

  const files = [configFile, ...found.problems, ...loaded.map((entry) => entry.file)]
  if (files.some(hasErrors)) return {files}

  const articles = entries
    .map((entry) => entry.article)
    .sort((a, b) => b.published.epochMs - a.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  return {files, content: {site, articles}}
}

/** A draft is not published, so its problems must not stop a deploy: they are shown as warnings. */
function excuseDraft(file: VFile): void {
  for (const message of file.messages) {
    if (message.fatal) {
      message.fatal = false
      message.note = [message.note, 'This story is a draft, so it is not published and this does not stop the build.']
        .filter(Boolean)
        .join(' ')
    }
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}
