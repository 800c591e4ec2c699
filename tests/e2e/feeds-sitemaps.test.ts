// The files a build writes for machines, read the way their consumers read them: every feed and sitemap through a
// real XML parser, checked against its specification (RSS 2.0, JSON Feed 1.1, sitemaps.org 0.9, Google News), and
// the feed links every page offers to feed readers.
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {DOMParser, type Document, type Element} from '@xmldom/xmldom'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite, type BuildOptions} from '../../scripts/build-site.ts'
import {loadContent, type Content} from '../../scripts/content/load-content.ts'
import {outputPathOf} from '../../scripts/content/permalinks.ts'
import {renderNewsSitemap} from '../../scripts/formats/sitemap.ts'
import {planDataPages} from '../../scripts/pages/plan-data-pages.ts'
import type {NewsSitemap} from '../../scripts/pages/page.ts'
import {makeSite, readPage, story} from '../helpers/fixture-site.ts'

const siteUrl = 'https://news.example.org'
const atomNamespace = 'http://www.w3.org/2005/Atom'
const mediaNamespace = 'http://search.yahoo.com/mrss/'
const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const newsNamespace = 'http://www.google.com/schemas/sitemap-news/0.9'

const hour = 60 * 60 * 1000
/** The build's clock: every story's age below is measured from it, never from the real one. */
const now = Date.parse('2010-05-20T12:00:00Z')

const rfc822Pattern = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/
/** RFC 3339 date-time: seconds and an offset are required. */
const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
/** W3C datetime (www.w3.org/TR/NOTE-datetime), as sitemaps want: a date, or a date and time with an offset. */
const w3cDatetimePattern = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/
/** What sitemap.xsd accepts in `lastmod`: `xsd:date`, or `xsd:dateTime`, which needs seconds. */
const lastmodPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/

/** A 1×1 PNG: the photo whose size the feeds must announce. */
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

interface Fixture {
  slug: string
  section: 'central-south-asia' | 'middle-east'
  /** As the reporter writes it, offsets and minute precision included. */
  published: string
  title: string
  topics: string[]
  /** The front matter lines besides these, as `story()` takes them. */
  extra?: Record<string, string>
}

const sectionTitles = {'central-south-asia': 'Central & South Asia', 'middle-east': 'Middle East'}

/** Newest first, as every feed orders them; `feed_items: 3` makes each feed hold fewer than its stories. */
const stories: Fixture[] = [
  {
    slug: 'fresh',
    section: 'central-south-asia',
    published: '2010-05-20T11:00:00Z', // 1 hour before `now`
    title: 'Rock & roll <b>"banned"</b> in Osh\'s clubs',
    topics: ['Kyrgyzstan'],
    extra: {image: '\n  src: photo.png\n  alt: A crowd outside a club\n  credit: AFP'},
  },
  {slug: 'day-old', section: 'middle-east', published: '2010-05-18T19:00:00+06:00', title: 'Talks resume', topics: ['Kyrgyzstan']}, // 47 hours
  {
    slug: 'stale',
    section: 'central-south-asia',
    published: '2010-05-18T11:00Z', // 49 hours, written to the minute
    title: 'Curfew lifted',
    topics: ['Osh'],
    extra: {modified: '2010-05-19T08:00:00Z'},
  },
  {
    slug: 'old-one',
    section: 'central-south-asia',
    published: '2010-05-12T09:30:00+06:00',
    title: 'Refugees cross the border',
    topics: ['Kyrgyzstan', 'Osh'],
    extra: {corrections: '\n  - date: 2010-05-13T10:00:00Z\n    text: An earlier version misspelt the town.'},
  },
  {slug: 'old-two', section: 'central-south-asia', published: '2010-05-11T08:00:00Z', title: 'Markets reopen', topics: []},
  {slug: 'old-three', section: 'middle-east', published: '2010-05-10T08:00:00Z', title: 'Envoy arrives', topics: ['Kyrgyzstan']},
]
/** Under embargo at `now`: on no page, in no feed and no sitemap. */
const embargoed: Fixture = {slug: 'future', section: 'central-south-asia', published: '2010-05-21T00:00:00Z', title: 'Not yet', topics: ['Kyrgyzstan']}

