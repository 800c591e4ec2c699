// Old addresses of moved stories (`aliases`) and paged lists, end to end: built into `_redirects`, checked against every live address, followed by the preview server.
import {readFile, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {select} from 'hast-util-select'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {startPreviewServer, type PreviewServer} from '../../scripts/serve/preview-server.ts'
import {makeSite, readPage, siteYaml, story, textOf, type Page} from '../helpers/fixture-site.ts'
import {rawGet} from '../helpers/raw-get.ts'

const comment = '# Old addresses of moved stories, sent on to where the stories are now (`aliases` in their front matter).'

const photo = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'

/**
 * Five stories in one section and one in another, two to a page: the section runs to three pages. Three
 * corrections: the corrections page runs to two. Four aliases over three stories; `osh-curfew` moved from
 * the 13th (slug `osh`) to the 14th, and its old address is one of them.
 */
const desk: Record<string, string> = {
  'site.yaml': siteYaml + 'page_size: 2\n',
  'articles/vote.md': story({
    title: 'Vote count begins',
    published: '2010-05-10T08:00:00Z',
    corrections: '\n  - date: 2010-05-12T10:00:00Z\n    text: An earlier version gave the wrong turnout.',
  }),
  'articles/osh.md': story({
    title: 'Curfew in Osh',
    published: '2010-05-14T08:00:00Z',
    slug: 'osh-curfew',
    aliases: '[/central-south-asia/2010/05/13/osh/, /news/2010/05/osh.html]',
    corrections: '\n  - date: 2010-05-16T09:30:00Z\n    text: An earlier version misspelled the mayor’s name.',
  }),
  'articles/clashes.md': story({
    image: '\n  src: crowd.svg\n  alt: A crowd\n  credit: AFP',
    aliases: '[/old/story/]',
    corrections: '\n  - date: 2010-05-17T08:00:00Z\n    text: A later version corrected the name of the city.',
  }),
  'articles/crowd.svg': photo,
  'articles/border.md': story({title: 'Border reopens', published: '2010-05-16T08:00:00Z'}),
  'articles/aid.md': story({title: 'Aid arrives', published: '2010-05-17T08:00:00Z'}),
  'articles/cairo.md': story({title: 'Talks resume in Cairo', section: 'middle-east', aliases: '[/news/2010/05/cairo.html]'}),
}

const urls = {
  vote: '/central-south-asia/2010/05/10/vote/',
  osh: '/central-south-asia/2010/05/14/osh-curfew/',
  clashes: '/central-south-asia/2010/05/15/clashes/',
  cairo: '/middle-east/2010/05/15/cairo/',
}

interface Build {
  ok: boolean
  /** Every message as `file:line:column rule: reason`, by file, then line and column. */
  problems: string[]
}

async function build(site: string, out: string): Promise<Build> {
  const result = await buildSite({siteDir: site, outDir: out})
  const problems = result.files
    .flatMap((file) => file.messages.map((m) => ({file: path.relative(site, file.path), line: m.line ?? 0, column: m.column ?? 0, m})))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
    .map(({file, line, column, m}) => `${file}:${line}:${column} ${m.ruleId}: ${m.reason}`)
  return {ok: result.ok, problems}
}

/** Builds `files` as a new site into its `dist/`, failing the test on any message. */
async function buildClean(files: Record<string, string>): Promise<{site: string; out: string}> {
  const site = await makeSite(files)
  const out = path.join(site, 'dist')
  const {ok, problems} = await build(site, out)
  expect(problems).toEqual([])
  expect(ok).toBe(true)
  return {site, out}
}

/** Every file of a built site by its path, so a later failed build can be shown to have changed nothing. */
async function snapshot(out: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(out, {recursive: true, withFileTypes: true})
  const files = new Map<string, Buffer>()
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(out, file), await readFile(file))
  }
  return files
}

/** The first element under `node` matching a CSS selector; fails the test if there is none. */
function within(node: Element, selector: string): Element {
  const found = select(selector, node)
  if (!found) throw new Error(`No element matches ${selector}`)
  return found
}

