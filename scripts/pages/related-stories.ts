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
  // Stories as numbers, and each topic's list as an array of them: this runs on every save in watch mode, and
  // counting in maps keyed by objects took a third of a second on 10,000 stories.
  const ids = new Map<Article, number>()
  const stories: Article[] = []
  const lists: Int32Array[] = []
  /** Per story: the lists it is in, and where, as flat pairs. */
  const places: number[][] = []
  for (const list of topicLists) {
    const numbers = new Int32Array(list.length)
    list.forEach((article, position) => {
      let id = ids.get(article)
      if (id === undefined) {
        id = stories.push(article) - 1
        ids.set(article, id)
        places.push([])
      }
      numbers[position] = id
      places[id]!.push(lists.length, position)
    })
    lists.push(numbers)
  }

  const related = new Map<Article, Article[]>()
  // How many of this story's topics each other story shares, counted in place and cleared after.
  const counts = new Int32Array(stories.length)
  const met: number[] = []
  stories.forEach((article, id) => {
    const own = places[id]!
    for (let pair = 0; pair < own.length; pair += 2) {
      const list = lists[own[pair]!]!
      const position = own[pair + 1]!
      const end = Math.min(list.length, position + reach + 1)
      for (let index = Math.max(0, position - reach); index < end; index++) {
        const other = list[index]!
        if (index === position) continue
        if (counts[other] === 0) met.push(other)
        counts[other] = counts[other]! + 1
      }
    }
    // The best few, kept in order as they are met: no need to sort them all.
    const best: Array<{other: Article; count: number; distance: number}> = []
    for (const other of met) {
      const candidate = {other: stories[other]!, count: counts[other]!, distance: Math.abs(stories[other]!.published.epochMs - article.published.epochMs)}
      counts[other] = 0
      let at = best.length
      while (at > 0 && ranksBefore(candidate, best[at - 1]!)) at--
      if (at < relatedStoriesShown) best.splice(at, 0, candidate)
      if (best.length > relatedStoriesShown) best.pop()
    }
    met.length = 0
    related.set(article, best.map((entry) => entry.other))
  })
  return related
}

/** Sharing more topics first, then closer in time, then by URL. */
function ranksBefore(a: {other: Article; count: number; distance: number}, b: {other: Article; count: number; distance: number}): boolean {
  return a.count !== b.count ? a.count > b.count : a.distance !== b.distance ? a.distance < b.distance : a.other.url < b.other.url
}
