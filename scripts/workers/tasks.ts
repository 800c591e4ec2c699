// What a worker thread does for the build: the two per-story costs that dominate it, parsing a story and drawing a page.
import type {SiteConfig} from '../config/site-config.ts'
import {parseStoryFile} from '../content/story-record.ts'
import type {Layouts, SiteContext} from '../pages/layouts.ts'
import {loadLayouts} from '../pages/load-layouts.ts'
import type {Page} from '../pages/page.ts'
import {renderPage} from '../pages/render-page.ts'

export interface ParseJob {
  filePath: string
  site: SiteConfig
  /** Fingerprint of the content stage, for the story's cache key. */
  fingerprint: string
}

export type ParseResult = Awaited<ReturnType<typeof parseStoryFile>>

export function parseStory(job: ParseJob): Promise<ParseResult> {
  return parseStoryFile(job.filePath, job.site, job.fingerprint)
}

export interface DrawJob {
  page: Page
  site: SiteContext
  layoutsDir: string
}

// Layouts are loaded once per thread: a build does not change them while it runs.
const layoutsByDir = new Map<string, Promise<Layouts>>()

// Every job brings its own copy of the site's context; one object per context lets layouts recognise it
// (parts drawn once, like the masthead, are kept per site: see layouts/components/drawn-once.ts).
const sites = new Map<string, SiteContext>()

export async function drawPage(job: DrawJob): Promise<string> {
  let layouts = layoutsByDir.get(job.layoutsDir)
  if (!layouts) layoutsByDir.set(job.layoutsDir, (layouts = loadLayouts(job.layoutsDir)))
  const key = JSON.stringify(job.site)
  let site = sites.get(key)
  if (!site) sites.set(key, (site = job.site))
  return renderPage(job.page, await layouts, site)
}
