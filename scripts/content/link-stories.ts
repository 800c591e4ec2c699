// Rewrites links written as paths to other stories' files (`../14/osh-curfew.md`) into those stories' URLs.
import path from 'node:path'
import {shapedArticle, type Article, type StoryLink} from './article.ts'
import type {SiteProblem} from './check-site.ts'
import type {LoadedArticle} from './load-article.ts'

export interface LinkedStories {
  /** The stories in the same order, those with links to other stories' files carrying where they go. */
  articles: Article[]
  problems: SiteProblem[]
}

/**
 * A story's linked form is kept while the URLs it links to stay the same, so watch mode (which compares
 * stories by identity) redraws a story only when a story it links to moved.
 */
const linkedForms = new WeakMap<Article, {key: string; linked: Article}>()

export function linkStories(
  articles: readonly Article[],
  loaded: ReadonlyMap<string, LoadedArticle>,
  /** Why a story is left out of the site, if it is. */
  whyUnpublished: (entry: LoadedArticle) => 'draft' | 'embargoed' | undefined,
  siteDir: string,
  /** The moment the site is built for. */
  now: number,
): LinkedStories {
  const problems: SiteProblem[] = []
  const linked = articles.map((article) => {
    if (article.storyLinks.length === 0) return article
    const urls = article.storyLinks.map((link) => {
      const target = loaded.get(link.target)
      const problem = (reason: string) => problems.push({article, reason, ruleId: 'broken-link', place: link.place})
      if (!target) problem(`Link to \`${link.href}\` goes to no story: there is no story at ${shown(link, siteDir)}; check the path`)
      else if (target.draft && whyUnpublished(target) === 'draft') {
        problem(`Link to \`${link.href}\` goes to a draft, which is not published: publish it first, or take the link out`)
      } else if (target.article && (whyUnpublished(target) === 'embargoed' || liftsLater(target.article, article, now))) {
        problem(
          `Link to \`${link.href}\` goes to a story under embargo until ${target.article.published.iso}: ` +
            'take the link out until then, or publish both together',
        )
      }
      // A story with its own errors fails the build with them; its link needs no message of its own.
      return target?.article ? target.article.url + link.suffix : ''
    })
    const key = urls.join('\n')
    const known = linkedForms.get(article)
    if (known?.key === key) return known.linked
    const result = shapedArticle({...article, storyUrls: urls})
    linkedForms.set(article, {key, linked: result})
    return result
  })
  return {articles: linked, problems}
}

/**
 * A story under embargo linking to one that lifts after it: fine in a preview that shows both, but the deploy
 * at the first one's time would find the link broken, with nobody watching.
 */
function liftsLater(target: Article, linking: Article, now: number): boolean {
  return target.published.epochMs > linking.published.epochMs && target.published.epochMs > now
}

/**
 * The story's text with its links to other stories' files pointing at their URLs: done as the page is drawn,
 * since a build keeps the text itself out of memory until then.
 */
export function linkedBody(article: Article): Article['body'] {
  const urls = article.storyUrls
  if (!urls || article.storyLinks.length === 0) return article.body
  return {
    ...article.body,
    children: article.body.children.map((node) => {
      if (node.type !== 'raw') return node
      let value = node.value
      article.storyLinks.forEach((link, index) => {
        value = value.replaceAll(link.token, escapeAttribute(urls[index]!))
      })
      return {...node, value}
    }),
  }
}

/** The token sat inside a double-quoted `href`; the fragment after the URL is the reporter's text. */
function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&#x26;').replaceAll('"', '&#x22;')
}

function shown(link: StoryLink, siteDir: string): string {
  return path.relative(siteDir, link.target) || link.target
}