function standfirstOf(fixture: Fixture): string {
  return `Standfirst of ${fixture.slug}.`
}

/** The desk is in UTC, so a story's URL carries its UTC date. */
function storyUrl(fixture: Fixture): string {
  const [year, month, day] = new Date(Date.parse(fixture.published)).toISOString().slice(0, 10).split('-')
  return `${siteUrl}/${fixture.section}/${year}/${month}/${day}/${fixture.slug}/`
}

function storyFile(fixture: Fixture): string {
  return story({
    title: `'${fixture.title.replaceAll("'", "''")}'`,
    standfirst: standfirstOf(fixture),
    section: fixture.section,
    published: fixture.published,
    topics: fixture.topics.length > 0 ? `[${fixture.topics.join(', ')}]` : '',
    ...fixture.extra,
  })
}

function byTopic(topic: string): Fixture[] {
  return stories.filter((fixture) => fixture.topics.includes(topic))
}

function bySection(section: Fixture['section']): Fixture[] {
  return stories.filter((fixture) => fixture.section === section)
}

// `en-GB`, so the news sitemap must cut it to `en`; `page_size: 2` gives the sitemap paged lists to cover.
const fixtureSiteYaml = `name: Test Desk
url: ${siteUrl}
language: en-GB
timezone: UTC
feed_items: 3
page_size: 2
sections:
  - slug: central-south-asia
    title: Central & South Asia
  - slug: middle-east
    title: Middle East
`

let fixtureSite: Promise<string> | undefined
/** One site for every build of this file: each build writes to its own folder. */
function site(): Promise<string> {
  fixtureSite ??= makeSite({
    'site.yaml': fixtureSiteYaml,
    'articles/photo.png': photo,
    ...Object.fromEntries([...stories, embargoed].map((fixture) => [`articles/${fixture.slug}.md`, storyFile(fixture)])),
  })
  return fixtureSite
}

/** Builds the fixture site into `dist-<name>`, failing on any problem. */
async function build(name: string, options: Partial<BuildOptions> = {}): Promise<string> {
  const siteDir = await site()
  const out = path.join(siteDir, `dist-${name}`)
  const result = await buildSite({siteDir, outDir: out, now, ...options})
  expect(result.files.flatMap((file) => file.messages.map((message) => `${file.path}: ${message.reason}`))).toEqual([])
  expect(result.ok).toBe(true)
  return out
}

/** Outside XML 1.0's `Char` production: xmldom lets these through, expat and libxml2 refuse the whole file. */
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Parses XML strictly: a warning is as bad as an error, since feed readers differ in what they forgive. */
function parseXml(xml: string, name: string): Document {
  const bad = notXmlCharacter.exec(xml)
  if (bad) throw new Error(`${name} is not well-formed XML: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} at offset ${bad.index}`)
  // Also beyond xmldom: `]]>` may not stand in text outside a CDATA section, and these files hold none.
  const cdataEnd = xml.indexOf(']]>')
  if (cdataEnd >= 0) throw new Error(`${name} is not well-formed XML: \`]]>\` in text at offset ${cdataEnd}`)
  const parser = new DOMParser({
    onError(level, message) {
      throw new Error(`${name} is not well-formed XML (${level}): ${message}`)
    },
  })
  return parser.parseFromString(xml, 'text/xml')
}

async function readXml(out: string, url: string): Promise<Document> {
  return parseXml(await readFile(path.join(out, outputPathOf(url)), 'utf8'), url)
}

function rootOf(document: Document): Element {
  const root = document.documentElement
  if (!root) throw new Error('The document has no root element')
  return root
}

/** Direct children by namespace and local name: `title` of an item, not of the channel around it. */
function childrenOf(parent: Element, namespace: string | null, localName: string): Element[] {
  return Array.from(parent.children).filter((child) => (child.namespaceURI ?? null) === namespace && child.localName === localName)
}

