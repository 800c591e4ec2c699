// Watch mode's content stage after a save that moved no story: the last run's content with the changed stories
// put in place, instead of filtering, linking and checking the whole archive again.
import path from 'node:path'
import {loadSiteConfig} from '../config/load-site-config.ts'
import type {Article} from '../content/article.ts'
import {loadArticle, type LoadedArticle} from '../content/load-article.ts'
import {reportFiles, unpublishedReason, type Content, type LoadedContent} from '../content/load-content.ts'
import {linkStories} from '../content/link-stories.ts'
import {mapConcurrent} from '../map-concurrent.ts'
import {placeOf} from './story-place.ts'

export interface KeepOptions {
  siteDir: string
  includeDrafts: boolean
  includeFuture?: boolean | undefined
  /** The moment the site is built for; defaults to the clock. */
  now?: number | undefined
}

export interface KeptContent {
  /** What `loadContent` makes of the site as it is now. */
  result: LoadedContent
  /** The changed stories, as they were in the last content and as they are now, in the content's order. */
  swaps: Map<Article, Article>
}

/** What to hand `loadContent` when the content cannot be kept: the stories it may reuse, and those to read. */
export interface GoOn {
  previous: Map<string, LoadedArticle>
  stale: Set<string>
}

/**
 * Puts the changed stories (`stale`, none of them added or removed) in place of their last versions in `last`,
 * the result of a run with no problems. The content cannot be kept, and `goOn` says how `loadContent` is to
 * go on without reading a story twice, when the configuration or the logo changed, a changed story is not
 * published before or after, it moved (see story-place.ts), its own links to other stories' files have a
 * problem, or the clock went back or lifted an embargo.
 */
export async function keepContent(last: LoadedContent, stale: ReadonlySet<string>, options: KeepOptions): Promise<{kept?: KeptContent; goOn?: GoOn}> {
  const content = last.content
  const notRead: GoOn = {previous: last.loaded, stale: new Set(stale)}
  if (!content || !last.found) return {goOn: notRead}
  // The configuration is read again, as `loadContent` does: its logo is not watched, and may have changed.
  const {file: configFile, config} = await loadSiteConfig(path.resolve(options.siteDir))
  if (!config || JSON.stringify(config) !== JSON.stringify(content.site)) return {goOn: notRead}
  const site = content.site
  const fresh = await mapConcurrent([...stale], 8, (filePath) => loadArticle(filePath, {site, siteDir: options.siteDir}))
  const loaded = new Map(last.loaded)
  for (const entry of fresh) loaded.set(entry.file.path, entry)
  const read: GoOn = {previous: loaded, stale: new Set()}

  // Until the next embargo lifts, and as long as no story moves, nothing but the changed stories can change:
  // the last run found every URL, topic and link in order, and those checks depend only on where stories are.
  const now = options.now ?? Date.now()
  const lifts = last.embargoes.next?.published.epochMs
  if (now < content.now || (lifts !== undefined && lifts <= now)) return {goOn: read}
  const whyUnpublished = unpublishedReason(options, now)
  const positions = positionsOf(content)
  const changed: Array<{position: number; article: Article}> = []
  for (const entry of fresh) {
    const before = last.loaded.get(entry.file.path)
    const position = positions.get(entry.file.path)
    const unpublished = (story: LoadedArticle) => story.article === undefined || whyUnpublished(story) !== undefined
    if (!before || position === undefined || unpublished(before) || unpublished(entry)) return {goOn: read}
    if (placeOf(before.article!) !== placeOf(entry.article!)) return {goOn: read}
    changed.push({position, article: entry.article!})
  }
  // In the content's order, as a full load checks and reports them.
  changed.sort((a, b) => a.position - b.position)
  // The changed stories' own links, to files that may have changed too.
  const linked = linkStories(
    changed.map(({article}) => article),
    loaded,
    whyUnpublished,
    options.siteDir,
    now,
  )
  if (linked.problems.length > 0) return {goOn: read}

  const articles = [...content.articles]
  const swaps = new Map<Article, Article>()
  changed.forEach(({position}, index) => {
    swaps.set(content.articles[position]!, linked.articles[index]!)
    articles[position] = linked.articles[index]!
  })
  const next: Content = {site, articles, now}
  keptPositions.set(next, positions)
  const files = reportFiles(configFile, last.found, last.found.paths.map((filePath) => loaded.get(filePath)!), options)
  return {kept: {result: {files, content: next, loaded, found: last.found, embargoes: last.embargoes}, swaps}}
}

/** Each published story's place in `content.articles`, by file; shared by the contents kept from it. */
const keptPositions = new WeakMap<Content, Map<string, number>>()

function positionsOf(content: Content): Map<string, number> {
  let positions = keptPositions.get(content)
  if (!positions) {
    positions = new Map(content.articles.map((article, index) => [article.sourcePath, index]))
    keptPositions.set(content, positions)
  }
  return positions
}
