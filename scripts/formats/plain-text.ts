// The two plain-text files of the site: robots.txt for crawlers and `_redirects` for Netlify.
import type {SiteConfig} from '../config/site-config.ts'
import type {Redirects, RobotsTxt} from '../pages/page.ts'
import {absoluteUrl} from './machine-time.ts'

/** Every page is open to every crawler; the sitemaps say where the pages are. */
export function renderRobotsTxt(robots: RobotsTxt, site: SiteConfig): string {
  return ['User-agent: *', 'Allow: /', '', ...robots.sitemaps.map((url) => `Sitemap: ${absoluteUrl(site.url, url)}`), ''].join('\n')
}

/**
 * Netlify's format: one rule a line, `old-path new-path 301`. Paths on this site, not full URLs, so the
 * redirects work on deploy previews too. Unforced: the alias checks already make sure no page lives at an old path.
 */
export function renderRedirects(redirects: Redirects): string {
  return [
    '# Old addresses of moved stories, sent on to where the stories are now (`aliases` in their front matter).',
    // Netlify wants special characters %-encoded: a story's address may be in any script (`/…/ош/`).
    ...redirects.redirects.map(({from, to}) => `${from} ${encodeURI(to)} 301`),
    '',
  ].join('\n')
}
