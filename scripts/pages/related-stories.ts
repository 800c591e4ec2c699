// Related coverage under a story: other stories on the same topics, found among those published around it.
import type {Article} from '../content/article.ts'

/** How many related stories a story shows. */
export const relatedStoriesShown = 4

/**
 * How far to look along each topic's list, either side of the story. Coverage of one event sits close
 * together in time; looking further would make the cost grow with the size of the archive's biggest topic.
 */
const reach = 12

/**
 * For every story with topics, up to `relatedStoriesShown` others: those sharing the most topics first, then
 * the closest in time, then by URL, so the choice never depends on the order of the files.
 * `topicLists` holds each topic's stories newest first.
 */
export function relatedStories(topicLists: Iterable<readonly Article[]>): Map<Article, Article[]> {
  const shared = new Map<Article, Map<Article, number>>()
  for (const list of topicLists) {
    list.forEach((article, index) => {
      let counts = shared.get(article)
      if (!counts) shared.set(article, (counts = new Map()))
      const end = Math.min(list.length, index + reach + 1)
      for (let other = Math.max(0, index - reach); other < end; other++) {
        if (other === index) continue
        const candidate = list[other]!
        counts.set(candidate, (counts.get(candidate) ?? 0) + 1)
      }
    })
  }

  const related = new Map<Article, Article[]>()
  for (const [article, counts] of shared) {
    const distance = (other: Article) => Math.abs(other.published.epochMs - article.published.epochMs)
    const ranked = [...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || distance(a) - distance(b) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .slice(0, relatedStoriesShown)
      .map(([other]) => other)
    related.set(article, ranked)
  }
  return related
}
