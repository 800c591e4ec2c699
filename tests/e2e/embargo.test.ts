// Embargoes: a story whose `published` time is after the build's clock is left out of every page, feed and
// sitemap until then, yet its errors and links to it are still checked. The clock is always injected.
import {execFile} from 'node:child_process'
import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {buildSite, type BuildResult} from '../../scripts/build-site.ts'
import {createRebuild} from '../../scripts/watch/rebuild-site.ts'
import {makeSite, readPage, story, textOf} from '../helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))
const siteUrl = 'https://news.example.org'

const beforeEmbargo = '2010-05-16T06:00:00Z'
const embargoLifts = '2010-05-16T09:00:00Z'
const afterEmbargo = '2010-05-16T12:00:00Z'

const curfew = {
  file: 'articles/osh-curfew.md',
  url: '/central-south-asia/2010/05/16/osh-curfew/',
  title: 'Curfew imposed in Osh after night of clashes',
}

const photo = (width: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="3"/>`
const image = (src: string) => `\n  src: ${src}\n  alt: A crowd\n  credit: Reuters`

/** Two sections, topics shared across stories, a photo and a correction; plus the story under embargo. */
function deskFiles(): Record<string, string> {
  return {
    'articles/clashes.md': story({
      topics: '[Osh, Kyrgyzstan]',
      image: image('crowd.svg'),
      corrections: '\n  - date: 2010-05-15T18:00:00Z\n    text: An earlier version gave the wrong number of people hurt.',
    }),
    'articles/crowd.svg': photo(4),
    'articles/refugees.md': story({title: 'Uzbekistan opens its border to refugees', published: '2010-05-14T12:00:00Z', topics: '[Osh, Uzbekistan]'}),
    'articles/ceasefire.md': story({
      title: 'Ceasefire talks resume in Cairo',
      section: 'middle-east',
      published: '2010-05-15T09:00:00Z',
      topics: '[Diplomacy]',
    }),
    [curfew.file]: story({
      title: curfew.title,
      standfirst: 'Troops patrol the empty streets of the city.',
      published: embargoLifts,
      topics: '[Osh, Kyrgyzstan]',
      image: image('curfew.svg'),
      corrections: '\n  - date: 2010-05-16T11:00:00Z\n    text: An earlier version misstated the hours of the curfew.',
    }),
    'articles/curfew.svg': photo(5),
  }
}

async function buildDesk(files: Record<string, string>, now: string, options: {includeDrafts?: boolean} = {}) {
  const site = await makeSite(files)
  const out = path.join(site, 'dist')
  const result = await buildSite({siteDir: site, outDir: out, now: Date.parse(now), ...options})
  return {site, out, result}
}

/** Every problem of a build as `file:line:column rule: reason`. */
function problemsOf(result: BuildResult, site: string): string[] {
  return result.files.flatMap((file) =>
    file.messages.map((m) => `${path.relative(site, file.path)}:${m.line}:${m.column} ${m.ruleId}: ${m.reason}`),
  )
}

/** Every file of the built site, by path relative to it. */
async function outputFiles(out: string): Promise<string[]> {
  const entries = await readdir(out, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
}

/** The text files of the built site (pages, feeds, sitemaps, robots.txt, _redirects) that contain `needle`. */
async function filesMentioning(out: string, needle: string): Promise<string[]> {
  const textual = /\.(html|xml|json|txt)$|(^|\/)_redirects$/
  const found: string[] = []
  for (const file of await outputFiles(out)) {
    if (textual.test(file) && (await readFile(path.join(out, file), 'utf8')).includes(needle)) found.push(file)
  }
  return found.sort()
}

const read = (out: string, url: string) => readFile(path.join(out, url), 'utf8')
const cardTitles = async (out: string, url: string) => (await readPage(out, url)).all('.card-title').map(textOf)

describe('a story under embargo', () => {
  it('is left out of every page, feed and sitemap, and its photo is not copied', async () => {
    const {site, out, result} = await buildDesk(deskFiles(), beforeEmbargo)
    expect(problemsOf(result, site)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.stats?.articles).toBe(3)

    await expect(readdir(path.join(out, 'central-south-asia/2010/05/16'))).rejects.toThrow(/ENOENT/)
    const files = await outputFiles(out)
    // Sanity check of the walk: it sees the pages, feeds and sitemaps the assertions below rely on.
    expect(files).toEqual(expect.arrayContaining(['index.html', 'feed.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml', 'corrections/index.html']))
    expect(await filesMentioning(out, curfew.url)).toEqual([])
    expect(await filesMentioning(out, curfew.title)).toEqual([])
    expect(await filesMentioning(out, 'Troops patrol the empty streets')).toEqual([])
    expect(await filesMentioning(out, 'misstated the hours of the curfew')).toEqual([])

    expect(files.filter((file) => file.startsWith('assets/media/')).map((file) => file.replace(/\.\w+\.svg$/, ''))).toEqual(['assets/media/crowd'])
    expect(await cardTitles(out, '/topics/kyrgyzstan/')).toEqual(['Clashes erupt in south Kyrgyzstan'])
    expect((await readPage(out, '/topics/')).text('main')).toContain('Kyrgyzstan (1 story)')

    expect(result.embargoes).toEqual({
      count: 1,
      next: {sourcePath: path.join(site, curfew.file), published: {iso: embargoLifts, epochMs: Date.parse(embargoLifts)}},
    })
  })

  it('is published at exactly its time', async () => {
    const {out, result} = await buildDesk(deskFiles(), embargoLifts)
    expect(result.embargoes).toEqual({count: 0})
    expect((await readPage(out, curfew.url)).text('h1')).toBe(curfew.title)
  })

  it('appears everywhere once the clock passes its time, without the embargo banner', async () => {
    const {site, out, result} = await buildDesk(deskFiles(), afterEmbargo)
    expect(problemsOf(result, site)).toEqual([])
    expect(result.embargoes).toEqual({count: 0})

    const page = await readPage(out, curfew.url)
    expect(page.text('h1')).toBe(curfew.title)
    expect(page.html).not.toContain('Embargoed')
    expect(page.all('meta[name=robots]')).toEqual([])

    expect(await cardTitles(out, '/central-south-asia/')).toContain(curfew.title)
    // The newest story leads the front page.
    expect((await readPage(out, '/')).text('.lead-title')).toBe(curfew.title)
    expect(await cardTitles(out, '/topics/osh/')).toContain(curfew.title)
    expect(await cardTitles(out, '/topics/kyrgyzstan/')).toContain(curfew.title)
    expect((await readPage(out, '/central-south-asia/2010/05/15/clashes/')).all('.related .card-title').map(textOf)).toContain(curfew.title)
    expect((await readPage(out, '/corrections/')).text('main')).toContain('misstated the hours of the curfew')
    expect(await cardTitles(out, '/middle-east/')).not.toContain(curfew.title)

    const absolute = siteUrl + curfew.url
    for (const feed of ['feed.xml', 'central-south-asia/feed.xml', 'topics/osh/feed.xml']) {
      expect(await read(out, feed), feed).toContain(`<link>${absolute}</link>`)
    }
    expect(await read(out, 'middle-east/feed.xml')).not.toContain(absolute)
    const jsonFeed = JSON.parse(await read(out, 'feed.json')) as {items: Array<{url: string}>}
    expect(jsonFeed.items.map((item) => item.url)).toContain(absolute)
    expect(await read(out, 'sitemap.xml')).toContain(`<loc>${absolute}</loc>`)
    // Published three hours before the build: within the news sitemap's two days.
    expect(await read(out, 'news-sitemap.xml')).toContain(`<loc>${absolute}</loc>`)
    expect((await outputFiles(out)).filter((file) => file.startsWith('assets/media/curfew.'))).toHaveLength(1)
  })

  it('names the earliest of several in `embargoes.next`, and leaves drafts out of the count', async () => {
    const {site, result} = await buildDesk(
      {
        'articles/a.md': story(),
        'articles/later.md': story({title: 'Later', published: '2010-05-20T08:00:00Z'}),
        'articles/sooner.md': story({title: 'Sooner', published: '2010-05-18T08:00:00Z'}),
        'articles/draft.md': story({title: 'Draft', published: '2010-05-17T08:00:00Z', draft: 'true'}),
      },
      beforeEmbargo,
    )
    expect(result.ok).toBe(true)
    expect(result.embargoes.count).toBe(2)
    expect(result.embargoes.next?.sourcePath).toBe(path.join(site, 'articles/sooner.md'))
    expect(result.embargoes.next?.published.iso).toBe('2010-05-18T08:00:00Z')
  })

  it('keeps its photo in the site when a published story uses the same file', async () => {
    const files = {...deskFiles(), [curfew.file]: story({title: curfew.title, published: embargoLifts, image: image('crowd.svg')})}
    const {out, result} = await buildDesk(files, beforeEmbargo)
    expect(result.ok).toBe(true)
    expect((await outputFiles(out)).filter((file) => file.startsWith('assets/media/crowd.'))).toHaveLength(1)
  })
})

describe('a link to a story under embargo', () => {
  const linking = story({}, 'Troops moved in overnight.\n\nSee [the curfew](osh-curfew.md) for the hours.\n')

  it('fails the build at the link, naming the time the embargo lifts', async () => {
    const {site, result} = await buildDesk({...deskFiles(), 'articles/clashes.md': linking}, beforeEmbargo)
    expect(result.ok).toBe(false)
    expect(problemsOf(result, site)).toEqual([
      `articles/clashes.md:11:5 broken-link: Link to \`osh-curfew.md\` goes to a story under embargo until ${embargoLifts}: ` +
        'take the link out until then, or publish both together',
    ])
    expect(result.files.flatMap((file) => file.messages).every((message) => message.fatal)).toBe(true)
  })

  it('builds, pointing at the story’s URL, once the embargo has lifted', async () => {
    const {site, out, result} = await buildDesk({...deskFiles(), 'articles/clashes.md': linking}, afterEmbargo)
    expect(problemsOf(result, site)).toEqual([])
    expect(result.ok).toBe(true)
    expect((await readPage(out, '/central-south-asia/2010/05/15/clashes/')).one('.story-body a').properties['href']).toBe(curfew.url)
  })
})

