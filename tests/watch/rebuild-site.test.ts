import {readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {createRebuild, type RebuildResult, type SourceChanges} from '../../scripts/watch/rebuild-site.ts'
import {makeSite, readPage, siteYaml, story} from '../helpers/fixture-site.ts'

const nothing = (): SourceChanges => ({articles: new Set(), everything: false})
const changed = (...files: string[]): SourceChanges => ({articles: new Set(files), everything: false})

async function setUp() {
  const site = await makeSite({
    'articles/a.md': story({title: 'Story A', topics: '[Osh]', published: '2010-05-15T10:00:00Z'}),
    'articles/b.md': story({title: 'Story B', section: 'middle-east', published: '2010-05-14T10:00:00Z'}),
  })
  const out = path.join(site, 'preview')
  const rebuild = createRebuild({siteDir: site, outDir: out, includeDrafts: true})
  const first = await rebuild({articles: new Set(), everything: true})
  expect(first.ok).toBe(true)
  return {site, out, rebuild, first}
}

describe('watch mode’s rebuild', () => {
  it('draws every page the first time', async () => {
    const {first} = await setUp()
    // Two stories, two sections, one topic, the topic index, corrections, the front page and the 404 page;
    // the site's RSS and JSON feeds, the two sections' and the topic's, the sitemap, the news sitemap,
    // robots.txt and _redirects.
    expect(first.rendered).toBe(18)
  })

  it('draws nothing and writes nothing when nothing changed', async () => {
    const {rebuild} = await setUp()
    expect(await rebuild(nothing())).toMatchObject({ok: true, rendered: 0, written: 0, removed: 0, changedUrls: []})
  })

  it('redraws a changed story and only the pages that list it', async () => {
    const {site, out, rebuild} = await setUp()
    const before = (await stat(path.join(out, 'middle-east/index.html'))).mtimeMs
    await writeFile(path.join(site, 'articles/a.md'), story({title: 'Story A, updated', topics: '[Osh]', published: '2010-05-15T10:00:00Z'}))
    const result = await rebuild(changed(path.join(site, 'articles/a.md')))
    expect(result.changedUrls.sort()).toEqual([
      '/',
      '/central-south-asia/',
      '/central-south-asia/2010/05/15/a/',
      '/central-south-asia/feed.xml',
      '/feed.json',
      '/feed.xml',
      '/topics/osh/',
      '/topics/osh/feed.xml',
    ])
    expect((await readPage(out, '/central-south-asia/2010/05/15/a/')).text('h1')).toBe('Story A, updated')
    expect((await stat(path.join(out, 'middle-east/index.html'))).mtimeMs).toBe(before)
  })

  it('adds a new story to its section, and removes a deleted one everywhere, folders and all', async () => {
    const {site, out, rebuild} = await setUp()
    await writeFile(path.join(site, 'articles/c.md'), story({title: 'Story C', published: '2010-05-16T10:00:00Z'}))
    await rebuild(changed(path.join(site, 'articles/c.md')))
    expect((await readPage(out, '/central-south-asia/')).all('.card-title').length).toBe(2)

    await rm(path.join(site, 'articles/c.md'))
    const result = await rebuild(changed(path.join(site, 'articles/c.md')))
    expect(result.changedUrls).toContain('/central-south-asia/2010/05/16/c/')
    expect((await readPage(out, '/central-south-asia/')).all('.card-title').length).toBe(1)
    await expect(stat(path.join(out, 'central-south-asia/2010/05/16'))).rejects.toThrow()
  })

  it('says so when another build keeps the folder locked, and writes the change once it is free', async () => {
    const {site, out, rebuild} = await setUp()
    const file = path.join(site, 'articles/a.md')
    await writeFile(file, story({title: 'Story A, updated', topics: '[Osh]', published: '2010-05-15T10:00:00Z'}))
    // A running process (this one's parent) holds the lock; the clock jumps a minute at each look, so the
    // ten minutes a build waits for it run out at once.
    await writeFile(path.join(site, '.preview.lock'), String(process.ppid))
    let clock = Date.now()
    const jumping = vi.spyOn(Date, 'now').mockImplementation(() => (clock += 60_000))
    const locked = await rebuild(changed(file)).finally(() => jumping.mockRestore())
    expect(locked.ok).toBe(false)
    expect(locked.files.flatMap((f) => f.messages.map((m) => [m.ruleId, m.file]))).toEqual([['output-locked', out]])
    expect((await readPage(out, '/central-south-asia/2010/05/15/a/')).text('h1')).toBe('Story A')

    // Free again (its holder has stopped): the next run writes what the locked one would have, and no more.
    await rm(path.join(site, '.preview.lock'))
    const next = await rebuild(nothing())
    expect(next.ok).toBe(true)
    expect(next.rendered).toBe(8)
    expect((await readPage(out, '/central-south-asia/2010/05/15/a/')).text('h1')).toBe('Story A, updated')
  })

  it('keeps the last good site when a save breaks a story, and recovers on the next good save', async () => {
    const {site, out, rebuild} = await setUp()
    const file = path.join(site, 'articles/a.md')
    const good = await readFile(path.join(out, 'index.html'), 'utf8')
    await writeFile(file, story({title: '', section: 'sport'}))
    const broken = await rebuild(changed(file))
    expect(broken.ok).toBe(false)
    expect(broken.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(['missing-field', 'unknown-section'])
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe(good)

    await writeFile(file, story({title: 'Story A, fixed', topics: '[Osh]', published: '2010-05-15T10:00:00Z'}))
    const fixed = await rebuild(changed(file))
    expect(fixed.ok).toBe(true)
    expect((await readPage(out, '/')).text('.lead-title')).toBe('Story A, fixed')
  })

  it('redraws every page when the logo changes, since every page names its hashed address', async () => {
    const logo = await readFile(new URL('../../assets/logo.png', import.meta.url))
    const site = await makeSite({'site.yaml': `${siteYaml}logo: logo.png\n`, 'logo.png': logo, 'articles/a.md': story()})
    const out = path.join(site, 'preview')
    const rebuild = createRebuild({siteDir: site, outDir: out, includeDrafts: true})
    await rebuild({articles: new Set(), everything: true})
    const logoOf = async (url: string) => (await readPage(out, url)).one('meta[property="og:image"]').properties['content']
    const before = await logoOf('/404.html')

    // Bytes after a PNG's end leave the picture as it was, and change its hash.
    await writeFile(path.join(site, 'logo.png'), Buffer.concat([logo, Buffer.from('changed')]))
    await writeFile(path.join(site, 'articles/a.md'), story({title: 'Saved again'}))
    expect((await rebuild(changed(path.join(site, 'articles/a.md')))).ok).toBe(true)
    const after = await logoOf('/404.html')
    expect(after).not.toBe(before)
    expect(await logoOf('/topics/')).toBe(after)
    await expect(stat(path.join(out, new URL(String(before)).pathname))).rejects.toThrow()
    expect((await stat(path.join(out, new URL(String(after)).pathname))).size).toBe(logo.length + 'changed'.length)
  })

  it('redraws every page when the configuration changes', async () => {
    const {site, out, rebuild} = await setUp()
    const yaml = await readFile(path.join(site, 'site.yaml'), 'utf8')
    await writeFile(path.join(site, 'site.yaml'), yaml.replace('name: Test Desk', 'name: Renamed Desk'))
    const result = await rebuild({articles: new Set(), everything: true})
    expect(result.rendered).toBe(18)
    expect((await readPage(out, '/middle-east/')).text('.site-name')).toBe('Renamed Desk')
  })

  it('reads again the stories that use a changed photo, and drops the old photo file', async () => {
    const png = (width: number) => {
      // A minimal PNG header is enough for the size reader: signature, IHDR length and type, width, height.
      const bytes = Buffer.alloc(33)
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes)
      bytes.writeUInt32BE(width, 16)
      bytes.writeUInt32BE(1, 20)
      return bytes
    }
    const site = await makeSite({
      'articles/photo.md': story({image: '\n  src: img/crowd.png\n  alt: A crowd'}),
      'articles/img/crowd.png': png(10),
    })
    const out = path.join(site, 'preview')
    const rebuild = createRebuild({siteDir: site, outDir: out, includeDrafts: true})
    await rebuild({articles: new Set(), everything: true})
    const before = (await readPage(out, '/central-south-asia/2010/05/15/photo/')).one('img').properties

    // The watcher reports a changed photo as `<its folder>/*`; stories in that folder or above it are read again.
    await writeFile(path.join(site, 'articles/img/crowd.png'), png(20))
    const result = await rebuild(changed(path.join(site, 'articles', 'img', '*')))
    const after = (await readPage(out, '/central-south-asia/2010/05/15/photo/')).one('img').properties
    expect([before.width, after.width]).toEqual([10, 20])
    expect(after.src).not.toBe(before.src)
    expect(result.removed).toBe(1)
    await expect(stat(path.join(out, String(before.src)))).rejects.toThrow()
  })

  it('removes pages that a configuration change does away with', async () => {
    const {site, out, rebuild} = await setUp()
    const yaml = await readFile(path.join(site, 'site.yaml'), 'utf8')
    await writeFile(path.join(site, 'articles/c.md'), story({title: 'Story C', published: '2010-05-16T10:00:00Z'}))
    await writeFile(path.join(site, 'site.yaml'), yaml + 'page_size: 1\n')
    await rebuild({articles: new Set(), everything: true})
    expect((await readPage(out, '/central-south-asia/page/2/')).text('h1')).toBe('Central & South Asia, page 2')

    await writeFile(path.join(site, 'site.yaml'), yaml)
    const result = await rebuild({articles: new Set(), everything: true})
    expect(result.changedUrls).toContain('/central-south-asia/page/2/')
    await expect(stat(path.join(out, 'central-south-asia/page/2/index.html'))).rejects.toThrow()
  })

  it('shows drafts, marked as drafts', async () => {
    const {site, out, rebuild} = await setUp()
    await writeFile(path.join(site, 'articles/d.md'), story({title: 'Not yet', draft: 'true', published: '2010-05-16T10:00:00Z'}))
    await rebuild(changed(path.join(site, 'articles/d.md')))
    expect((await readPage(out, '/central-south-asia/2010/05/16/d/')).text('.draft-banner')).toBe('Draft: this story is not published.')
  })

  it('after saves to existing stories, writes what a fresh build writes, redrawing what a full rebuild redraws', async () => {
    const logo = await readFile(new URL('../../assets/logo.png', import.meta.url))
    const a = (fields: Record<string, string>, body?: string) => story({title: 'Story A', topics: '[Osh]', published: '2010-05-15T10:00:00Z', ...fields}, body)
    const b = (fields: Record<string, string>, body?: string) => story({title: 'Story B', section: 'middle-east', published: '2010-05-14T10:00:00Z', ...fields}, body)
    const site = await makeSite({'site.yaml': `${siteYaml}logo: logo.png\n`, 'logo.png': logo, 'articles/a.md': a({}), 'articles/b.md': b({})})
    // The watcher's `change` lets this rebuild keep the last content and plan; the other gets no such hint.
    const out = path.join(site, 'preview')
    const rebuild = createRebuild({siteDir: site, outDir: out, includeDrafts: true})
    const fullOut = path.join(site, 'preview-full')
    const full = createRebuild({siteDir: site, outDir: fullOut, includeDrafts: true})
    await rebuild({articles: new Set(), everything: true})
    await full({articles: new Set(), everything: true})

    const saves: Array<[string, Record<string, string | Uint8Array>]> = [
      ['a new headline and a link', {'articles/a.md': a({title: 'Story A, new headline'}, 'New words, and [B](b.md).\n')}],
      ['a broken story', {'articles/a.md': a({title: ''})}],
      ['the story fixed', {'articles/a.md': a({title: 'Story A, fixed'}, 'See [B](b.md).\n')}],
      ['the logo changed, then a story saved', {'logo.png': Buffer.concat([logo, Buffer.from('changed')]), 'articles/b.md': b({title: 'Story B, again'})}],
      ['two broken links, in two stories', {'articles/b.md': b({}, 'See [y](/elsewhere/).\n'), 'articles/a.md': a({}, 'See [x](/nowhere/).\n')}],
      ['both fixed', {'articles/b.md': b({}), 'articles/a.md': a({})}],
      ['the same moment, written with an offset', {'articles/a.md': a({title: 'Story A, fixed', published: '2010-05-15T12:00:00+02:00'}, 'See [B](b.md).\n')}],
      ['a story moved', {'articles/b.md': b({title: 'Story B, moved', published: '2010-05-13T10:00:00Z'})}],
      ['a story in a new topic', {'articles/a.md': a({topics: '[Bishkek]'}, 'See [B](b.md).\n')}],
      ['a story made a draft', {'articles/b.md': b({draft: 'true'})}],
    ]
    const problems = (result: RebuildResult) => result.files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}: ${m.reason}`))
    for (const [label, files] of saves) {
      for (const [file, contents] of Object.entries(files)) await writeFile(path.join(site, file), contents)
      const stories = Object.keys(files).filter((file) => file.endsWith('.md')).map((file) => path.join(site, file))
      const kept = await rebuild({articles: new Set(stories), everything: false, contentsOnly: true})
      const planned = await full({articles: new Set(stories), everything: false})
      expect(problems(kept), label).toEqual(problems(planned))
      expect({...kept, changedUrls: kept.changedUrls.sort(), files: undefined}, label).toEqual({...planned, changedUrls: planned.changedUrls.sort(), files: undefined})

      const freshOut = path.join(site, `preview-fresh-${saves.findIndex(([name]) => name === label)}`)
      const fresh = await createRebuild({siteDir: site, outDir: freshOut, includeDrafts: true})({articles: new Set(), everything: true})
      expect(problems(kept), label).toEqual(problems(fresh))
      if (!fresh.ok) continue
      const pages = await listFiles(out)
      expect(pages, label).toEqual(await listFiles(freshOut))
      for (const page of pages) expect(await readFile(path.join(out, page)), `${label}: ${page}`).toEqual(await readFile(path.join(freshOut, page)))
    }
  })

  it('redraws a story that links to another story’s file when that story moves, and only then', async () => {
    const {site, out, rebuild} = await setUp()
    await writeFile(path.join(site, 'articles/c.md'), story({title: 'Story C', published: '2010-05-16T10:00:00Z'}, 'See [B](b.md).\n'))
    await rebuild(changed(path.join(site, 'articles/c.md')))
    const href = async () => (await readPage(out, '/central-south-asia/2010/05/16/c/')).one('.story-body a').properties['href']
    expect(await href()).toBe('/middle-east/2010/05/14/b/')

    await writeFile(path.join(site, 'articles/a.md'), story({title: 'Story A, again', topics: '[Osh]', published: '2010-05-15T10:00:00Z'}))
    expect((await rebuild(changed(path.join(site, 'articles/a.md')))).changedUrls).not.toContain('/central-south-asia/2010/05/16/c/')

    await writeFile(path.join(site, 'articles/b.md'), story({title: 'Story B', section: 'middle-east', published: '2010-05-13T10:00:00Z'}))
    const result = await rebuild(changed(path.join(site, 'articles/b.md')))
    expect(result.changedUrls).toContain('/central-south-asia/2010/05/16/c/')
    expect(await href()).toBe('/middle-east/2010/05/13/b/')
  })
})

/** Every file under `dir`, by path relative to it, in order. */
async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}