function onlyChild(parent: Element, namespace: string | null, localName: string): Element {
  const found = childrenOf(parent, namespace, localName)
  if (found.length !== 1) throw new Error(`Expected exactly one <${localName}> in <${parent.localName}>, found ${found.length}`)
  return found[0]!
}

function childText(parent: Element, namespace: string | null, localName: string): string {
  return onlyChild(parent, namespace, localName).textContent ?? ''
}

/** A URL of this site as the file the build wrote for it; fails if the URL is not absolute or on another site. */
function outputFileOf(out: string, absolute: string, origin = siteUrl): string {
  const url = new URL(absolute)
  expect(url.origin).toBe(origin)
  return path.join(out, outputPathOf(decodeURIComponent(url.pathname)))
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (stats) => stats.isFile(),
    () => false,
  )
}

/** Every reader's page the build wrote, as absolute URLs: `x/index.html` is `/x/`; the 404 page is not a page to list. */
async function builtPageUrls(out: string, origin = siteUrl): Promise<string[]> {
  const files = await readdir(out, {recursive: true})
  return files
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.html') && file !== '404.html')
    .map((file) => new URL(`/${file.replace(/(^|\/)index\.html$/, '$1')}`, origin).href)
    .sort()
}

interface RssItem {
  element: Element
  title: string
  link: string
  guid: Element
  description: string
  pubDate: string
  categories: string[]
}

/** Reads an RSS 2.0 feed, checking the channel's required elements and its self link on the way. */
async function readRss(out: string, url: string): Promise<{channel: Element; items: RssItem[]}> {
  const root = rootOf(await readXml(out, url))
  expect(root.namespaceURI).toBeNull()
  expect(root.localName).toBe('rss')
  expect(root.getAttribute('version')).toBe('2.0')
  const channel = onlyChild(root, null, 'channel')
  expect(childText(channel, null, 'title')).not.toBe('')
  expect(childText(channel, null, 'description')).not.toBe('')
  expect(new URL(childText(channel, null, 'link')).origin).toBe(siteUrl)
  const self = childrenOf(channel, atomNamespace, 'link').filter((link) => link.getAttribute('rel') === 'self')
  expect(self.map((link) => link.getAttribute('href'))).toEqual([`${siteUrl}${url}`])
  const items = childrenOf(channel, null, 'item').map((element) => ({
    element,
    title: childText(element, null, 'title'),
    link: childText(element, null, 'link'),
    guid: onlyChild(element, null, 'guid'),
    description: childText(element, null, 'description'),
    pubDate: childText(element, null, 'pubDate'),
    categories: childrenOf(element, null, 'category').map((category) => category.textContent ?? ''),
  }))
  return {channel, items}
}

interface SitemapUrl {
  loc: string
  lastmod?: string | undefined
}

/** Reads a sitemaps.org `<urlset>`; `extra` checks each `<url>` for whatever else its kind of sitemap carries. */
async function readUrlset(out: string, url: string): Promise<{root: Element; urls: SitemapUrl[]}> {
  const root = rootOf(await readXml(out, url))
  expect(root.namespaceURI).toBe(sitemapNamespace)
  expect(root.localName).toBe('urlset')
  const urls = childrenOf(root, sitemapNamespace, 'url').map((entry) => {
    const lastmod = childrenOf(entry, sitemapNamespace, 'lastmod')
    expect(lastmod.length).toBeLessThanOrEqual(1)
    return {loc: childText(entry, sitemapNamespace, 'loc'), lastmod: lastmod[0]?.textContent ?? undefined}
  })
  for (const {loc, lastmod} of urls) {
    expect(new URL(loc).href).toBe(loc)
    if (lastmod !== undefined) expect(lastmod).toMatch(lastmodPattern)
  }
  return {root, urls}
}

let out: string
beforeAll(async () => {
  out = await build('main')
})

