// What places a story in the site: while it stays the same, a save changes the story's own page and the pages
// that show it, and nothing else about the site.
import type {Article} from '../content/article.ts'

/**
 * Everything of a story that decides which pages it is on, and where, and what pages other than its own say
 * about it beyond the story itself, as one string to compare.
 */
export function placeOf(article: Article): string {
  return JSON.stringify([
    article.url,
    // As written, offset and all: the sitemap prints it so, where no story is swapped in (see replan.ts).
    article.published.iso,
    article.modified?.iso,
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
