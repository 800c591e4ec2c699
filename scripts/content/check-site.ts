// Site-wide checks that no single story can see: two stories claiming one URL, two topic names claiming one topic page.
import type {VFile} from 'vfile'
import {reportError} from '../problems.ts'
import type {Article} from './article.ts'

export interface CheckedArticle {
  file: VFile
  article: Article
}

export function checkSite(entries: readonly CheckedArticle[], displayPath: (file: VFile) => string): void {
  checkUrls(entries, displayPath)
  checkTopics(entries, displayPath)
}

/** Reports on every file involved, naming the others, so whichever file the reporter opens says what to do. */
function checkUrls(entries: readonly CheckedArticle[], displayPath: (file: VFile) => string): void {
  const byUrl = new Map<string, CheckedArticle[]>()
  for (const entry of entries) {
    const group = byUrl.get(entry.article.url)
    if (group) group.push(entry)
    else byUrl.set(entry.article.url, [entry])
  }

  for (const [url, group] of byUrl) {
    if (group.length < 2) continue
    for (const entry of group) {
      const others = group.filter((other) => other !== entry).map((other) => displayPath(other.file))
      reportError(entry.file, `Another story has the same URL ${url}: ${others.join(', ')}; give one of them a different \`slug\``, {
        place: {line: 1, column: 1},
        ruleId: 'duplicate-url',
      })
    }
  }
}

/**
 * `Kyrgyzstan` and `kyrgyzstan` are one topic; `C` and `C++` both slug to `c` but are different topics, and
 * one page cannot hold both: the later file (in path order) is asked to rename.
 */
function checkTopics(entries: readonly CheckedArticle[], displayPath: (file: VFile) => string): void {
  const first = new Map<string, {name: string; file: VFile}>()
  for (const {file, article} of entries) {
    for (const topic of article.topics) {
      const seen = first.get(topic.slug)
      if (!seen) first.set(topic.slug, {name: topic.name, file})
      else if (seen.name.toLowerCase() !== topic.name.toLowerCase()) {
        reportError(
          file,
          `Topic \`${topic.name}\` would share the page ${topic.url} with \`${seen.name}\` (${displayPath(seen.file)}): rename one`,
          {place: {line: 1, column: 1}, ruleId: 'topic-collision'},
        )
      }
    }
  }
}