describe('every XML file of the build', () => {
  it('is well-formed', async () => {
    const files = (await readdir(out, {recursive: true})).filter((file) => file.endsWith('.xml'))
    // The site feed, 2 section feeds, 2 topic feeds, the sitemap and the news sitemap.
    expect(files).toHaveLength(7)
    for (const file of files) parseXml(await readFile(path.join(out, file), 'utf8'), file)
  })

  it.each([
    ['a character XML cannot carry', '"Clashes \\uFFFF erupt"'],
    ['the end of a CDATA section', '"Clashes ]]> erupt"'],
  ])('stays well-formed when a headline holds %s', async (_name, title) => {
    // YAML lets a reporter (or a paste from another program) write U+FFFF; XML 1.0 has no way to write it.
    const siteDir = await makeSite({'articles/odd.md': story({title, published: '2010-05-20T11:00:00Z'})})
    const dir = path.join(siteDir, 'dist')
    const result = await buildSite({siteDir, outDir: dir, now})
    if (!result.ok) {
      // Refusing the story is as good as dropping the character, provided the reporter is told where.
      expect(result.files.filter((file) => file.messages.length > 0).map((file) => path.basename(file.path))).toEqual(['odd.md'])
      return
    }
    for (const url of ['/feed.xml', '/central-south-asia/feed.xml', '/news-sitemap.xml', '/sitemap.xml']) await readXml(dir, url)
  })
})

describe('RSS 2.0 feeds', () => {
  it('hold the site’s newest `feed_items` stories, newest first, each linking to its page', async () => {
    const {channel, items} = await readRss(out, '/feed.xml')
    expect(childText(channel, null, 'title')).toBe('Test Desk')
    expect(childText(channel, null, 'link')).toBe(`${siteUrl}/`)
    expect(items.map((item) => item.link)).toEqual(stories.slice(0, 3).map(storyUrl))
    for (const item of items) {
      expect(await exists(outputFileOf(out, item.link)), item.link).toBe(true)
      expect(item.guid.getAttribute('isPermaLink')).toBe('true')
      expect(item.guid.textContent).toBe(item.link)
    }
  })

  it('give each story’s headline, standfirst, publication time, section and topics', async () => {
    const {items} = await readRss(out, '/feed.xml')
    for (const [index, item] of items.entries()) {
      const fixture = stories[index]!
      expect(item.title).toBe(fixture.title)
      expect(item.description).toBe(standfirstOf(fixture))
      expect(item.pubDate).toMatch(rfc822Pattern)
      expect(Date.parse(item.pubDate)).toBe(Date.parse(fixture.published))
      expect(item.categories).toEqual([sectionTitles[fixture.section], ...fixture.topics])
    }
  })

  it('writes the time in GMT whatever offset the reporter wrote it with', async () => {
    const {items} = await readRss(out, '/feed.xml')
    expect(items.find((item) => item.link === storyUrl(stories[1]!))?.pubDate).toBe('Tue, 18 May 2010 13:00:00 GMT')
  })

  it('brings back a headline with `&`, `<` and quotes exactly as written', async () => {
    const {items} = await readRss(out, '/feed.xml')
    expect(items[0]?.title).toBe('Rock & roll <b>"banned"</b> in Osh\'s clubs')
  })

  it('announces a story’s photo as an enclosure of the copied file’s size and type, and as Media RSS content', async () => {
    const {items} = await readRss(out, '/feed.xml')
    const item = items[0]!
    const enclosure = onlyChild(item.element, null, 'enclosure')
    const url = enclosure.getAttribute('url') ?? ''
    const copied = outputFileOf(out, url)
    expect((await stat(copied)).size).toBe(photo.length)
    expect(enclosure.getAttribute('length')).toBe(String(photo.length))
    expect(enclosure.getAttribute('type')).toBe('image/png')

    const media = onlyChild(item.element, mediaNamespace, 'content')
    expect(media.getAttribute('url')).toBe(url)
    expect(media.getAttribute('type')).toBe('image/png')
    expect(media.getAttribute('medium')).toBe('image')
    expect([media.getAttribute('width'), media.getAttribute('height')]).toEqual(['1', '1'])
    expect(childText(media, mediaNamespace, 'description')).toBe('A crowd outside a club')
    expect(childText(media, mediaNamespace, 'credit')).toBe('AFP')
    // Stories without a photo announce none.
    for (const other of items.slice(1)) {
      expect(childrenOf(other.element, null, 'enclosure')).toEqual([])
      expect(childrenOf(other.element, mediaNamespace, 'content')).toEqual([])
    }
  })

  it('of a section hold only that section’s newest stories', async () => {
    for (const section of ['central-south-asia', 'middle-east'] as const) {
      const {channel, items} = await readRss(out, `/${section}/feed.xml`)
      expect(childText(channel, null, 'link')).toBe(`${siteUrl}/${section}/`)
      expect(items.map((item) => item.link)).toEqual(bySection(section).slice(0, 3).map(storyUrl))
      for (const item of items) expect(item.categories[0]).toBe(sectionTitles[section])
    }
  })

  it('of a topic hold only that topic’s newest stories', async () => {
    for (const [slug, name] of [['kyrgyzstan', 'Kyrgyzstan'], ['osh', 'Osh']]) {
      const {channel, items} = await readRss(out, `/topics/${slug}/feed.xml`)
      expect(childText(channel, null, 'link')).toBe(`${siteUrl}/topics/${slug}/`)
      expect(items.map((item) => item.link)).toEqual(byTopic(name!).slice(0, 3).map(storyUrl))
      for (const item of items) expect(item.categories).toContain(name)
    }
  })

  it('leave out a story under embargo', async () => {
    const feeds = ['/feed.xml', '/central-south-asia/feed.xml', '/topics/kyrgyzstan/feed.xml']
    for (const feed of feeds) {
      const {items} = await readRss(out, feed)
      expect(items.map((item) => item.link)).not.toContain(storyUrl(embargoed))
    }
  })
})

