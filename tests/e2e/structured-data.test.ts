// What search engines and social networks read from the pages: canonical URLs, NewsArticle JSON-LD, Open Graph and Twitter cards.
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {makeSite, readPage, siteYaml, story, type Page} from '../helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))
const logo = await readFile(new URL('../../assets/logo.png', import.meta.url))
const photo = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"></svg>\n'
const storyUrl = '/central-south-asia/2010/05/15/osh/'

/** The parsed JSON-LD of a page; fails the test unless there is exactly one block and it is JSON. */
function structuredData(page: Page): Record<string, unknown> {
  const scripts = page.all('script[type="application/ld+json"]')
  expect(scripts).toHaveLength(1)
  const script = scripts[0]!
  const text = script.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
  return JSON.parse(text) as Record<string, unknown>
}

/** Every `<meta property|name=…>` of the page, as [key, content] pairs in page order. */
function metaTags(page: Page): Array<[string, string]> {
  return page
    .all('meta[property], meta[name^="twitter:"]')
    .map((meta) => [String(meta.properties['property'] ?? meta.properties['name']), String(meta.properties['content'])])
}

describe('a story page', () => {
  let out: string
  let page: Page

  beforeAll(async () => {
    const site = await makeSite({
      'site.yaml': `${siteYaml}logo: logo.png\ntwitter: '@testdesk'\n`,
      'logo.png': logo,
      'articles/osh.md': story(
        {
          title: 'Curfew in Osh after “clashes” </script>',
          byline: 'Jane Doe in Osh',
          modified: '2010-05-15T23:00:00+06:00',
          topics: '[Kyrgyzstan, Osh]',
          image: '\n  src: osh.png\n  alt: Soldiers at a checkpoint\n  credit: AFP',
          corrections: '\n  - date: 2010-05-16T09:00:00Z\n    text: An earlier version misspelt Osh.',
        },
      ),
      // Any PNG will do for the photo: the logo's is at hand.
      'articles/osh.png': logo,
    })
    out = path.join(site, 'dist')
    const result = await buildSite({siteDir: site, outDir: out})
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
    page = await readPage(out, storyUrl)
  })

  it('names its canonical URL on the site’s address', () => {
    expect(page.one('link[rel=canonical]').properties['href']).toBe(`https://news.example.org${storyUrl}`)
  })

  it('carries NewsArticle JSON-LD with every field search engines ask for', () => {
    const data = structuredData(page)
    const image = page.one('.story-figure img').properties['src']
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Curfew in Osh after “clashes” </script>',
      description: 'One person killed and dozens hurt.',
      url: `https://news.example.org${storyUrl}`,
      mainEntityOfPage: {'@type': 'WebPage', '@id': `https://news.example.org${storyUrl}`},
      image: [`https://news.example.org${String(image)}`],
      datePublished: '2010-05-15T15:43:00Z',
      // The correction is later than `modified`: the story last changed when it was corrected.
      dateModified: '2010-05-16T09:00:00Z',
      author: [{'@type': 'Person', name: 'Jane Doe in Osh'}],
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'Test Desk',
        url: 'https://news.example.org/',
        logo: {'@type': 'ImageObject', url: expect.stringMatching(/^https:\/\/news\.example\.org\/assets\/media\/logo\.[0-9a-f]{10}\.png$/), width: 600, height: 60},
      },
      articleSection: 'Central & South Asia',
      keywords: ['Kyrgyzstan', 'Osh'],
      inLanguage: 'en',
    })
  })

  it('keeps a headline quoting `</script>` inside the JSON-LD, where it reads back exactly', () => {
    // As the browser's tokenizer sees it: the script's text runs to the first `</script`, so it must hold no `<`.
    const source = /<script type="application\/ld\+json">([^]*?)<\/script/.exec(page.html)?.[1] ?? ''
    expect(source).toContain('\\u003c/script>')
    expect(source).not.toContain('<')
    expect(structuredData(page)['headline']).toBe('Curfew in Osh after “clashes” </script>')
  })

  it('publishes the logo it names in the JSON-LD', async () => {
    const {publisher} = structuredData(page) as {publisher: {logo: {url: string}}}
    expect(await readFile(path.join(out, new URL(publisher.logo.url).pathname))).toEqual(logo)
  })

  it('shares as an article: Open Graph with times, section and topics, and a large Twitter card', () => {
    const image = `https://news.example.org${String(page.one('.story-figure img').properties['src'])}`
    expect(metaTags(page)).toEqual([
      ['og:type', 'article'],
      ['og:site_name', 'Test Desk'],
      ['og:title', 'Curfew in Osh after “clashes” </script>'],
      ['og:description', 'One person killed and dozens hurt.'],
      ['og:url', `https://news.example.org${storyUrl}`],
      ['og:image', image],
      ['og:image:alt', 'Soldiers at a checkpoint'],
      ['og:image:width', '600'],
      ['og:image:height', '60'],
      ['article:published_time', '2010-05-15T15:43:00Z'],
      ['article:modified_time', '2010-05-16T09:00:00Z'],
      ['article:section', 'Central & South Asia'],
      ['article:tag', 'Kyrgyzstan'],
      ['article:tag', 'Osh'],
      ['twitter:card', 'summary_large_image'],
      ['twitter:site', '@testdesk'],
      ['twitter:title', 'Curfew in Osh after “clashes” </script>'],
      ['twitter:description', 'One person killed and dozens hurt.'],
      ['twitter:image', image],
      ['twitter:image:alt', 'Soldiers at a checkpoint'],
    ])
  })

  it('shows the correction’s time as the last change, as the JSON-LD says', () => {
    expect(page.all('.date-line time').at(-1)?.properties['dateTime']).toBe('2010-05-16T09:00:00Z')
  })

  it.each(['Test Desk staff and agencies', 'Reuters'])('names a credit line of the desk or a news agency, `%s`, as an organisation', async (byline) => {
    const site = await makeSite({'articles/osh.md': story({title: 'Osh', byline})})
    await buildSite({siteDir: site, outDir: path.join(site, 'dist')})
    const data = structuredData(await readPage(path.join(site, 'dist'), storyUrl))
    expect(data['author']).toEqual([{'@type': 'Organization', name: byline}])
  })

  it('shares a story whose photo is an SVG with the logo, since social networks show no SVG', async () => {
    const site = await makeSite({
      'site.yaml': `${siteYaml}logo: logo.png\n`.replace('language: en', 'language: zh-Hant-TW'),
      'logo.png': logo,
      'articles/osh.md': story({title: 'Osh', image: '\n  src: osh.svg\n  alt: Soldiers\n  credit: AFP'}),
      'articles/osh.svg': photo,
    })
    await buildSite({siteDir: site, outDir: path.join(site, 'dist')})
    const page = await readPage(path.join(site, 'dist'), storyUrl)
    const tags = new Map(metaTags(page))
    expect(tags.get('og:image')).toMatch(/\/assets\/media\/logo\.[0-9a-f]{10}\.png$/)
    expect(tags.get('twitter:card')).toBe('summary')
    expect(tags.get('og:locale')).toBe('zh_TW')
    // Search engines read SVG: the structured data keeps the photo.
    expect(structuredData(page)['image']).toEqual([expect.stringMatching(/\/assets\/media\/osh\.[0-9a-f]{10}\.svg$/)])
  })
})

