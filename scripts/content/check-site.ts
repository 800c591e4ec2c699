// Site-wide checks that no single story can see: two stories claiming one URL, two topic names claiming one topic page.
import type {Point} from 'unist'
import {VFile} from 'vfile'
import {reportError} from '../problems.ts'
import type {Article} from './article.ts'

export interface SiteProblem {
  /** The story the problem is reported on. */
  article: Article
  reason: string
  ruleId: string
  /** Where in the story's file; its first line when the problem is the story as a whole. */
  place?: Point | undefined
}

/**
 * Adds site-wide problems to this run's report: onto the story's report copy if it has one, else onto a new
 * one (watch mode keeps each story's own file between runs, and these problems belong to this run only).
 */
export function reportSiteProblems(files: VFile[], problems: readonly SiteProblem[]): void {
  for (const problem of problems) {
    let file = files.find((candidate) => candidate.path === problem.article.sourcePath)
    if (!file) {
      file = new VFile({path: problem.article.sourcePath})
      files.push(file)
    }
    reportError(file, problem.reason, {place: problem.place ?? {line: 1, column: 1}, ruleId: problem.ruleId})
  }
}

/**
 * Returns problems rather than writing them to files: watch mode keeps each story's file between runs, and a
 * site-wide problem belongs to this run only. `displayPath` names a story's file in messages.
 */
export function checkSite(articles: readonly Article[], displayPath: (article: Article) => string): SiteProblem[] {
  return [...checkUrls(articles, displayPath), ...checkTopics(articles, displayPath)]
}

/** Reported on every story involved, naming the others, so whichever file the reporter opens says what to do. */
function checkUrls(articles: readonly Article[], displayPath: (article: Article) => string): SiteProblem[] {
  const byUrl = new Map<string, Article[]>()
  for (const article of articles) {
    const group = byUrl.get(article.url)
    if (group) group.push(article)
    else byUrl.set(article.url, [article])
  }

  const problems: SiteProblem[] = []
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue
    for (const article of group) {
      const others = group.filter((other) => other !== article).map(displayPath)
      problems.push({
        article,
        reason: `Another story has the same URL ${url}: ${others.join(', ')}; give one of them a different \`slug\``,
        ruleId: 'duplicate-url',
      })
    }
  }
  return problems
}

/**
 * `Kyrgyzstan` and `kyrgyzstan` are one topic; `C` and `C++` both slug to `c` but are different topics, and
 * one page cannot hold both: the later file (in path order) is asked to rename.
 */
function checkTopics(articles: readonly Article[], displayPath: (article: Article) => string): SiteProblem[] {
  const first = new Map<string, {name: string; article: Article}>()
  const problems: SiteProblem[] = []
  for (const article of articles) {
    for (const topic of article.topics) {
      const seen = first.get(topic.slug)
      if (!seen) first.set(topic.slug, {name: topic.name, article})
      else if (seen.name.toLowerCase() !== topic.name.toLowerCase()) {
        problems.push({
          article,
          reason: `Topic \`${topic.name}\` would share the page ${topic.url} with \`${seen.name}\` (${displayPath(seen.article)}): rename one`,
          ruleId: 'topic-collision',
        })
      }
    }
  }
  return problems
}
