// Watch mode's page plan: after a save that moved no story (its address, date, section, topics and the rest of
// what places it are as they were), the last plan is kept and only the changed stories are put into it, instead of
// planning every page of the archive again.
import {checkPlan} from '../build-site.ts'
import type {Article} from '../content/article.ts'
import type {SiteProblem} from '../content/check-site.ts'
import type {Content} from '../content/load-content.ts'
import {checkLinks} from '../pages/check-links.ts'
import type {Page} from '../pages/page.ts'
import {newsWindowMs} from '../pages/plan-data-pages.ts'
import {planPages} from '../pages/plan-pages.ts'

export interface Plan {
  content: Content
  pages: Page[]
  /** For each story, the positions in `pages` of the pages that hold it, so a swap visits only those. */
  holders: Map<Article, number[]>
}

export interface Replanned {
  plan: Plan
  /** Links and old addresses that do not resolve against the plan. */
  problems: SiteProblem[]
}

/**
 * The plan for `content`: `previous` with the changed stories swapped in when no story moved, planned afresh
 * otherwise. Either way it equals `planPages(content)` (tests/watch/replan.test.ts holds it to that).
 */
export function replan(previous: Plan | undefined, content: Content, siteDir: string): Replanned {
  const swaps = previous && swapsFor(previous.content, content)
  if (!previous || !swaps) {
    const pages = planPages(content)
    return {plan: {content, pages, holders: holdersOf(pages, new Set(content.articles))}, problems: checkPlan(content, pages, siteDir)}
  }
  if (swaps.size === 0) return {plan: {...previous, content}, problems: []}

  const stories = new WeakSet<object>(previous.content.articles)
  const pages = [...previous.pages]
  const holders = new Map(previous.holders)
  for (const [old, article] of swaps) {
    const at = holders.get(old) ?? []
    for (const index of at) pages[index] = swapped(pages[index]!, swaps, stories)
    holders.delete(old)
    holders.set(article, at)
  }
  // The pages' addresses are as they were, so only the changed stories' own links need checking again.
  return {plan: {content, pages, holders}, problems: checkLinks([...swaps.values()], pages, content.site)}
}

/** Which pages hold each story, found by walking every page once. */
function holdersOf(pages: readonly Page[], stories: ReadonlySet<object>): Map<Article, number[]> {
  const holders = new Map<Article, number[]>()
  const visit = (value: unknown, index: number) => {
    if (typeof value !== 'object' || value === null) return
    if (stories.has(value)) {
      const at = holders.get(value as Article)
      if (!at) holders.set(value as Article, [index])
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
  if (before.articles.length !== after.articles.length) return undefined
  const swaps = new Map<Article, Article>()
  for (const [index, article] of after.articles.entries()) {
    const old = before.articles[index]!
    if (!sameClockBits(old, before.now, article, after.now)) return undefined
    if (article === old) continue
    if (placeOf(article) !== placeOf(old)) return undefined
    swaps.set(old, article)
  }
  return swaps
}

/**
 * Everything of a story that decides which pages it is on, and where, and what pages other than its own say
 * about it beyond the story itself: a change to any of it plans the site again.
 */
function placeOf(article: Article): string {
  return JSON.stringify([
    article.url,
    article.published.epochMs,
    article.modified?.epochMs,
    article.section,
    article.draft,
    article.topics.map((topic) => [topic.slug, topic.name]),
    // The corrections page lists each correction itself, and its order.
    article.corrections.map((correction) => [correction.date.iso, correction.text]),
    article.aliases.map((alias) => alias.path),
    // Other stories may link to its photo's hashed address.
    article.image?.url,
  ])
}

/** Under embargo, and in the news sitemap's two days: what the clock alone can change, alike for both. */
function sameClockBits(a: Article, aNow: number, b: Article, bNow: number): boolean {
  const ageA = aNow - a.published.epochMs
  const ageB = bNow - b.published.epochMs
  return ageA < 0 === ageB < 0 && ageA <= newsWindowMs === ageB <= newsWindowMs
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