describe('index pages', () => {
  let out: string

  beforeAll(async () => {
    const site = await makeSite({
      'site.yaml': `${siteYaml}logo: logo.png\n`.replace('language: en', 'language: en-GB'),
      'logo.png': logo,
      'articles/osh.md': story({title: 'Osh', topics: '[Kyrgyzstan]'}),
    })
    out = path.join(site, 'dist')
    expect((await buildSite({siteDir: site, outDir: out})).ok).toBe(true)
  })

  it.each([
    ['/', 'Test Desk'],
    ['/central-south-asia/', 'Central & South Asia'],
    ['/topics/kyrgyzstan/', 'Kyrgyzstan'],
    ['/topics/', 'Topics'],
    ['/corrections/', 'Corrections'],
  ])('%s has a canonical URL and shares as a website, with the logo as its picture', async (url, title) => {
    const page = await readPage(out, url)
    expect(page.one('link[rel=canonical]').properties['href']).toBe(`https://news.example.org${url}`)
    const tags = new Map(metaTags(page))
    expect(tags.get('og:type')).toBe('website')
    expect(tags.get('og:title')).toBe(title)
    expect(tags.get('og:url')).toBe(`https://news.example.org${url}`)
    expect(tags.get('og:locale')).toBe('en_GB')
    expect(tags.get('og:image')).toMatch(/^https:\/\/news\.example\.org\/assets\/media\/logo\.[0-9a-f]{10}\.png$/)
    expect(tags.get('twitter:card')).toBe('summary')
    expect(tags.has('article:published_time')).toBe(false)
  })

  it('describes the desk itself on the front page', async () => {
    const data = structuredData(await readPage(out, '/'))
    expect(data).toMatchObject({'@context': 'https://schema.org', '@type': 'NewsMediaOrganization', name: 'Test Desk', url: 'https://news.example.org/'})
  })
})

