// The build, stage by stage: content model, page plan, rendered pages, written site. Used by the CLI, the tests and (later) watch mode.
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {VFile} from 'vfile'
import {reportSiteProblems, type SiteProblem} from './content/check-site.ts'
import {loadContent, type Content, type Embargoes} from './content/load-content.ts'
import {outputPathOf} from './content/permalinks.ts'
import {assertOutsideSite, recoverInterruptedBuild, writeSite, type OutputFile} from './output/write-site.ts'
import type {Layouts, SiteContext} from './pages/layouts.ts'
import {loadLayouts, resolveLayoutsDir} from './pages/load-layouts.ts'
import type {Page} from './pages/page.ts'
import {checkAliases} from './pages/check-aliases.ts'
import {checkLinks, linkTargets} from './pages/check-links.ts'
import {planPages, type PlanOptions} from './pages/plan-pages.ts'
import {isHtmlPage, renderPage} from './pages/render-page.ts'
import {hasErrors} from './problems.ts'
import {openCache} from './cache/cache-store.ts'
import {recordPath} from './output/output-record.ts'
import {moduleFingerprint} from './cache/fingerprint.ts'
import {cachedStoryLoader, type StoryLoader} from './content/load-stories.ts'
import {drawPages} from './pages/draw-pages.ts'
import {defaultThreads, startWorkerPool, type WorkerPool} from './workers/worker-pool.ts'

export interface BuildOptions {
  /** Folder holding `site.yaml` and `articles/`. */
  siteDir: string
  /** Folder the site is written to; replaced only when the build succeeds. */
  outDir: string
  /** Layouts folder; defaults to the site's own `layouts/` if it has an index.ts, else the repository's. */
  layoutsDir?: string | undefined
  /** Publish stories marked `draft: true` (previews only). */
  includeDrafts?: boolean | undefined
  /** Publish stories whose `published` time is still to come (previews only). */
  includeFuture?: boolean | undefined
  /** The moment to build the site for (milliseconds): later stories are under embargo. Defaults to the clock. */
  now?: number | undefined
  /** The site's public address, in place of site.yaml's `url` (Netlify's `URL`). */
  siteUrl?: string | undefined
  /** Treat the desk's warnings as errors, as CI builds do. */
  strict?: boolean | undefined
  plan?: PlanOptions | undefined
  /**
   * Where the build keeps the stories it parsed and the pages it drew, for the next build to reuse
   * (`node_modules/.cache/desk/…` from the command line). Without it nothing is kept.
   */
  cacheDir?: string | undefined
  /** Worker threads for parsing and drawing: one per core by default; 0 keeps all work on this thread. */
  threads?: number | undefined
  /** How many stories to parse, or pages to draw, before threads are started. */
  parallelFrom?: number | undefined
  /** Called as stories are read and pages drawn, for a progress line. */
  onProgress?: ((stage: 'reading' | 'drawing', done: number, total: number) => void) | undefined
}

