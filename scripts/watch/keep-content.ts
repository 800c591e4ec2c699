// Watch mode's content stage after a save that moved no story: the last run's content with the changed stories
// put in place, instead of filtering, linking and checking the whole archive again.
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
  /** What `loadContent` would have returned. */
  result: LoadedContent
  /** The changed stories, as they were in the last content and as they are now. */
  swaps: Map<Article, Article>
}

/**
 * Reads the changed stories (`stale`, none of them added or removed) and puts them in place of their last
 * versions in `last`, the result of a run with no problems. `kept` is absent when that would not be what
 * `loadContent` makes: a story moved, broke or changed its links' problems, or the clock moved a story out of its
 * embargo. `loaded` holds every story as read, for `loadContent` to go on from without reading them again.
 */
export async function keepContent(
  last: LoadedContent,
  stale: ReadonlySet<string>,
  options: KeepOptions,
): Promise<{kept?: KeptContent | undefined; loaded: Map<string, LoadedArticle>}> {
  const content = last.content
  const now = options.now ?? Date.now()
  const site = content?.site
  if (!content || !site || !last.found) return {loaded: last.loaded}
  const fresh = await mapConcurrent([...stale], 8, (filePath) => loadArticle(filePath, {site, siteDir: options.siteDir}))
  const loaded = new Map(last.loaded)
  for (const entry of fresh) loaded.set(entry.file.path, entry)

  // Until the next embargo lifts, and as long as no story moves, nothing but the changed stories can change:
  // the last run found every URL, topic and link in order, and those checks depend only on where stories are.
  const lifts = last.embargoes.next?.published.epochMs
  if (now < content.now || (lifts !== undefined && lifts <= now)) return {loaded}
  const whyUnpublished = unpublishedReason(options, now)
  const positions = positionsOf(content)
  const changed: Array<{position: number; article: Article}> = []
  for (const entry of fresh) {
    const before = last.loaded.get(entry.file.path)
    const position = positions.get(entry.file.path)
    const unpublished = (story: LoadedArticle) => story.article === undefined || whyUnpublished(story) !== undefined
    if (!before || position === undefined || unpublished(before) || unpublished(entry)) return {loaded}
    if (placeOf(before.article!) !== placeOf(entry.article!)) return {loaded}
    changed.push({position, article: entry.article!})
  }
  // The changed stories' own links, to files that may have changed too.
  const linked = linkStories(
    changed.map(({article}) => article),
    loaded,
    whyUnpublished,
    options.siteDir,
    now,
  )
  if (linked.problems.length > 0) return {loaded}

  const articles = [...content.articles]
  const swaps = new Map<Article, Article>()
  changed.forEach(({position}, index) => {
    swaps.set(content.articles[position]!, linked.articles[index]!)
    articles[position] = linked.articles[index]!
  })
  const next: Content = {site, articles, now}
  keptPositions.set(next, positions)
  const files = reportFiles(last.files[0]!, last.found, last.found.paths.map((filePath) => loaded.get(filePath)!), options)
  return {kept: {result: {files, content: next, loaded, found: last.found, embargoes: last.embargoes}, swaps}, loaded}
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