describe('the site’s address', () => {
  function buildWithEnvironment(site: string, environment: Record<string, string | undefined>) {
    const env = {...process.env, ...environment}
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
    return new Promise<{code: number; stderr: string}>((resolve) => {
      execFile(
        path.join(repository, 'node_modules/.bin/tsx'),
        [path.join(repository, 'scripts/build.ts'), '--site', site, '--out', path.join(site, 'dist'), '--no-cache'],
        {cwd: repository, env},
        (error, _stdout, stderr) => resolve({code: error ? Number(error.code ?? 1) : 0, stderr}),
      )
    })
  }

  it('comes from Netlify’s URL variable when it is set, for canonical links, feeds and sitemaps alike', async () => {
    const site = await makeSite({'articles/osh.md': story({title: 'Osh'})})
    expect(await buildWithEnvironment(site, {URL: 'https://desk.example.com'})).toMatchObject({code: 0})
    const page = await readPage(path.join(site, 'dist'), storyUrl)
    expect(page.one('link[rel=canonical]').properties['href']).toBe(`https://desk.example.com${storyUrl}`)
    expect(await readFile(path.join(site, 'dist/feed.xml'), 'utf8')).toContain(`<link>https://desk.example.com${storyUrl}</link>`)
    expect(await readFile(path.join(site, 'dist/sitemap.xml'), 'utf8')).toContain(`<loc>https://desk.example.com${storyUrl}</loc>`)
    expect(await readFile(path.join(site, 'dist/robots.txt'), 'utf8')).toContain('Sitemap: https://desk.example.com/sitemap.xml')
  })

  it('comes from site.yaml otherwise', async () => {
    const site = await makeSite({'articles/osh.md': story({title: 'Osh'})})
    expect(await buildWithEnvironment(site, {URL: undefined})).toMatchObject({code: 0})
    const page = await readPage(path.join(site, 'dist'), storyUrl)
    expect(page.one('link[rel=canonical]').properties['href']).toBe(`https://news.example.org${storyUrl}`)
  })

  it('refuses a URL variable that is not a site’s address, plainly', async () => {
    const site = await makeSite({'articles/osh.md': story({title: 'Osh'})})
    const run = await buildWithEnvironment(site, {URL: 'desk.example.com/news'})
    expect(run).toEqual({
      code: 1,
      stderr: "The URL environment variable must be the site's address, like https://example.org, not desk.example.com/news: fix or unset it\n",
    })
  })
})