describe('an error in a story under embargo', () => {
  const broken = story({title: curfew.title, published: embargoLifts, section: 'sprot'})

  it('fails the build, since the story is waiting to go out', async () => {
    const {site, result} = await buildDesk({'articles/a.md': story(), [curfew.file]: broken}, beforeEmbargo)
    expect(result.ok).toBe(false)
    expect(problemsOf(result, site)).toEqual([
      'articles/osh-curfew.md:4:10 unknown-section: Unknown section `sprot`: use one of `central-south-asia`, `middle-east`',
    ])
  })

  it('does not fail the build in a draft', async () => {
    const draft = story({title: curfew.title, published: embargoLifts, section: 'sprot', draft: 'true'})
    const {result} = await buildDesk({'articles/a.md': story(), [curfew.file]: draft}, beforeEmbargo)
    expect(result.ok).toBe(true)
  })

  // The deploy at its time runs unattended: a problem the story brings must stop this build instead.
  it('fails the build on a link to a story whose embargo lifts later than its own', async () => {
    const first = story({title: 'Curfew announced', published: embargoLifts}, 'See [the curfew](osh-curfew.md).\n')
    const later = story({title: curfew.title, published: afterEmbargo})
    const files = {'articles/a.md': story(), 'articles/announced.md': first, [curfew.file]: later}
    const {site, result} = await buildDesk(files, beforeEmbargo)
    expect(result.ok).toBe(false)
    expect(problemsOf(result, site)).toEqual([
      `articles/announced.md:9:5 broken-link: Link to \`osh-curfew.md\` goes to a story under embargo until ${afterEmbargo}: take the link out until then, or publish both together`,
    ])
    // Published together, they go out together.
    const together = {...files, [curfew.file]: story({title: curfew.title, published: embargoLifts})}
    expect((await buildDesk(together, beforeEmbargo)).result.ok).toBe(true)
  })

  it('fails the build on links to pages and aliases that would break the site when it lifts', async () => {
    const waiting = story({title: curfew.title, published: embargoLifts, aliases: '[/central-south-asia/]'}, 'See [the archive](/nowhere/).\n')
    const {site, result} = await buildDesk({'articles/a.md': story(), [curfew.file]: waiting}, beforeEmbargo)
    expect(result.ok).toBe(false)
    expect(problemsOf(result, site)).toEqual([
      'articles/osh-curfew.md:10:5 broken-link: Link to `/nowhere/` goes to /nowhere/, which is not a page of this site: check the address, or link to the story’s file (`../14/osh.md`)',
      'articles/osh-curfew.md:7:11 alias-collision: Alias `/central-south-asia/` is the address of a live page, /central-south-asia/, so the redirect would never be followed: remove the alias',
    ])
  })

  it('fails the build on a link to a missing story file and on an address a published story already has', async () => {
    const waiting = story({title: curfew.title, published: embargoLifts, slug: 'a'}, 'See [the curfew](nope.md).\n')
    const published = story({title: 'Clashes', published: '2010-05-16T05:00:00Z', slug: 'a'})
    const {site, result} = await buildDesk({'articles/a.md': published, [curfew.file]: waiting}, beforeEmbargo)
    expect(result.ok).toBe(false)
    expect(problemsOf(result, site).sort()).toEqual([
      'articles/a.md:1:1 duplicate-url: Another story has the same URL /central-south-asia/2010/05/16/a/: articles/osh-curfew.md; give one of them a different `slug`',
      'articles/osh-curfew.md:10:5 broken-link: Link to `nope.md` goes to no story: there is no story at articles/nope.md; check the path',
      'articles/osh-curfew.md:1:1 duplicate-url: Another story has the same URL /central-south-asia/2010/05/16/a/: articles/a.md; give one of them a different `slug`',
    ])
  })
})

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(script: 'build' | 'check', args: string[]): Promise<Run> {
  const tsx = path.join(repository, 'node_modules/.bin/tsx')
  return new Promise((resolve) => {
    execFile(tsx, [path.join(repository, `scripts/${script}.ts`), ...args], {cwd: repository}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, stdout, stderr})
    })
  })
}