/** A story ending its front matter in an `aliases:` block: with `fields` overriding defaults only, the aliases are at 8:5, 9:5 and on. */
function storyWithAliases(fields: Record<string, string>, aliases: readonly string[]): string {
  return story({...fields, aliases: aliases.map((alias) => `\n  - ${alias}`).join('')})
}

describe('_redirects', () => {
  it('sends every alias on to its story, sorted by old path, including a moved story’s old address', async () => {
    const {out} = await buildClean(desk)
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toBe(
      [
        comment,
        `/central-south-asia/2010/05/13/osh/ ${urls.osh} 301`,
        `/news/2010/05/cairo.html ${urls.cairo} 301`,
        `/news/2010/05/osh.html ${urls.osh} 301`,
        `/old/story/ ${urls.clashes} 301`,
        '',
      ].join('\n'),
    )
    // The story lives at its new address only; the old one is left to the redirect.
    expect((await readPage(out, urls.osh)).text('h1')).toBe('Curfew in Osh')
    await expect(readFile(path.join(out, 'central-south-asia/2010/05/13/osh/index.html'))).rejects.toThrow(/ENOENT/)
  })

  it('is written, with its comment only, when no story has aliases', async () => {
    const {out} = await buildClean({'articles/a.md': story()})
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toBe(`${comment}\n`)
  })
})

describe('aliases that could never be followed', () => {
  const live = (alias: string, page: string) =>
    `alias-collision: Alias \`${alias}\` is the address of a live page, ${page}, so the redirect would never be followed: remove the alias`
  const asset = (alias: string) =>
    `alias-collision: Alias \`${alias}\` is under /assets/, which holds the site’s own files: remove the alias`

  it('fails the build on every collision at once, each at its alias, and leaves the previous site as it was', async () => {
    const {site, out} = await buildClean(desk)
    const before = await snapshot(out)
    const photoUrl = `/${[...before.keys()].find((file) => file.startsWith('assets/media/'))}`
    expect(photoUrl).toMatch(/^\/assets\/media\/crowd\.[0-9a-f]+\.svg$/)

    // Older than every other story, so the aliases its neighbours already hold are theirs.
    const moved = {title: 'Moved story', published: '2010-05-01T08:00:00Z'}
    await writeFile(
      path.join(site, 'articles/moved.md'),
      storyWithAliases(moved, [
        '/central-south-asia/2010/05/01/moved/index.html',
        '/central-south-asia',
        '/central-south-asia/page/2/index.html',
        '/feed.xml',
        '/topics/',
        '/corrections',
        photoUrl,
        '/old/twice/',
        '/old/twice',
        '/news/2010/05/osh.html',
      ]),
    )
    await writeFile(path.join(site, 'articles/also.md'), storyWithAliases({title: 'Also moved', published: '2010-05-02T08:00:00Z'}, ['/old/story']))

    const {ok, problems} = await build(site, out)
    expect(ok).toBe(false)
    expect(problems).toEqual([
      'articles/also.md:8:5 alias-collision: Alias `/old/story` is also an alias of articles/clashes.md: an old address can lead to one story only',
      'articles/moved.md:8:5 alias-collision: Alias `/central-south-asia/2010/05/01/moved/index.html` is this story’s own address: remove it',
      `articles/moved.md:9:5 ${live('/central-south-asia', '/central-south-asia/')}`,
      `articles/moved.md:10:5 ${live('/central-south-asia/page/2/index.html', '/central-south-asia/page/2/')}`,
      `articles/moved.md:11:5 ${live('/feed.xml', '/feed.xml')}`,
      `articles/moved.md:12:5 ${live('/topics/', '/topics/')}`,
      `articles/moved.md:13:5 ${live('/corrections', '/corrections/')}`,
      `articles/moved.md:14:5 ${asset(photoUrl)}`,
      'articles/moved.md:16:5 alias-collision: Alias `/old/twice` is listed twice: remove one',
      'articles/moved.md:17:5 alias-collision: Alias `/news/2010/05/osh.html` is also an alias of articles/osh.md: an old address can lead to one story only',
    ])
    expect(await snapshot(out)).toEqual(before)
  })

  it('reports an alias under /assets/, such as the stylesheet’s address, whose name changes with its contents', async () => {
    const {site, out} = await buildClean(desk)
    const stylesheet = (await readdir(path.join(out, 'assets'))).find((file) => file.endsWith('.css'))
    const url = `/assets/${stylesheet}`
    await writeFile(path.join(site, 'articles/moved.md'), storyWithAliases({title: 'Moved story', published: '2010-05-01T08:00:00Z'}, [url]))
    const {ok, problems} = await build(site, out)
    expect(problems).toEqual([`articles/moved.md:8:5 ${asset(url)}`])
    expect(ok).toBe(false)
  })

  it('reports an alias that is the 404 page’s address without `.html`, which Netlify serves from 404.html', async () => {
    const {site, out} = await buildClean(desk)
    await writeFile(path.join(site, 'articles/moved.md'), storyWithAliases({title: 'Moved story', published: '2010-05-01T08:00:00Z'}, ['/404']))
    const {ok, problems} = await build(site, out)
    expect(problems).toEqual([`articles/moved.md:8:5 ${live('/404', '/404.html')}`])
    expect(ok).toBe(false)
  })
})