describe('JSON Feed 1.1', () => {
  it('names itself, the site and its own address', async () => {
    const feed = JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8'))
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Test Desk')
    expect(feed.home_page_url).toBe(`${siteUrl}/`)
    expect(feed.feed_url).toBe(`${siteUrl}/feed.json`)
  })

  it('holds the newest `feed_items` stories, each with an id, its page, headline, text and RFC 3339 time', async () => {
    const feed = JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8'))
    const items: Array<Record<string, unknown>> = feed.items
    expect(items.map((item) => item.url)).toEqual(stories.slice(0, 3).map(storyUrl))
    for (const [index, item] of items.entries()) {
      const fixture = stories[index]!
      expect(typeof item.id).toBe('string')
      expect(item.id).not.toBe('')
      expect(await exists(outputFileOf(out, String(item.url)))).toBe(true)
      expect(item.title).toBe(fixture.title)
      expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true)
      expect(item.content_text).toBe(standfirstOf(fixture))
      expect(item.date_published).toMatch(rfc3339Pattern)
      expect(Date.parse(String(item.date_published))).toBe(Date.parse(fixture.published))
    }
    // Written to the minute, given with seconds.
    expect(items[2]?.date_published).toBe('2010-05-18T11:00:00Z')
    expect(items[0]?.image).toMatch(new RegExp(`^${siteUrl}/assets/media/`))
  })
})

