// Watch mode's page plan: after a save that moved no story (its address, date, section, topics and the rest of
// what places it are as they were), the last plan is kept and only the changed stories are put into it, instead of
// planning every page of the archive again.
import {checkPlan} from '../build-site.ts'
import type {Article} from '../content/article.ts'
import type {SiteProblem} from '../content/check-site.ts'
import type {Content} from '../content/load-content.ts'
import {checkLinks, linkTargets} from '../pages/check-links.ts'
import type {Page} from '../pages/page.ts'
import {newsWindowMs} from '../pages/plan-data-pages.ts'
import {planPages} from '../pages/plan-pages.ts'
import {placeOf} from './story-place.ts'

export interface Plan {
  content: Content
  pages: Page[]
  /**
   * For each story's URL, the positions in `pages` of the pages that hold it, so a swap visits only those. A kept
   * plan moves no story, so it keeps these as they are.
   */
  holders: Map<string, number[]>
  /** What a link may go to (see check-links.ts): the same for a kept plan. */
  targets: Set<string>
}

export interface Replanned {
  plan: Plan
  /** Links and old addresses that do not resolve against the plan. */
  problems: SiteProblem[]
  /** When the last plan was kept: the positions in `pages` of the pages that changed. */
  changed?: number[] | undefined
}

/**
 * The plan for `content`: `previous` with the changed stories swapped in when no story moved, planned afresh
 * otherwise. Either way it equals `planPages(content)` (tests/watch/replan.test.ts holds it to that). `swaps`,
 * the stories changed since `previous.content` (old to new), spares comparing every story when the content
 * stage knows them (see keep-content.ts).
 */
export function replan(previous: Plan | undefined, content: Content, siteDir: string, swaps?: ReadonlyMap<Article, Article>): Replanned {
  const kept = previous && (swaps ? keptWith(previous.content, content, swaps) : swapsFor(previous.content, content))
  if (!previous || !kept) {
    const pages = planPages(content)
    const targets = linkTargets(content.articles, pages)
    return {plan: {content, pages, holders: holdersOf(pages, content.articles), targets}, problems: checkPlan(content, pages, siteDir, targets)}
  }

  const stories = new WeakSet<object>(previous.content.articles)
  const pages = [...previous.pages]
  const changed = new Set<number>()
  for (const article of kept.values()) {
    for (const index of previous.holders.get(article.url) ?? []) {
      pages[index] = swapped(pages[index]!, kept, stories)
      changed.add(index)
    }
  }
  // The pages' addresses are as they were, so only the changed stories' own links need checking again.
  return {
    plan: {...previous, content, pages},
    problems: checkLinks([...kept.values()], previous.targets, content.site),
    changed: [...changed].sort((a, b) => a - b),
  }
}

/** Which pages hold each story, found by walking every page once. */
function holdersOf(pages: readonly Page[], articles: readonly Article[]): Map<string, number[]> {
  const stories = new Set<object>(articles)
  const holders = new Map<string, number[]>()
  const visit = (value: unknown, index: number) => {
    if (typeof value !== 'object' || value === null) return
    if (stories.has(value)) {
      const url = (value as Article).url
      const at = holders.get(url)
      if (!at) holders.set(url, [index])
      else if (at.at(-1) !== index) at.push(index)
      return
    }
    for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, index)
  }
  pages.forEach((page, index) => visit(page, index))
  return holders
}

/**
 * The stories to put in place of the last plan's, old to new; undefined when a story was added, removed or
 * moved, or when time moved one into or out of what depends on the clock (an embargo, the news sitemap).
 */
function swapsFor(before: Content, after: Content): Map<Article, Article> | undefined {
  if (before.site !== after.site && JSON.stringify(before.site) !== JSON.stringify(after.site)) return undefined
  if (before.articles.length !== after.articles.length || clockMovedOne(after.articles, before.now, after.now)) return undefined
  const swaps = new Map<Article, Article>()
  for (const [index, article] of after.articles.entries()) {
    const old = before.articles[index]!
    if (article === old) continue
    if (placeOf(article) !== placeOf(old)) return undefined
    swaps.set(old, article)
  }
  return swaps
}

/** `swaps` as the content stage found them, when they still hold for the plan: the clock may have moved a story. */
function keptWith(before: Content, after: Content, swaps: ReadonlyMap<Article, Article>): ReadonlyMap<Article, Article> | undefined {
  if (before.site !== after.site || before.articles.length !== after.articles.length) return undefined
  if (clockMovedOne(after.articles, before.now, after.now)) return undefined
  for (const [old, article] of swaps) if (placeOf(article) !== placeOf(old)) return undefined
  return swaps
}

/**
 * Whether the clock, going from `before` to `after`, moves one of `articles` (newest first) into or out of what
 * depends on it: an embargo (published after the moment) or the news sitemap's window. Found by halving, since
 * a save in a large archive must not look at every story.
 */
function clockMovedOne(articles: readonly Article[], before: number, after: number): boolean {
  // How many stories were published after `moment`, and how many at it or after it.
  const newerThan = (moment: number) => firstIndex(articles, (article) => article.published.epochMs <= moment)
  const notOlderThan = (moment: number) => firstIndex(articles, (article) => article.published.epochMs < moment)
  return newerThan(before) !== newerThan(after) || notOlderThan(before - newsWindowMs) !== notOlderThan(after - newsWindowMs)
}

/** The first index at which `test` holds, for a test that holds from some index to the end. */
function firstIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (test(list[middle]!)) high = middle
    else low = middle + 1
  }
  return low
}

/** A copy of `value` with the changed stories in place of the old, sharing every part that holds none of them. */
function swapped<T>(value: T, swaps: ReadonlyMap<Article, Article>, stories: WeakSet<object>): T {
  if (typeof value !== 'object' || value === null) return value
  const replacement = swaps.get(value as unknown as Article)
  if (replacement) return replacement as T
  if (stories.has(value)) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, index) => {
      const next = swapped(item, swaps, stories)
      if (next !== item) (copy ??= [...value])[index] = next
    })
    return (copy ?? value) as T
  }
  let copy: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const next = swapped(item, swaps, stories)
    if (next !== item) (copy ??= {...(value as Record<string, unknown>)})[key] = next
  }
  return (copy ?? value) as T
}