describe('aliases that are not old paths of this site', () => {
  it.each([
    ['news/x', 'without its leading slash'],
    ['/a b', 'with a space'],
    ['/old/*', 'with a wildcard'],
    ['/:year/x', 'with a placeholder'],
    ['//evil.example/x', 'naming another host'],
    ['/x?y=1', 'with a query'],
    ['/x#top', 'with a fragment'],
    ['/news/100%', 'with a `%` that encodes nothing'],
    ['/news/caf%C', 'with a `%` short of its two digits'],
  ])('reports `%s` (%s) at the alias, with what to write', async (alias) => {
    const site = await makeSite({'articles/a.md': storyWithAliases({}, ['/fine/', alias])})
    const {ok, problems} = await build(site, path.join(site, 'dist'))
    expect(ok).toBe(false)
    expect(problems).toEqual([
      'articles/a.md:9:5 invalid-value: `aliases[1]` must be an old path of this site, like `/news/2010/05/osh.html`: starting with `/`, without spaces, `*`, `:`, `?` or `#` (write other characters %-encoded, like `%C3%A9`)',
    ])
  })

  it('reports an alias under /.netlify/, which Netlify keeps for itself', async () => {
    const site = await makeSite({'articles/a.md': storyWithAliases({}, ['/.netlify/functions/x'])})
    const {ok, problems} = await build(site, path.join(site, 'dist'))
    expect(ok).toBe(false)
    expect(problems).toEqual([
      'articles/a.md:8:5 alias-collision: Alias `/.netlify/functions/x` is under /.netlify/, which Netlify keeps for itself: remove the alias',
    ])
  })

  it('keeps a %-encoded slash apart from a real one: `/news/a%2Fb` is not `/news/a/b`', async () => {
    const site = await makeSite({
      'articles/a.md': storyWithAliases({}, ['/news/a%2Fb']),
      'articles/b.md': storyWithAliases({published: '2010-05-14T10:00:00Z'}, ['/news/a/b']),
    })
    const {ok, problems} = await build(site, path.join(site, 'dist'))
    expect(problems).toEqual([])
    expect(ok).toBe(true)
  })

  it('%-encodes a story address in any script, as Netlify asks of special characters, and the preview server follows it', async () => {
    const site = await makeSite({'articles/ош-news.md': storyWithAliases({}, ['/news/2010/05/osh.html'])})
    const out = path.join(site, 'dist')
    expect((await build(site, out)).ok).toBe(true)
    const target = '/central-south-asia/2010/05/15/%D0%BE%D1%88-news/'
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(`/news/2010/05/osh.html ${target} 301\n`)
    const server = await startPreviewServer({root: out, port: 0})
    try {
      const response = await fetch(new URL('/news/2010/05/osh.html', server.url), {redirect: 'manual'})
      expect([response.status, response.headers.get('location')]).toEqual([301, target])
      expect((await fetch(new URL(target, server.url))).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('reports every bad alias of a story in one run', async () => {
    const site = await makeSite({'articles/a.md': storyWithAliases({}, ['news/x', '/fine/', '/a b', '//evil.example/x'])})
    const {problems} = await build(site, path.join(site, 'dist'))
    expect(problems.map((problem) => problem.split(' ', 2).join(' '))).toEqual([
      'articles/a.md:8:5 invalid-value:',
      'articles/a.md:10:5 invalid-value:',
      'articles/a.md:11:5 invalid-value:',
    ])
  })
})

describe('the preview server, on a built site with aliases', () => {
  let server: PreviewServer
  let out: string

  beforeAll(async () => {
    out = (await buildClean(desk)).out
    server = await startPreviewServer({root: out, port: 0})
  })

  afterAll(async () => {
    await server?.close()
  })

  const get = (rawPath: string) => rawGet(server.url, rawPath)

  it.each([
    ['/news/2010/05/osh.html', urls.osh],
    ['/news/2010/05/osh.html/', urls.osh],
    ['/central-south-asia/2010/05/13/osh/', urls.osh],
    ['/central-south-asia/2010/05/13/osh', urls.osh],
    ['/old/story/', urls.clashes],
    ['/old/story', urls.clashes],
    ['/news/2010/05/cairo.html', urls.cairo],
  ])('answers the old path %s with a permanent redirect to %s', async (from, to) => {
    expect(await get(from)).toMatchObject({status: 301, location: to})
    expect((await get(to)).status).toBe(200)
  })

  it('serves a live page itself', async () => {
    const response = await get(urls.osh)
    expect(response.status).toBe(200)
    expect(response.body).toBe(await readFile(path.join(out, urls.osh, 'index.html'), 'utf8'))
  })

  it('answers an address that is neither a page nor an alias with the 404 page', async () => {
    const notFound = await readFile(path.join(out, '404.html'), 'utf8')
    for (const unknown of ['/news/2010/05/nothing.html', '/old/', '/old/story/more/']) {
      expect(await get(unknown)).toMatchObject({status: 404, body: notFound})
    }
  })
})

describe('paged lists', () => {
  let out: string
  beforeAll(async () => {
    out = (await buildClean(desk)).out
  })

  /** The page's title, its head's rel links, and the hrefs of its visible pager. */
  function pagingOf(page: Page) {
    const href = (selector: string) => page.all(selector).map((element) => String(element.properties['href']))
    return {
      title: page.text('title'),
      prev: href('head link[rel=prev]'),
      next: href('head link[rel=next]'),
      pager: page.all('nav.pager').length > 0 ? page.text('nav.pager') : undefined,
      pagerLinks: href('nav.pager a'),
    }
  }

  it('pages a section two stories at a time, the first page at the section’s own address', async () => {
    const pages = await Promise.all(['/central-south-asia/', '/central-south-asia/page/2/', '/central-south-asia/page/3/'].map((url) => readPage(out, url)))
    expect(pages.map((page) => page.all('.story-list .card-title').map(textOf))).toEqual([
      ['Aid arrives', 'Border reopens'],
      ['Clashes erupt in south Kyrgyzstan', 'Curfew in Osh'],
      ['Vote count begins'],
    ])
    expect(pages.map(pagingOf)).toEqual([
      {
        title: 'Central & South Asia | Test Desk',
        prev: [],
        next: ['/central-south-asia/page/2/'],
        pager: 'Page 1 of 3 Older stories',
        pagerLinks: ['/central-south-asia/page/2/'],
      },
      {
        title: 'Central & South Asia, page 2 | Test Desk',
        prev: ['/central-south-asia/'],
        next: ['/central-south-asia/page/3/'],
        pager: 'Newer stories Page 2 of 3 Older stories',
        pagerLinks: ['/central-south-asia/', '/central-south-asia/page/3/'],
      },
      {
        title: 'Central & South Asia, page 3 | Test Desk',
        prev: ['/central-south-asia/page/2/'],
        next: [],
        pager: 'Newer stories Page 3 of 3',
        pagerLinks: ['/central-south-asia/page/2/'],
      },
    ])
    await expect(readPage(out, '/central-south-asia/page/1/')).rejects.toThrow(/ENOENT/)
    await expect(readPage(out, '/central-south-asia/page/4/')).rejects.toThrow(/ENOENT/)
  })

  it('reaches every story of the section once by following the pager’s links, each to a built page', async () => {
    const seen: string[] = []
    const visited: string[] = []
    let url: string | undefined = '/central-south-asia/'
    while (url && !visited.includes(url)) {
      visited.push(url)
      const page = await readPage(out, url)
      for (const href of page.all('nav.pager a').map((a) => String(a.properties['href']))) await readPage(out, href)
      seen.push(...page.all('.story-list .card-title a').map((a) => String(a.properties['href'])))
      url = page.all('nav.pager a[rel=next]').map((a) => String(a.properties['href']))[0]
    }
    expect(visited).toEqual(['/central-south-asia/', '/central-south-asia/page/2/', '/central-south-asia/page/3/'])
    expect(seen).toEqual([
      '/central-south-asia/2010/05/17/aid/',
      '/central-south-asia/2010/05/16/border/',
      urls.clashes,
      urls.osh,
      urls.vote,
    ])
  })

  it('shows no pager on a section that fits one page', async () => {
    const page = await readPage(out, '/middle-east/')
    expect(pagingOf(page)).toEqual({title: 'Middle East | Test Desk', prev: [], next: [], pager: undefined, pagerLinks: []})
    await expect(readPage(out, '/middle-east/page/2/')).rejects.toThrow(/ENOENT/)
  })

  it('lists every correction newest first, linked to its story, paged like a section', async () => {
    const first = await readPage(out, '/corrections/')
    const second = await readPage(out, '/corrections/page/2/')
    const listed = (page: Page) =>
      page.all('.correction-list .correction').map((item) => ({
        story: textOf(within(item, '.card-title a')),
        href: String(within(item, '.card-title a').properties['href']),
        date: String(within(item, 'time').properties['dateTime']),
        text: textOf(within(item, 'p:last-child')),
      }))
    expect([...listed(first), ...listed(second)]).toEqual([
      {story: 'Clashes erupt in south Kyrgyzstan', href: urls.clashes, date: '2010-05-17T08:00:00Z', text: 'A later version corrected the name of the city.'},
      {story: 'Curfew in Osh', href: urls.osh, date: '2010-05-16T09:30:00Z', text: 'An earlier version misspelled the mayor’s name.'},
      {story: 'Vote count begins', href: urls.vote, date: '2010-05-12T10:00:00Z', text: 'An earlier version gave the wrong turnout.'},
    ])
    expect(listed(first)).toHaveLength(2)
    expect([pagingOf(first), pagingOf(second)]).toEqual([
      {title: 'Corrections | Test Desk', prev: [], next: ['/corrections/page/2/'], pager: 'Page 1 of 2 Older stories', pagerLinks: ['/corrections/page/2/']},
      {
        title: 'Corrections, page 2 | Test Desk',
        prev: ['/corrections/'],
        next: [],
        pager: 'Newer stories Page 2 of 2',
        pagerLinks: ['/corrections/'],
      },
    ])
    for (const {href} of [...listed(first), ...listed(second)]) await readPage(out, href)
    await expect(readPage(out, '/corrections/page/3/')).rejects.toThrow(/ENOENT/)
  })
})