describe('sitemap.xml', () => {
  it('lists every page of the site but the 404 page exactly once, at its absolute URL', async () => {
    const {urls} = await readUrlset(out, '/sitemap.xml')
    const locs = urls.map((url) => url.loc)
    expect(locs.toSorted()).toEqual(await builtPageUrls(out))
    expect(new Set(locs).size).toBe(locs.length)
    expect(locs).not.toContain(`${siteUrl}/404.html`)
    expect(locs).not.toContain(storyUrl(embargoed))
  })

  it('writes a time given to the minute with its seconds, as sitemap.xsd requires', async () => {
    const siteDir = await makeSite({'articles/a.md': story({published: '2010-05-15T21:43+06:00'})})
    const dir = path.join(siteDir, 'dist')
    expect((await buildSite({siteDir, outDir: dir, now})).ok).toBe(true)
    const {urls} = await readUrlset(dir, '/sitemap.xml')
    expect(urls.find((url) => url.loc.endsWith('/a/'))?.lastmod).toBe('2010-05-15T21:43:00+06:00')
  })

  it('dates a story by when it last changed: modified, else its latest correction, else published', async () => {
    const {urls} = await readUrlset(out, '/sitemap.xml')
    const lastmodOf = (fixture: Fixture) => urls.find((url) => url.loc === storyUrl(fixture))?.lastmod
    expect(lastmodOf(stories[0]!)).toBe('2010-05-20T11:00:00Z')
    expect(lastmodOf(stories[2]!)).toBe('2010-05-19T08:00:00Z')
    expect(lastmodOf(stories[3]!)).toBe('2010-05-13T10:00:00Z')
    for (const fixture of stories) {
      const lastmod = lastmodOf(fixture)
      expect(lastmod).toMatch(lastmodPattern)
      expect(Date.parse(lastmod!)).toBeGreaterThanOrEqual(Date.parse(fixture.published))
    }
  })
})

describe('a sitemap split into parts', () => {
  /** Reads `/sitemap.xml` as an index and every part it names; the parts' files must exist. */
  async function readParts(dir: string, origin = siteUrl): Promise<Array<{file: string; urls: SitemapUrl[]}>> {
    const root = rootOf(await readXml(dir, '/sitemap.xml'))
    expect(root.namespaceURI).toBe(sitemapNamespace)
    expect(root.localName).toBe('sitemapindex')
    const entries = childrenOf(root, sitemapNamespace, 'sitemap')
    expect(entries.length).toBeGreaterThan(1)
    const parts = []
    for (const entry of entries) {
      const lastmod = childrenOf(entry, sitemapNamespace, 'lastmod')
      if (lastmod[0]) expect(lastmod[0].textContent).toMatch(lastmodPattern)
      const file = outputFileOf(dir, childText(entry, sitemapNamespace, 'loc'), origin)
      expect(await exists(file), file).toBe(true)
      const {urls} = await readUrlset(dir, `/${path.relative(dir, file).split(path.sep).join('/')}`)
      parts.push({file, urls})
    }
    return parts
  }

  it('past the URL limit, indexes parts of at most that many URLs that together list every page once', async () => {
    const dir = await build('split-urls', {plan: {sitemapLimits: {urls: 4, bytes: 50 * 1024 * 1024}}})
    const parts = await readParts(dir)
    for (const part of parts) expect(part.urls.length).toBeLessThanOrEqual(4)
    expect(parts.flatMap((part) => part.urls.map((url) => url.loc)).toSorted()).toEqual(await builtPageUrls(dir))
  })

  it('past the byte limit, indexes parts no larger than the limit that together list every page once', async () => {
    const limit = 2000
    const preview = 'https://deploy-preview-42--news-desk.netlify.app'
    const dir = await build('split-bytes', {siteUrl: preview, plan: {sitemapLimits: {urls: 50_000, bytes: limit}}})
    const parts = await readParts(dir, preview)
    for (const part of parts) expect((await stat(part.file)).size, part.file).toBeLessThanOrEqual(limit)
    expect(parts.flatMap((part) => part.urls.map((url) => url.loc)).toSorted()).toEqual(await builtPageUrls(dir, preview))
  })
})