export interface BuildResult {
  /** Every file read, each with its problems; the build failed if any has an error. */
  files: VFile[]
  ok: boolean
  /**
   * `pages` counts readers' pages; `filesWritten` also counts feeds, sitemaps and assets. `parsed` and `drawn`
   * count the stories and files the cache did not have; `seconds` is where the time went.
   */
  stats?:
    | {
        articles: number
        sections: number
        pages: number
        filesWritten: number
        /** Of those, the files the output folder already held as they are, left in place. */
        filesKept: number
        /** Pages and machine files planned, each drawn or taken from the cache. */
        planned: number
        parsed: number
        drawn: number
        seconds: {reading: number; planning: number; writing: number}
      }
    | undefined
  /** Stories left out until their time comes. */
  embargoes: Embargoes
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  assertOutsideSite(options.outDir, options.siteDir)
  await recoverInterruptedBuild(options.outDir)
  const {cache, startPool, parallelFrom, loadStories, counts, readingMs, close} = openWorkshop(options)
  let succeeded = false
  const started = performance.now()
  try {
    const {files, content, pages, embargoes} = await planSite({...options, loadStories})
    if (!content || !pages) return {files, ok: false, embargoes}
    const planned = performance.now()

    const layoutsDir = options.layoutsDir ?? (await resolveLayoutsDir(path.resolve(options.siteDir)))
    const layouts = await loadLayouts(layoutsDir)
    const stylesheet = await stylesheetOutput(layouts)
    const drawn = drawPages(pages, {
      layouts,
      layoutsDir,
      site: {config: content.site, stylesheet: stylesheet.url},
      cache,
      fingerprint: pagesFingerprint(layoutsDir),
      pool: startPool,
      parallelFrom,
      onProgress: (done, total) => options.onProgress?.('drawing', done, total),
      counts,
    })
    const record = cache.dir === undefined ? undefined : recordPath(cache.dir, options.outDir)
    const {files: filesWritten, kept} = await writeSite(options.outDir, concat(assetOutputs(content, stylesheet), drawn), {record})
    succeeded = true
    return {
      files,
      ok: true,
      embargoes,
      stats: {
        articles: content.articles.length,
        sections: content.site.sections.length,
        pages: pages.filter(isHtmlPage).length,
        filesWritten,
        filesKept: kept,
        planned: pages.length,
        ...counts,
        seconds: {
          reading: readingMs() / 1000,
          planning: (planned - started - readingMs()) / 1000,
          writing: (performance.now() - planned) / 1000,
        },
      },
    }
  } finally {
    await close({dropUnused: succeeded})
  }
}

/**
 * `npm run check`: the plan, with stories read through the cache like a build's. No page is drawn, so the
 * cache keeps every entry it had.
 */
export async function planSiteWithCache(options: Omit<BuildOptions, 'outDir' | 'layoutsDir'>): Promise<SitePlan> {
  const {loadStories, close} = openWorkshop(options)
  try {
    return await planSite({...options, loadStories})
  } finally {
    await close({dropUnused: false})
  }
}

/** What a build works with besides its stages: the cache, the worker threads (started when needed), the counts. */
function openWorkshop(options: Omit<BuildOptions, 'outDir' | 'layoutsDir'>) {
  const cache = openCache(options.cacheDir)
  const threads = options.threads ?? defaultThreads()
  let pool: WorkerPool | undefined
  const startPool = () => (threads > 0 ? (pool ??= startWorkerPool(threads)) : undefined)
  const parallelFrom = options.parallelFrom ?? defaultParallelFrom
  const counts = {parsed: 0, drawn: 0}
  let reading = 0
  const loader = cachedStoryLoader({
    cache,
    fingerprint: contentFingerprint(),
    pool: startPool,
    parallelFrom,
    onProgress: (done, total) => options.onProgress?.('reading', done, total),
    counts,
  })
  const loadStories: StoryLoader = async (paths, context) => {
    const start = performance.now()
    try {
      return await loader(paths, context)
    } finally {
      reading += performance.now() - start
    }
  }
  return {
    cache,
    startPool,
    parallelFrom,
    loadStories,
    counts,
    readingMs: () => reading,
    close: async (closing: {dropUnused: boolean}) => {
      cache.close(closing)
      await pool?.close()
    },
  }
}

/** Below this many stories to parse (or pages to draw), starting threads costs more than it saves. */
const defaultParallelFrom = 200

/** The cache's keys for stories: the code that parses them (the site configuration is added per build). */
const contentFingerprint = once(() => moduleFingerprint([fileURLToPath(new URL('./content/story-record.ts', import.meta.url))]))

/** The cache's keys for pages: the code that draws them and the layouts, which may change between builds. */
function pagesFingerprint(layoutsDir: string): string {
  return moduleFingerprint([fileURLToPath(new URL('./pages/render-page.ts', import.meta.url)), path.join(layoutsDir, 'index.ts')])
}

function once<T>(make: () => T): () => T {
  let made: {value: T} | undefined
  return () => (made ??= {value: make()}).value
}

async function* concat<T>(...parts: (Iterable<T> | AsyncIterable<T>)[]): AsyncGenerator<T> {
  for (const part of parts) yield* part
}

