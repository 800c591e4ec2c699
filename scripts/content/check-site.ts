// Site-wide checks that no single story can see: two stories claiming one URL.
import type {VFile} from 'vfile'
import {reportError} from '../problems.ts'
import type {Article} from './article.ts'

export interface CheckedArticle {
  file: VFile
  article: Article
}

/** Reports on every file involved, naming the others, so whichever file the reporter opens says what to do. */
export function checkSite(entries: readonly CheckedArticle[], displayPath: (file: VFile) => string): void {
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