describe('news-sitemap.xml', () => {
  it('lists the stories of the two days before the build’s clock, for Google News', async () => {
    const {root, urls} = await readUrlset(out, '/news-sitemap.xml')
    // 1 and 47 hours old are in; 49 hours old is out, and so is the story still under embargo.
    expect(urls.map((url) => url.loc)).toEqual([storyUrl(stories[0]!), storyUrl(stories[1]!)])
    for (const [index, entry] of childrenOf(root, sitemapNamespace, 'url').entries()) {
      const fixture = stories[index]!
      const news = onlyChild(entry, newsNamespace, 'news')
      const publication = onlyChild(news, newsNamespace, 'publication')
      expect(childText(publication, newsNamespace, 'name')).toBe('Test Desk')
      // site.yaml says `en-GB`; Google News wants the ISO 639 code alone.
      expect(childText(publication, newsNamespace, 'language')).toBe('en')
      const date = childText(news, newsNamespace, 'publication_date')
      expect(date).toMatch(w3cDatetimePattern)
      expect(Date.parse(date)).toBe(Date.parse(fixture.published))
      expect(childText(news, newsNamespace, 'title')).toBe(fixture.title)
    }
    expect(now - Date.parse(stories[1]!.published)).toBe(47 * hour)
    expect(now - Date.parse(stories[2]!.published)).toBe(49 * hour)
  })

  it('leaves out a story ahead of the clock even in a preview that shows it', async () => {
    const {content} = await loadContent({siteDir: await site(), now, includeFuture: true})
    expect(content?.articles.map((article) => article.slug)).toContain('future')
    expect(newsSitemapOf(content!).articles.map((article) => article.slug)).toEqual(['fresh', 'day-old'])
  })

  it('holds at most 1,000 stories, the newest', async () => {
    const {content} = await loadContent({siteDir: await site(), now})
    // 1,001 copies of a loaded story, a minute apart, all well within the two days: building as many takes too long.
    const template = content!.articles[0]!
    const articles = Array.from({length: 1001}, (_, i) => {
      const epochMs = now - (i + 1) * 60_000
      return {...template, slug: `s${i}`, url: `/central-south-asia/2010/05/20/s${i}/`, published: {iso: new Date(epochMs).toISOString(), epochMs}}
    })
    const sitemap = newsSitemapOf({...content!, articles})
    expect(sitemap.articles.map((article) => article.slug)).toEqual(articles.slice(0, 1000).map((article) => article.slug))
    const rendered = rootOf(parseXml(renderNewsSitemap(sitemap, content!.site), 'news-sitemap.xml'))
    expect(childrenOf(rendered, sitemapNamespace, 'url')).toHaveLength(1000)
  })
})

/** The news sitemap as planned for `content`; the other pages do not matter to it. */
function newsSitemapOf(content: Content): NewsSitemap {
  const page = planDataPages(content, [], [], {}).find((entry) => entry.kind === 'newsSitemap')
  if (!page) throw new Error('No news sitemap was planned')
  return page
}

describe('robots.txt', () => {
  it('names both sitemaps by absolute URL', async () => {
    const lines = (await readFile(path.join(out, 'robots.txt'), 'utf8')).split('\n')
    expect(lines.filter((line) => line.startsWith('Sitemap:'))).toEqual([`Sitemap: ${siteUrl}/sitemap.xml`, `Sitemap: ${siteUrl}/news-sitemap.xml`])
  })
})

describe('feed autodiscovery', () => {
  const cases = [
    {name: 'the home page', url: '/', rss: ['/feed.xml']},
    {name: 'a section page', url: '/central-south-asia/', rss: ['/central-south-asia/feed.xml', '/feed.xml']},
    {name: 'a topic page', url: '/topics/kyrgyzstan/', rss: ['/topics/kyrgyzstan/feed.xml', '/feed.xml']},
    {name: 'an article page', url: new URL(storyUrl(stories[1]!)).pathname, rss: ['/middle-east/feed.xml', '/feed.xml']},
  ]

  for (const {name, url, rss} of cases) {
    it(`offers ${name}’s feeds, each a file the build wrote`, async () => {
      const page = await readPage(out, url)
      const hrefs = (type: string) => page.all(`link[rel=alternate][type="${type}"]`).map((link) => String(link.properties['href']))
      expect(hrefs('application/rss+xml')).toEqual(rss)
      expect(hrefs('application/feed+json')).toEqual(['/feed.json'])
      for (const href of [...rss, '/feed.json']) expect(await exists(path.join(out, outputPathOf(href))), href).toBe(true)
    })
  }
})