export interface SitePlan {
  /** Every file read, each with its problems. */
  files: VFile[]
  /** Present when no file has an error. */
  content?: Content | undefined
  pages?: Page[] | undefined
  embargoes: Embargoes
}

/** Everything short of drawing and writing: the content model checked, and the pages planned with every link checked against them. */
export async function planSite(
  options: Omit<BuildOptions, 'outDir' | 'layoutsDir'> & {loadStories?: StoryLoader | undefined},
): Promise<SitePlan> {
  const loaded = await loadContent(options)
  const {files, content, embargoes} = loaded
  let pages: Page[] | undefined
  if (content) {
    pages = planPages(content, options.plan)
    reportSiteProblems(files, checkPlan(content, pages, options.siteDir))
  }
  // A story under embargo goes out with a later deploy, which nobody watches: what would break the site then
  // (its links, its URL, its aliases, against the stories around it) must stop this build instead.
  if (embargoes.count > 0 && !options.includeFuture) {
    const future = await loadContent({...options, includeFuture: true, previous: loaded.loaded, found: loaded.found})
    if (future.content) reportSiteProblems(future.files, checkPlan(future.content, planPages(future.content, options.plan), options.siteDir))
    addNewMessages(files, future.files)
  }
  if (!content || !pages || files.some(hasErrors)) return {files, embargoes}
  return {files, content, pages, embargoes}
}

/** Copies onto `files` the messages of `others` they do not already hold, file by file. */
function addNewMessages(files: VFile[], others: readonly VFile[]): void {
  const key = (path: string, message: VFile['messages'][number]) => `${path}\n${message.line}:${message.column}\n${message.reason}`
  const known = new Set(files.flatMap((file) => file.messages.map((message) => key(file.path, message))))
  for (const other of others) {
    const fresh = other.messages.filter((message) => !known.has(key(other.path, message)))
    if (fresh.length === 0) continue
    let file = files.find((candidate) => candidate.path === other.path)
    if (!file) files.push((file = new VFile({path: other.path, value: other.value})))
    file.messages.push(...fresh)
  }
}

/** What can only be checked once every page is planned: links to pages of the site, and old paths redirected. */
export function checkPlan(content: Content, pages: readonly Page[], siteDir: string, targets = linkTargets(content.articles, pages)): SiteProblem[] {
  return [
    ...checkLinks(content.articles, targets, content.site),
    ...checkAliases(content.articles, pages, assetUrls(content), path.resolve(siteDir)),
  ]
}

/** The site's files besides its pages, by public URL: photos and the logo. */
function assetUrls(content: Content): Set<string> {
  const urls = new Set<string>()
  for (const article of content.articles) if (article.image) urls.add(article.image.url)
  if (content.site.logo) urls.add(content.site.logo.url)
  return urls
}

export interface StylesheetOutput {
  /** `/assets/style.3f2a9c1b7e.css` */
  url: string
  contents: Uint8Array
}

/** The stylesheet under a content-hashed name, so browsers can keep it for a year. */
export async function stylesheetOutput(layouts: Layouts): Promise<StylesheetOutput> {
  const contents = await readFile(layouts.stylesheet)
  return {url: `/assets/${path.basename(layouts.stylesheet, '.css')}.${contentHash(contents)}.css`, contents}
}

/** Watch mode's pages, drawn one at a time as they are written, so drawn pages need not all sit in memory. */
export function* pageOutputs(pages: Iterable<Page>, layouts: Layouts, site: SiteContext): Generator<OutputFile> {
  for (const page of pages) yield {path: outputPathOf(page.url), contents: renderPage(page, layouts, site)}
}

/** The stylesheet, the photos and the logo. */
export function* assetOutputs(content: Content, stylesheet: StylesheetOutput): Generator<OutputFile> {
  yield {path: stylesheet.url.slice(1), contents: stylesheet.contents}
  const images = new Map<string, string>()
  if (content.site.logo) images.set(content.site.logo.url, content.site.logo.sourcePath)
  for (const article of content.articles) {
    if (article.image) images.set(article.image.url, article.image.sourcePath)
  }
  for (const [url, sourcePath] of images) yield {path: url.slice(1), copyFrom: sourcePath}
}

function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10)
}
