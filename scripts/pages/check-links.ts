// Checks every link from a story to a page of this site against the pages the build plans: a broken one stops the build.
import type {SiteConfig} from '../config/site-config.ts'
import type {Article, SiteLink} from '../content/article.ts'
import type {SiteProblem} from '../content/check-site.ts'
import {safeDecode} from '../content/classify-link.ts'
import {didYouMean} from '../yaml/did-you-mean.ts'
import type {Page} from './page.ts'

export function checkLinks(articles: readonly Article[], known: ReadonlySet<string>, site: SiteConfig): SiteProblem[] {
  const problems: SiteProblem[] = []
  for (const article of articles) {
    for (const link of article.siteLinks) {
      const base = site.url + article.url
      if (!URL.canParse(link.href.trim(), base)) {
        problems.push({article, place: link.place, ruleId: 'broken-link', reason: `Link to \`${link.href}\` is not a web address: check it`})
        continue
      }
      const resolved = new URL(link.href.trim(), base)
      if (resolved.origin !== site.url) continue
      const target = safeDecode(resolved.pathname)
      if (served(target, known)) continue
      const suggestion = nearest(target, known)
      problems.push({
        article,
        place: link.place,
        ruleId: 'broken-link',
        reason:
          `Link to \`${link.href}\` goes to ${target}, which is not a page of this site: ` +
          (suggestion ? `did you mean ${suggestion}?` : unknownPageHint(link)),
      })
    }
  }
  return problems
}

/** A story's file is never a picture, and only a Markdown link turns one into the story's address. */
function unknownPageHint(link: SiteLink): string {
  if (link.written === 'image' || link.written === 'html-img') return 'check the address'
  if (link.written === 'html-a') return 'check the address, or write the link in Markdown to the story’s file (`[words](../14/osh.md)`)'
  return 'check the address, or link to the story’s file (`../14/osh.md`)'
}

/** What a link may go to: the planned pages, and the stories' photos. */
export function linkTargets(articles: readonly Article[], pages: readonly Page[]): Set<string> {
  const known = new Set(pages.map((page) => page.url))
  for (const article of articles) if (article.image) known.add(article.image.url)
  return known
}

/** Netlify serves `/a/b/` for `/a/b` (by redirect) and for `/a/b/index.html`. */
function served(target: string, known: ReadonlySet<string>): boolean {
  return known.has(target) || known.has(`${target}/`) || (target.endsWith('/index.html') && known.has(target.slice(0, -'index.html'.length)))
}

/**
 * A page a typo away (a wrong digit in the date, a letter in the slug), among those sharing the link's first
 * folder; a long URL would otherwise look near pages that have nothing to do with it.
 */
function nearest(target: string, known: ReadonlySet<string>): string | undefined {
  const folder = target.split('/')[1] ?? ''
  const candidates = [...known].filter((url) => url.split('/')[1] === folder)
  return candidates.length > 2000 ? undefined : didYouMean(target, candidates, 3)
}