describe('the command line', () => {
  const embargoLine = `1 story under embargo, left out. The next lifts at ${embargoLifts} (articles/osh-curfew.md): schedule a deploy for then.\n`

  it('builds without the story, and says when to deploy for it', async () => {
    const site = await makeSite(deskFiles())
    const out = path.join(site, 'dist')
    const run = await cli('build', ['--site', site, '--out', out, '--now', beforeEmbargo])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Built 3 articles in 2 sections: .* in \d+\.\d\d s\n/)
    expect(run.stdout.endsWith(embargoLine)).toBe(true)
    expect(await filesMentioning(out, curfew.url)).toEqual([])
  })

  it('says the same from `npm run check`', async () => {
    const run = await cli('check', ['--site', await makeSite(deskFiles()), '--now', beforeEmbargo])
    expect(run.code).toBe(0)
    expect(run.stdout.endsWith(embargoLine)).toBe(true)
  })

  it('previews the story with --future, marked as embargoed and kept from search engines', async () => {
    const site = await makeSite(deskFiles())
    const out = path.join(site, 'dist')
    const run = await cli('build', ['--site', site, '--out', out, '--now', beforeEmbargo, '--future'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('under embargo')

    const page = await readPage(out, curfew.url)
    expect(page.text('.draft-banner')).toBe('Embargoed: this story is published at 16 May 2010 09:00 GMT.')
    expect(page.one('meta[name=robots]').properties['content']).toBe('noindex')
    expect(await cardTitles(out, '/central-south-asia/')).toContain(curfew.title)
    // Still not news at the build's time, and kept from search engines: neither sitemap offers it.
    expect(await read(out, 'news-sitemap.xml')).not.toContain(curfew.url)
    expect(await read(out, 'sitemap.xml')).not.toContain(curfew.url)
    expect(await read(out, 'sitemap.xml')).toContain('/central-south-asia/2010/05/15/clashes/')
    expect((await readPage(out, '/central-south-asia/2010/05/15/clashes/')).all('meta[name=robots]')).toEqual([])
  })

  it('refuses a --now that is not a date and time, plainly', async () => {
    const site = await makeSite(deskFiles())
    for (const value of ['tomorrow', '2010-05-16', '2010-05-16T06:00:00']) {
      const run = await cli('build', ['--site', site, '--out', path.join(site, 'dist'), '--now', value])
      expect(run.code, value).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(`--now must be a date and time with a time zone, like 2010-05-15T18:00:00Z, not ${value}\n`)
    }
    expect(await readdir(site)).not.toContain('dist')
  })
})

describe('watch mode', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows a story under embargo, marked as such', async () => {
    // Watch mode builds for the clock, which cannot be passed in: only `Date` is faked, so timers and file events still run.
    vi.useFakeTimers({toFake: ['Date']})
    vi.setSystemTime(new Date(beforeEmbargo))
    const site = await makeSite(deskFiles())
    const out = path.join(site, 'preview')
    const rebuild = createRebuild({siteDir: site, outDir: out, includeDrafts: true, includeFuture: true})
    const result = await rebuild({articles: new Set(), everything: true})
    expect(result.files.flatMap((file) => file.messages)).toEqual([])
    expect(result.ok).toBe(true)

    const page = await readPage(out, curfew.url)
    expect(page.text('.draft-banner')).toBe('Embargoed: this story is published at 16 May 2010 09:00 GMT.')
    expect(page.one('meta[name=robots]').properties['content']).toBe('noindex')
    expect(result.changedUrls).toContain(curfew.url)
  })
})
