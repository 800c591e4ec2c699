// Watch mode's build: the same stages as `npm run build`, remembering the last run so that only what changed is read, drawn and written.
import path from 'node:path'
import {VFile} from 'vfile'
import {assetOutputs, pageOutputs, stylesheetOutput, type StylesheetOutput} from '../build-site.ts'
import {reportSiteProblems} from '../content/check-site.ts'
import type {LoadedArticle} from '../content/load-article.ts'
import type {FoundArticles} from '../content/find-articles.ts'
import {loadContent, type Content, type LoadedContent} from '../content/load-content.ts'
import {outputPathOf} from '../content/permalinks.ts'
import {OutputLocked} from '../output/output-lock.ts'
import {updateSite} from '../output/update-site.ts'
import {writeSite, type OutputFile} from '../output/write-site.ts'
import type {Layouts} from '../pages/layouts.ts'
import {loadLayouts, resolveLayoutsDir} from '../pages/load-layouts.ts'
import type {Page} from '../pages/page.ts'
import {pageInputs, sameInputs} from '../pages/page-inputs.ts'
import {reportError} from '../problems.ts'
import {keepContent} from './keep-content.ts'
import {replan, type Plan} from './replan.ts'

export interface RebuildOptions {
  siteDir: string
  outDir: string
  /** Watch mode shows drafts, marked as such. */
  includeDrafts: boolean
  /** Watch mode shows stories under embargo too, marked as such. */
  includeFuture?: boolean | undefined
}

/** What changed since the last run, as the watcher saw it. */
export interface SourceChanges {
  /** Story files added, changed or deleted; `<folder>/*` stands for every story in that folder. */
  articles: Set<string>
  /** The site configuration or a layout changed: every story is read and every page drawn again. */
  everything: boolean
  /** Only existing stories changed (no file or folder added or removed), so the last list of story files still holds. */
  contentsOnly?: boolean | undefined
}

export interface RebuildResult {
  ok: boolean
  /** Every file read, with its problems (or one problem naming a layout that failed to load). */
  files: VFile[]
  /** Public URLs of the pages written or removed: the pages a browser showing them should reload. */
  changedUrls: string[]
  /** Pages drawn and files written this run. */
  rendered: number
  written: number
  removed: number
}

export type Rebuild = (changes: SourceChanges) => Promise<RebuildResult>

