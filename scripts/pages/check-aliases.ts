// Checks stories' old paths (`aliases`) against the planned site: a redirect from a live page's address would never be followed.
import path from 'node:path'
import type {Article} from '../content/article.ts'
import type {SiteProblem} from '../content/check-site.ts'
import type {Page} from './page.ts'

/** `extraUrls`: other files the site serves (photos, the logo). `siteDir` names stories' files in messages. */
export function checkAliases(articles: readonly Article[], pages: readonly Page[], extraUrls: Iterable<string>, siteDir: string): SiteProblem[] {
  const live = new Map<string, string>()
  for (const url of [...pages.map((page) => page.url), ...extraUrls]) {
    live.set(comparable(url), url)
    // Netlify serves `/404.html` at `/404` too.
    if (url.endsWith('.html')) live.set(comparable(url.slice(0, -'.html'.length)), url)
  }

  const claimed = new Map<string, Article>()
  const problems: SiteProblem[] = []
  for (const article of articles) {
    for (const alias of article.aliases) {
      const key = comparable(alias.path)
      const page = live.get(key)
      const owner = claimed.get(key)
      const problem = (reason: string) => problems.push({article, place: alias.place, ruleId: 'alias-collision', reason})
      if (key === '/.netlify' || key.startsWith('/.netlify/')) {
        problem(`Alias \`${alias.path}\` is under /.netlify/, which Netlify keeps for itself: remove the alias`)
      } else if (key === assetsFolder || key.startsWith(`${assetsFolder}/`)) {
        // The stylesheet's name changes with its contents, so the folder as a whole is the build's.
        problem(`Alias \`${alias.path}\` is under ${assetsFolder}/, which holds the site’s own files: remove the alias`)
      } else if (page === article.url) {
        problem(`Alias \`${alias.path}\` is this story’s own address: remove it`)
      } else if (page !== undefined) {
        problem(`Alias \`${alias.path}\` is the address of a live page, ${page}, so the redirect would never be followed: remove the alias`)
      } else if (owner === article) {
        problem(`Alias \`${alias.path}\` is listed twice: remove one`)
      } else if (owner) {
        problem(`Alias \`${alias.path}\` is also an alias of ${path.relative(siteDir, owner.sourcePath)}: an old address can lead to one story only`)
      } else {
        claimed.set(key, article)
      }
    }
  }
  return problems
}

const assetsFolder = '/assets'

/**
 * Netlify serves a folder's page at `/a/`, `/a` and `/a/index.html`, and matches redirect rules with or
 * without the trailing slash: all of them are one address.
 */
function comparable(url: string): string {
  const decoded = decodePath(url)
  const withoutIndex = decoded.endsWith('/index.html') ? decoded.slice(0, -'index.html'.length) : decoded
  return withoutIndex.length > 1 && withoutIndex.endsWith('/') ? withoutIndex.slice(0, -1) : withoutIndex
}

/** `%C3%A9` reads as `é`, but `%2F` stays: `/a%2Fb` is one folder name, not `/a/b`. */
function decodePath(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}
