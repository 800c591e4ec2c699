// Watch mode keeps its last page plan after a save that moves no story; the plan it keeps must be the plan it
// would have made.
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadContent} from '../../scripts/content/load-content.ts'
import type {ArticlePage} from '../../scripts/pages/page.ts'
import {planPages} from '../../scripts/pages/plan-pages.ts'
import {keepContent} from '../../scripts/watch/keep-content.ts'
import {replan} from '../../scripts/watch/replan.ts'
import {makeSite, story} from '../helpers/fixture-site.ts'

const now = Date.parse('2010-06-01T00:00:00Z')

async function site() {
  const files: Record<string, string> = {}
  for (let day = 1; day <= 8; day++) {
    files[`articles/s${day}.md`] = story(
      {
        title: `Story ${day}`,
        section: day % 2 ? 'middle-east' : 'central-south-asia',
        published: `2010-05-0${day}T10:00:00Z`,
        topics: day % 3 ? '[Osh, Curfew]' : '[Osh]',
        ...(day === 4 ? {corrections: '[{date: "2010-05-20T10:00:00Z", text: "An earlier version misspelt Osh."}]'} : {}),
      },
      `Text of story ${day}, which links to [the first](s1.md).\n`,
    )
  }
  return makeSite(files)
}

/**
 * Plans the site, then rewrites story 5 (as it was, with `fields` and `body` in place) and plans again from the
 * kept plan, as watch mode does after a save.
 */
async function editStoryFive(fields: Record<string, string>, body: string) {
  const dir = await site()
  const first = await loadContent({siteDir: dir, includeDrafts: true, now})
  const before = replan(undefined, first.content!, dir)
  const file = path.join(dir, 'articles/s5.md')
  await writeFile(file, story({title: 'Story 5', section: 'middle-east', published: '2010-05-05T10:00:00Z', topics: '[Osh, Curfew]', ...fields}, body))
  const second = await loadContent({siteDir: dir, includeDrafts: true, now, previous: first.loaded, found: first.found, stale: new Set([file])})
  const kept = await keepContent(first, new Set([file]), {siteDir: dir, includeDrafts: true, now})
  return {before: before.plan, content: second.content!, after: replan(before.plan, second.content!, dir), kept: kept.kept}
}

/** The positions of the pages in `after` that are not the very pages of `before`. */
const differing = (before: readonly object[], after: readonly object[]) =>
  after.flatMap((page, index) => (page === before[index] ? [] : [index]))

describe('watch mode’s plan', () => {
  it('is the full plan after a story’s words change, sharing every page that does not show it', async () => {
    const {before, content, after} = await editStoryFive({title: 'A new headline'}, 'New words.\n')
    expect(after.problems).toEqual([])
    expect(after.plan.pages).toEqual(planPages(content))
    const byUrl = new Map(before.pages.map((page) => [page.url, page]))
    const kept = after.plan.pages.filter((page) => page === byUrl.get(page.url)).map((page) => page.url)
    // The story's page, its section, its topics, the front page, feeds and lists showing it are new; the rest are kept.
    expect(kept).toContain('/404.html')
    expect(kept).toContain('/central-south-asia/')
    expect(kept).not.toContain('/middle-east/')
    const page = after.plan.pages.find((candidate): candidate is ArticlePage => candidate.kind === 'article' && candidate.article.title === 'A new headline')
    expect(page?.url).toBe('/middle-east/2010/05/05/s5/')
  })

  it('is planned again when a story moves, or its corrections change, and is still the full plan', async () => {
    const edits: Record<string, string>[] = [
      {topics: '[Bishkek]'},
      {section: 'central-south-asia'},
      {published: '2010-05-09T10:00:00Z'},
      {corrections: '[{date: "2010-05-20T10:00:00Z", text: "A new correction."}]'},
    ]
    for (const fields of edits) {
      const {content, after} = await editStoryFive(fields, 'Words.\n')
      expect(after.plan.pages, JSON.stringify(fields)).toEqual(planPages(content))
    }
  })

  it('is the full plan when the content stage hands over the stories it swapped, and names the pages that changed', async () => {
    const {before, kept, after} = await editStoryFive({title: 'A new headline'}, 'New words.\n')
    const hinted = replan(before, kept!.result.content!, '', kept!.swaps)
    expect(hinted.plan.pages).toEqual(planPages(kept!.result.content!))
    expect(hinted.changed).toEqual(differing(before.pages, hinted.plan.pages))
    expect(after.changed).toEqual(differing(before.pages, after.plan.pages))
    expect(hinted.changed!.length).toBeGreaterThan(3)
  })

  it('is planned again when the clock moves a story out of the news sitemap or out of its embargo', async () => {
    // Story B, published at 18:00 on 3 May, is under embargo before then and in the news sitemap for two days
    // after; story A's two days end at 10:00 on 3 May, away from both.
    const dir = await makeSite({
      'articles/a.md': story({title: 'Story A', published: '2010-05-01T10:00:00Z'}),
      'articles/b.md': story({title: 'Story B', published: '2010-05-03T18:00:00Z'}),
    })
    const hour = 60 * 60 * 1000
    const embargoLifts = Date.parse('2010-05-03T18:00:00Z')
    const windowEnds = Date.parse('2010-05-05T18:00:00Z')
    for (const [from, to, moves] of [
      [embargoLifts - hour, embargoLifts + hour, true],
      [embargoLifts + hour, embargoLifts - hour, true],
      [embargoLifts + hour, embargoLifts + 2 * hour, false],
      [windowEnds - hour, windowEnds + hour, true],
      [windowEnds + hour, windowEnds - hour, true],
      [windowEnds - 2 * hour, windowEnds - hour, false],
    ] as const) {
      const {content} = await loadContent({siteDir: dir, includeFuture: true, now: from})
      const before = replan(undefined, content!, dir).plan
      const later = {...content!, now: to}
      const after = replan(before, later, dir)
      const label = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`
      expect(after.plan.pages, label).toEqual(planPages(later))
      expect(after.changed === undefined, label).toBe(moves)
    }
  })

  it('checks the changed story’s links against the kept plan', async () => {
    const {after} = await editStoryFive({}, 'See [the missing page](/middle-east/nowhere/).\n')
    expect(after.problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^Link to `\/middle-east\/nowhere\/` goes to \/middle-east\/nowhere\/, which is not a page of this site/),
    ])
  })
})
