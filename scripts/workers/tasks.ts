// What a worker thread does for the build: the two per-story costs that dominate it, parsing a story and drawing a page.
import {readFileSync} from 'node:fs'
import type {SiteConfig} from '../config/site-config.ts'
import {parseStoryBytes, toRecord, type StoryRecord} from '../content/story-record.ts'
import type {Layouts, SiteContext} from '../pages/layouts.ts'
import {loadLayouts} from '../pages/load-layouts.ts'
import type {Page} from '../pages/page.ts'
import {renderPage} from '../pages/render-page.ts'
import {storyKey} from '../content/story-key.ts'

export interface ParseJob {
  filePath: string
  site: SiteConfig
  /** Fingerprint of the content stage, for the story's cache key. */
  fingerprint: string
}

export interface ParseResult {
  /** The key of the bytes this thread read, which may be newer than those the main thread saw. */
  key: string
  record: StoryRecord
}

export async function parseStory(job: ParseJob): Promise<ParseResult | {unreadable: string}> {
  let bytes: Buffer
  try {
    // A worker thread has nothing else to do meanwhile: a blocking read is the cheapest.
    bytes = readFileSync(job.filePath)
  } catch (error) {
    return {unreadable: (error as NodeJS.ErrnoException).code ?? 'unknown error'}
  }
  return {key: storyKey(job.fingerprint, job.filePath, bytes), record: toRecord(await parseStoryBytes(job.filePath, bytes, job.site))}
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
