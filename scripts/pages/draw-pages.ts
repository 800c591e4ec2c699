// Draws a build's pages: each page is looked up in the cache by everything it is drawn from, and only the pages
// not found there are drawn, on worker threads when there are many. Pages are handed on one at a time, so a
// large site never sits in memory whole.
import {hash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {CacheStore} from '../cache/cache-store.ts'
import type {Article} from '../content/article.ts'
import {bodyKey} from '../content/load-stories.ts'
import {outputPathOf} from '../content/permalinks.ts'
import {bodyFromHtml, bodyHtmlOf, parseStoryBytes} from '../content/story-record.ts'
import type {SiteConfig} from '../config/site-config.ts'
import {SetupError} from '../setup-error.ts'
import {batchSize, jobBatches, type JobBatches} from '../workers/job-batches.ts'
import {warnOnce, type WorkerPool} from '../workers/worker-pool.ts'
import type {OutputFile} from '../output/write-site.ts'
import type {Layouts, SiteContext} from './layouts.ts'
import type {Page} from './page.ts'
import {isHtmlPage, renderPage} from './render-page.ts'

export interface DrawOptions {
  layouts: Layouts
  layoutsDir: string
  site: SiteContext
  cache: CacheStore
  /** Fingerprint of the drawing code and the layouts (see cache/fingerprint.ts). */
  fingerprint: string
  /** Worker threads, started only when enough pages need drawing to pay for them. */
  pool: () => WorkerPool | undefined
  parallelFrom: number
  onProgress?: ((done: number, total: number) => void) | undefined
  /** Counts the pages drawn rather than read from the cache. */
  counts?: {drawn: number} | undefined
}

export async function* drawPages(pages: readonly Page[], options: DrawOptions): AsyncGenerator<OutputFile> {
  const {cache} = options
  const context = hash('sha256', options.fingerprint + JSON.stringify(options.site), 'base64url')
  const keys = pages.map((page) => pageKey(context, page))
  const missing = keys.filter((key) => !cache.has(key)).length
  const pool = missing >= options.parallelFrom ? options.pool() : undefined
  const size = pool ? batchSize(missing, pool.threads) : 0
  const batches =
    pool &&
    jobBatches(size, (pages: Page[]) => pool.drawPages({pages, site: options.site, layoutsDir: options.layoutsDir}))

  // Pages in flight on the threads, oldest first: handed on in the plan's order, so the output never depends
  // on which thread finished first. Two batches a thread: one being drawn, one waiting for it (the loop below
  // keeps one more than the limit in flight).
  const inFlight: Promise<OutputFile>[] = []
  const limit = pool ? pool.threads * 2 * size - 1 : 0
  let done = 0
  try {
    for (const [index, page] of pages.entries()) {
      const key = keys[index]!
      const path = outputPathOf(page.url)
      // A page the cache holds is read from it only if the output folder does not already hold it.
      const drawn: Promise<OutputFile> = cache.has(key)
        ? Promise.resolve({path, revision: key, load: async () => cache.get(key) ?? (await drawAndKeep(page, key, options, undefined))})
        : drawAndKeep(page, key, options, batches).then((contents) => ({path, revision: key, contents}))
      // Its failure is reported when its turn comes; until then it must not count as unhandled.
      drawn.catch(() => {})
      inFlight.push(drawn)
      while (inFlight.length > limit) {
        yield await inFlight.shift()!
        options.onProgress?.(++done, pages.length)
      }
    }
    while (inFlight.length > 0) {
      yield await inFlight.shift()!
      options.onProgress?.(++done, pages.length)
    }
  } finally {
    // A build stopped part-way (a failed page, a failed write) lets the pages still on the threads finish
    // before the cache closes.
    await Promise.allSettled(inFlight)
  }
}

/** Draws a page the cache does not hold (or lost since: a damaged pack), and keeps it there. */
async function drawAndKeep(page: Page, key: string, options: DrawOptions, batches: JobBatches<Page, string> | undefined): Promise<Buffer> {
  const contents = Buffer.from(await draw(page, options, batches), 'utf8')
  // A cache that is not kept (`--no-cache`) holds stories' texts out of memory; a page is never asked for again.
  if (options.cache.dir !== undefined) options.cache.put(key, contents)
  if (options.counts) options.counts.drawn++
  return contents
}

async function draw(page: Page, options: DrawOptions, batches: JobBatches<Page, string> | undefined): Promise<string> {
  const ready = await withStoredText(page, options)
  // Machine files (feeds, sitemaps) are quick to write and few: always here.
  if (!batches || !isHtmlPage(ready)) return renderPage(ready, options.layouts, options.site)
  // A thread that fails (out of its small heap) leaves its pages to this one, which says what went wrong if anything.
  return batches.add(ready).catch((error: unknown) => {
    warnOnce(error)
    return renderPage(ready, options.layouts, options.site)
  })
}

/**
 * A story page with its story's text fetched from the cache, where the build keeps it until now; read from the
 * story's file again if the cache lost it.
 */
async function withStoredText(page: Page, options: DrawOptions): Promise<Page> {
  if (page.kind !== 'article' || !page.article.cacheKey) return page
  const text = options.cache.get(bodyKey(page.article.cacheKey))
  const html = text === undefined ? await textFromFile(page.article, options.site.config) : text.toString('utf8')
  return {...page, article: {...page.article, body: bodyFromHtml(html)}}
}

/** The story's text parsed again, its links to other stories carrying the tokens its record knows them by. */
async function textFromFile(article: Article, site: SiteConfig): Promise<string> {
  const parsed = await parseStoryBytes(article.sourcePath, readFileSync(article.sourcePath), site)
  if (!parsed.article || parsed.article.storyLinks.length !== article.storyLinks.length) {
    throw new SetupError(`${article.sourcePath} changed while the site was being built: build again`)
  }
  let html = bodyHtmlOf(parsed.article.body)
  parsed.article.storyLinks.forEach((link, index) => {
    html = html.replaceAll(link.token, article.storyLinks[index]!.token)
  })
  return html
}

/**
 * Everything a page is drawn from, hashed: the page as planned, with each story in it standing for its cache
 * key (which covers its file, the site configuration and the content code) and what the build adds to it
 * later (its photo, where its links to other stories go). Complete by construction: a new field on a page is
 * in the key without anyone remembering to add it.
 */
function pageKey(context: string, page: Page): string {
  return hash('sha256', context + JSON.stringify(withRevisions(page)), 'base64url').slice(0, 32)
}

/**
 * The page with its stories replaced by their revisions. A copy made by hand, then serialized, rather than a
 * replacer given to JSON.stringify: a replacer is called for every value and keeps the serializer off its fast
 * path, which made the keys of 11,600 pages take a third longer. Only plain objects and arrays are copied; the
 * rest (dates, for one) are left for JSON.stringify to write as it would have.
 */
function withRevisions(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(withRevisions)
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return value
  if (isCachedArticle(value)) return storyRevision(value)
  // Without a prototype, a field named `__proto__` is a field like any other, as JSON.stringify writes it.
  const copy = Object.create(null) as Record<string, unknown>
  for (const key in value) copy[key] = withRevisions((value as Record<string, unknown>)[key])
  return copy
}

const revisions = new WeakMap<Article, string>()

function storyRevision(article: Article): string {
  let revision = revisions.get(article)
  if (revision === undefined) {
    revision = JSON.stringify([article.cacheKey, article.image, article.storyUrls])
    revisions.set(article, revision)
  }
  return revision
}

function isCachedArticle(value: object): value is Article {
  return typeof (value as Partial<Article>).cacheKey === 'string'
}
