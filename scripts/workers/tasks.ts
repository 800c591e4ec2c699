// What a worker thread does for the build: the two per-story costs that dominate it, parsing a story and drawing a page.
import type {SiteConfig} from '../config/site-config.ts'
import {parseStoryFile} from '../content/story-record.ts'
import type {Layouts, SiteContext} from '../pages/layouts.ts'
import {loadLayouts} from '../pages/load-layouts.ts'
import type {Page} from '../pages/page.ts'
import {renderPage} from '../pages/render-page.ts'

export type ParseResult = Awaited<ReturnType<typeof parseStoryFile>>

/** Stories parsed one after the other, sent together (see job-batches.ts); the site comes once per batch. */
export interface ParseBatch {
  filePaths: string[]
  site: SiteConfig
  /** Fingerprint of the content stage, for each story's cache key. */
  fingerprint: string
}

export async function parseStories(batch: ParseBatch): Promise<ParseResult[]> {
  const results: ParseResult[] = []
  for (const filePath of batch.filePaths) results.push(await parseStoryFile(filePath, batch.site, batch.fingerprint))
  return results
}

export interface DrawBatch {
  pages: Page[]
  site: SiteContext
  layoutsDir: string
}

// Layouts are loaded once per thread: a build does not change them while it runs.
const layoutsByDir = new Map<string, Promise<Layouts>>()

// Every batch brings its own copy of the site's context; one object per context lets layouts recognise it
// (parts drawn once, like the masthead, are kept per site: see layouts/components/drawn-once.ts).
const sites = new Map<string, SiteContext>()

export async function drawPages(batch: DrawBatch): Promise<string[]> {
  let layouts = layoutsByDir.get(batch.layoutsDir)
  if (!layouts) layoutsByDir.set(batch.layoutsDir, (layouts = loadLayouts(batch.layoutsDir)))
  const key = JSON.stringify(batch.site)
  let site = sites.get(key)
  if (!site) sites.set(key, (site = batch.site))
  const loaded = await layouts
  return batch.pages.map((page) => renderPage(page, loaded, site))
}