export function createRebuild(options: RebuildOptions): Rebuild {
  let loaded = new Map<string, LoadedArticle>()
  let found: FoundArticles | undefined
  let layouts: Layouts | undefined
  let stylesheet: StylesheetOutput | undefined
  /** What each page was last drawn from, by URL. */
  let drawnFrom = new Map<string, readonly unknown[]>()
  /** The page objects last drawn, by URL: a kept plan hands back the same object for a page that did not change. */
  const drawnPages = new Map<string, Page>()
  /** Assets (stylesheet, photos) as last written. */
  let writtenAssets = new Set<string>()
  /** The logo's hashed address as last drawn: every page names it. */
  let drawnLogo: string | undefined
  /** The last plan drawn: a save that moves no story keeps it (see replan.ts). */
  let planned: Plan | undefined
  /** The content the last plan was made from, when the last run went through. */
  let lastGood: LoadedContent | undefined
  let firstRun = true
  // A configuration or layout change stays pending until a run gets through, so a broken save followed by a
  // story edit still reloads everything.
  let everythingPending = true

  return async function rebuild(changes) {
    everythingPending ||= changes.everything
    const everything = everythingPending
    const stale = expandFolders(changes.articles, loaded)
    // After a good run, a save that moves no story only swaps that story in (see keep-content.ts). Only a run
    // that goes through leaves its content for the next, so changes read by a failed one are never missed.
    const last = lastGood
    lastGood = undefined
    const keep = !everything && changes.contentsOnly && last ? await keepContent(last, stale, options) : undefined
    const result =
      keep?.kept?.result ??
      (await loadContent({
        siteDir: options.siteDir,
        includeDrafts: options.includeDrafts,
        includeFuture: options.includeFuture,
        previous: everything ? undefined : (keep?.goOn?.previous ?? loaded),
        stale: keep?.goOn?.stale ?? stale,
        found: everything || !changes.contentsOnly ? undefined : found,
      }))
    loaded = result.loaded
    found = result.found
    const failed = (files: VFile[]): RebuildResult => ({ok: false, files, changedUrls: [], rendered: 0, written: 0, removed: 0})
    if (!result.content) return failed(result.files)

    if (everything) {
      try {
        layouts = await loadLayouts(await resolveLayoutsDir(path.resolve(options.siteDir)))
        stylesheet = await stylesheetOutput(layouts)
      } catch (error) {
        // A layout saved half-edited must not stop the watcher: say what is wrong and keep the last good site.
        const file = new VFile({path: path.join(options.siteDir, 'layouts')})
        reportError(file, `The layouts could not be loaded: ${(error as Error).message}`, {ruleId: 'layouts'})
        return failed([...result.files, file])
      }
    }
    if (!layouts || !stylesheet) return failed(result.files)

    const replanned = replan(everything ? undefined : planned, result.content, options.siteDir, keep?.kept?.swaps)
    if (replanned.problems.length > 0) {
      reportSiteProblems(result.files, replanned.problems)
      return failed(result.files)
    }
    const {pages} = replanned.plan
    // After a configuration or layout change every page is redrawn; what was drawn before is still remembered,
    // so pages that no longer exist (a removed section, a shorter list) are found and removed.
    // Every page names the logo (sharing tags, structured data), whose address changes with its contents.
    const logo = result.content.site.logo?.url
    const redrawAll = everything || logo !== drawnLogo
    // A kept plan says which pages it changed, and has the same pages and assets as the last; otherwise every
    // page is compared with what it was drawn from.
    const sameShape = !redrawAll && replanned.changed !== undefined
    const candidates = sameShape ? replanned.changed!.map((index) => pages[index]!) : pages
    const changed = new Set(
      candidates.filter((page) => redrawAll || (drawnPages.get(page.url) !== page && !sameInputs(drawnFrom.get(page.url), pageInputs(page)))),
    )

    // Pages gone since the last run, and assets no longer used: their files are removed.
    const assets = sameShape ? writtenAssets : assetsOf(result.content, stylesheet)
    const goneUrls = sameShape ? [] : goneSince(drawnFrom, pages)
    const removed = [...goneUrls.map(outputPathOf), ...[...writtenAssets].filter((file) => !assets.has(file))]

    // Drawn one at a time as they are written, stories first, so the story being edited is written soonest.
    // Assets have content-hashed names: one already written is already right.
    let count = 0
    const toWrite = function* (outputs: Iterable<OutputFile>) {
      for (const file of outputs) {
        if (file.path.startsWith('assets/') && writtenAssets.has(file.path)) continue
        count++
        yield file
      }
    }
    const content = result.content
    const site = {config: content.site, stylesheet: stylesheet.url}
    const outputs = (function* () {
      if (!sameShape) yield* assetOutputs(content, stylesheet)
      yield* pageOutputs(changed, layouts, site)
    })()
    try {
      if (firstRun) await writeSite(options.outDir, toWrite(outputs))
      else await updateSite(options.outDir, toWrite(outputs), removed)
    } catch (error) {
      if (error instanceof OutputLocked) {
        // Nothing was written: the next run writes what this one would have.
        const file = new VFile({path: options.outDir})
        reportError(file, error.message, {ruleId: 'output-locked'})
        return failed([...result.files, file])
      }
      // A layout that throws while drawing a page (a field it did not expect): say which page, and redraw
      // everything on the next run, since some pages may already be written with the new layouts.
      everythingPending = true
      const file = new VFile({path: path.join(options.siteDir, 'layouts')})
      reportError(file, `A layout failed while drawing the site: ${(error as Error).message}`, {ruleId: 'layouts'})
      return failed([...result.files, file])
    }

    for (const page of changed) drawnFrom.set(page.url, pageInputs(page))
    for (const url of goneUrls) drawnFrom.delete(url)
    for (const page of candidates) drawnPages.set(page.url, page)
    for (const url of goneUrls) drawnPages.delete(url)
    writtenAssets = assets
    drawnLogo = logo
    planned = replanned.plan
    lastGood = result
    firstRun = false
    everythingPending = false
    return {
      ok: true,
      files: result.files,
      changedUrls: [...[...changed].map((page) => page.url), ...goneUrls],
      rendered: changed.size,
      written: count,
      removed: removed.length,
    }
  }
}

/** The files besides pages that the site serves: the stylesheet, the logo and the stories' photos. */
function assetsOf(content: Content, stylesheet: StylesheetOutput): Set<string> {
  const assets = new Set([stylesheet.url.slice(1)])
  if (content.site.logo) assets.add(content.site.logo.url.slice(1))
  for (const article of content.articles) if (article.image) assets.add(article.image.url.slice(1))
  return assets
}

/** The URLs drawn before that the plan no longer has. */
function goneSince(drawnFrom: ReadonlyMap<string, unknown>, pages: readonly Page[]): string[] {
  const urls = new Set(pages.map((page) => page.url))
  return [...drawnFrom.keys()].filter((url) => !urls.has(url))
}

/** Turns `<folder>/*` entries into the stories known in that folder. */
function expandFolders(changed: ReadonlySet<string>, loaded: ReadonlyMap<string, LoadedArticle>): Set<string> {
  const stale = new Set<string>()
  for (const entry of changed) {
    if (!entry.endsWith(`${path.sep}*`)) stale.add(entry)
    else {
      // A photo stands beside its stories or in a folder below them (`img/crowd.jpg`).
      const folder = path.dirname(entry)
      for (const file of loaded.keys()) if (folder === path.dirname(file) || folder.startsWith(path.dirname(file) + path.sep)) stale.add(file)
    }
  }
  return stale
}

/** `a/b/index.html` -> `/a/b/`, `404.html` -> `/404.html`. */
export function urlOfOutput(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`
}
