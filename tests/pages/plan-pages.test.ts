import {describe, expect, it} from 'vitest'
import {loadContent} from '../../scripts/content/load-content.ts'
import {homeStoriesPerSection, planPages} from '../../scripts/pages/plan-pages.ts'
import {makeSite, siteYaml, story} from '../helpers/fixture-site.ts'

async function plan(files: Record<string, string>) {
  const {content} = await loadContent({siteDir: await makeSite(files)})
  if (!content) throw new Error('fixture must be valid')
  return planPages(content)
}

describe('planPages', () => {
  it('plans one page per story, section and topic, a topic index, corrections, a front page and a 404 page, then the feeds, sitemaps and redirects', async () => {
    const pages = await plan({
      'articles/a.md': story({topics: '[Kyrgyzstan, Osh]'}),
      'articles/b.md': story({section: 'middle-east', topics: '[kyrgyzstan]'}),
    })
    expect(pages.map((p) => `${p.kind} ${p.url}`)).toEqual([
      'article /central-south-asia/2010/05/15/a/',
      'article /middle-east/2010/05/15/b/',
      'section /central-south-asia/',
      'section /middle-east/',
      'topic /topics/kyrgyzstan/',
      'topic /topics/osh/',
      'topics /topics/',
      'corrections /corrections/',
      'home /',
      'notFound /404.html',
      'rss /feed.xml',
      'jsonFeed /feed.json',
      'rss /central-south-asia/feed.xml',
      'rss /middle-east/feed.xml',
      'rss /topics/kyrgyzstan/feed.xml',
      'rss /topics/osh/feed.xml',
      'sitemap /sitemap.xml',
      'newsSitemap /news-sitemap.xml',
      'robots /robots.txt',
      'redirects /_redirects',
    ])
  })

  it('gives every configured section a page, even before it has stories', async () => {
    const pages = await plan({'articles/a.md': story()})
    const empty = pages.find((p) => p.kind === 'section' && p.url === '/middle-east/')
    expect(empty).toMatchObject({articles: []})
  })

  it('merges topics that differ only in case, keeping every story', async () => {
    const pages = await plan({
      'articles/a.md': story({topics: '[Kyrgyzstan]', published: '2010-05-15T10:00:00Z'}),
      'articles/b.md': story({topics: '[kyrgyzstan]', published: '2010-05-14T10:00:00Z'}),
    })
    const topic = pages.find((p) => p.kind === 'topic')
    expect(topic?.kind === 'topic' && [topic.topic.name, topic.articles.map((a) => a.slug)]).toEqual(['Kyrgyzstan', ['a', 'b']])
  })

  it('leads the front page with the newest story and groups the rest by section', async () => {
    const files: Record<string, string> = {}
    for (let day = 1; day <= 8; day++) {
      files[`articles/s${day}.md`] = story({published: `2010-05-0${day}T10:00:00Z`})
    }
    files['articles/m.md'] = story({section: 'middle-east', published: '2010-04-01T10:00:00Z'})
    const home = (await plan(files)).find((p) => p.kind === 'home')
    if (home?.kind !== 'home') throw new Error('no home page')
    expect(home.lead?.slug).toBe('s8')
    expect(home.sections.map((g) => [g.section.slug, g.articles.map((a) => a.slug)])).toEqual([
      ['central-south-asia', ['s7', 's6', 's5', 's4', 's3'].slice(0, homeStoriesPerSection)],
      ['middle-east', ['m']],
    ])
  })

  it('pages long sections and topics: page 1 at the list’s own URL, the rest at page/2/ and on', async () => {
    const files: Record<string, string> = {'site.yaml': siteYaml + 'page_size: 2\n'}
    for (let day = 1; day <= 5; day++) files[`articles/s${day}.md`] = story({published: `2010-05-0${day}T10:00:00Z`, topics: '[Osh]'})
    const pages = await plan(files)
    const sections = pages.flatMap((p) => (p.kind === 'section' && p.section.slug === 'central-south-asia' ? [p] : []))
    expect(sections.map((p) => [p.url, p.articles.map((a) => a.slug), p.pagination])).toEqual([
      ['/central-south-asia/', ['s5', 's4'], {page: 1, pages: 3, previous: undefined, next: '/central-south-asia/page/2/'}],
      ['/central-south-asia/page/2/', ['s3', 's2'], {page: 2, pages: 3, previous: '/central-south-asia/', next: '/central-south-asia/page/3/'}],
      ['/central-south-asia/page/3/', ['s1'], {page: 3, pages: 3, previous: '/central-south-asia/page/2/', next: undefined}],
    ])
    expect(pages.filter((p) => p.kind === 'topic').map((p) => p.url)).toEqual(['/topics/osh/', '/topics/osh/page/2/', '/topics/osh/page/3/'])
  })

  it('plans the topic index even when no story has topics, since every footer links to it', async () => {
    const pages = await plan({'articles/a.md': story()})
    expect(pages.find((p) => p.kind === 'topics')).toEqual({kind: 'topics', url: '/topics/', topics: []})
  })
})
