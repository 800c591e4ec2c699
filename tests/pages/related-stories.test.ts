// Related coverage: stories sharing the most topics first, then the nearest in time, never the story itself.
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {loadContent} from '../../scripts/content/load-content.ts'
import type {ArticlePage} from '../../scripts/pages/page.ts'
import {planPages} from '../../scripts/pages/plan-pages.ts'
import fc from 'fast-check'
import type {Article} from '../../scripts/content/article.ts'
import {relatedStories, relatedStoriesShown} from '../../scripts/pages/related-stories.ts'
import {makeSite, readPage, story, textOf} from '../helpers/fixture-site.ts'

/** A story on `topics`, published on day `day` of May 2010, its slug its name. */
const on = (day: number, topics: string) => story({title: `Story ${day}`, published: `2010-05-${String(day).padStart(2, '0')}T10:00:00Z`, topics})

async function relatedBySlug(files: Record<string, string>): Promise<Map<string, string[]>> {
  const {content} = await loadContent({siteDir: await makeSite(files)})
  if (!content) throw new Error('fixture must be valid')
  const pages = planPages(content).filter((page): page is ArticlePage => page.kind === 'article')
  return new Map(pages.map((page) => [page.article.slug, page.related.map((article) => article.slug)]))
}

/** The rule as the issue states it, written plainly: every pair within 12 places in a topic's list counts. */
function plainRelated(lists: readonly (readonly Article[])[]): Map<Article, Article[]> {
  const shared = new Map<Article, Map<Article, number>>()
  for (const list of lists) {
    list.forEach((article, index) => {
      const counts = shared.get(article) ?? new Map<Article, number>()
      shared.set(article, counts)
      list.forEach((other, otherIndex) => {
        if (otherIndex !== index && Math.abs(otherIndex - index) <= 12) counts.set(other, (counts.get(other) ?? 0) + 1)
      })
    })
  }
  const related = new Map<Article, Article[]>()
  for (const [article, counts] of shared) {
    const distance = (other: Article) => Math.abs(other.published.epochMs - article.published.epochMs)
    const ranked = [...counts].sort(([a, x], [b, y]) => y - x || distance(a) - distance(b) || (a.url < b.url ? -1 : 1))
    related.set(article, ranked.slice(0, relatedStoriesShown).map(([other]) => other))
  }
  return related
}

describe('related stories', () => {
  it('are chosen as the plain rule would, for any stories on any topics', () => {
    fc.assert(
      fc.property(
        // Few distinct days, so that ties are common and the window's edges decide.
        fc.array(fc.record({day: fc.integer({min: 0, max: 1}), topics: fc.subarray(['a', 'b', 'c', 'd'])}), {minLength: 20, maxLength: 80}),
        (drawn) => {
          const articles = drawn.map(({day, topics}, index) => ({url: `/s/${index}/`, published: {epochMs: day * 86_400_000}, topics}) as unknown as Article & {topics: string[]})
          const lists = ['a', 'b', 'c', 'd'].map((topic) =>
            articles.filter((article) => (article.topics as unknown as string[]).includes(topic)).sort((x, y) => y.published.epochMs - x.published.epochMs),
          )
          expect(relatedStories(lists)).toEqual(plainRelated(lists))
        },
      ),
      {numRuns: 300},
    )
  })

  it('ranks stories sharing more topics first, then the nearest in time, whether older or newer', async () => {
    const related = await relatedBySlug({
      'articles/s10.md': on(10, '[Osh, Curfew]'),
      'articles/s01.md': on(1, '[Osh, Curfew]'),
      'articles/s09.md': on(9, '[Osh]'),
      'articles/s12.md': on(12, '[Osh]'),
      'articles/s20.md': on(20, '[Osh]'),
      'articles/s11.md': on(11, '[Bishkek]'),
    })
    // s01 shares both topics though it is furthest away; s09 and s12 are a day and two days away, s20 ten.
    expect(related.get('s10')).toEqual(['s01', 's09', 's12', 's20'])
    expect(related.get('s11')).toEqual([])
  })

  it(`shows at most ${relatedStoriesShown}`, async () => {
    const files: Record<string, string> = {}
    for (let day = 1; day <= 9; day++) files[`articles/s0${day}.md`] = on(day, '[Osh]')
    const related = await relatedBySlug(files)
    expect(related.get('s05')).toEqual(['s04', 's06', 's03', 's07'])
  })

  it('are listed below the story, linked, with their sections', async () => {
    const site = await makeSite({
      'articles/a.md': on(10, '[Osh]'),
      'articles/b.md': story({title: 'Story in the Middle East', section: 'middle-east', published: '2010-05-09T10:00:00Z', topics: '[Osh]'}),
    })
    const out = path.join(site, 'dist')
    expect((await buildSite({siteDir: site, outDir: out})).ok).toBe(true)
    const page = await readPage(out, '/central-south-asia/2010/05/10/a/')
    expect(page.text('.related h2')).toBe('Related coverage')
    expect(page.all('.related .card-title a').map((link) => [textOf(link), link.properties['href']])).toEqual([
      ['Story in the Middle East', '/middle-east/2010/05/09/b/'],
    ])
    expect(page.text('.related .meta-section')).toBe('Middle East')
  })
})
