// The build's cache and worker threads, judged by what reaches the reader: whatever the cache held and however
// the work was shared out, the site written is byte for byte the site an uncached build writes.
import {readdir, readFile, stat, truncate, utimes, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {buildSite, type BuildOptions} from '../../scripts/build-site.ts'
import {defaultLayoutsDir} from '../../scripts/pages/load-layouts.ts'
import {makeSite, story, tempDir} from '../helpers/fixture-site.ts'

/** Every file of a built site, by path, with its bytes. */
async function siteFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const visit = async (folder: string) => {
    for (const entry of await readdir(folder, {withFileTypes: true})) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) await visit(file)
      else files.set(path.relative(dir, file), await readFile(file))
    }
  }
  await visit(dir)
  return files
}

/** Every file of a built site, by path, with its inode: a file left in place keeps it. */
async function inodes(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const file of (await siteFiles(dir)).keys()) found.set(file, (await stat(path.join(dir, file))).ino)
  return found
}

async function expectSameSite(actual: string, expected: string): Promise<void> {
  const [a, b] = await Promise.all([siteFiles(actual), siteFiles(expected)])
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
  for (const [file, bytes] of b) expect(a.get(file)?.equals(bytes), file).toBe(true)
}

/** A small archive: stories in two sections sharing topics, so each appears on several pages. */
async function archive(extra: Record<string, string> = {}, stories = 12): Promise<string> {
  const files: Record<string, string> = {}
  for (let index = 0; index < stories; index++) {
    const day = String(1 + (index % 28)).padStart(2, '0')
    files[`articles/2010/story-${index}.md`] = story(
      {
        title: `Story number ${index}`,
        section: index % 2 ? 'middle-east' : 'central-south-asia',
        published: `2010-05-${day}T10:00:00Z`,
        topics: `[Kyrgyzstan, Topic ${index % 3}]`,
      },
      `Paragraph one of story ${index}.\n\n## A crosshead\n\nSee [the first story](../2010/story-0.md).\n`,
    )
  }
  return makeSite({...files, ...extra})
}

const now = Date.parse('2020-01-01T00:00:00Z')

async function build(site: string, options: Partial<BuildOptions> = {}) {
  const outDir = path.join(await tempDir(), 'out')
  const result = await buildSite({siteDir: site, outDir, now, threads: 0, ...options})
  expect(result.ok, JSON.stringify(result.files.flatMap((file) => file.messages.map(String)))).toBe(true)
  return {outDir, stats: result.stats!}
}

describe('the build cache', () => {
  it('lets an unchanged site build without parsing a story or drawing a page, writing the same bytes', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    const cold = await build(site, {cacheDir})
    expect(cold.stats.parsed).toBe(12)
    expect(cold.stats.drawn).toBe(cold.stats.planned)

    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(0)
    expect(warm.stats.drawn).toBe(0)
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('re-reads only a changed story, and redraws only the pages that show it', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    const cold = await build(site, {cacheDir})
    await writeFile(path.join(site, 'articles/2010/story-5.md'), story({title: 'A new headline', section: 'middle-east', published: '2010-05-06T10:00:00Z', topics: '[Kyrgyzstan, Topic 2]'}, 'New text.\n'))

    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(1)
    expect(warm.stats.drawn).toBeGreaterThan(1)
    expect(warm.stats.drawn).toBeLessThan(cold.stats.planned)
    const page = await readFile(path.join(warm.outDir, 'middle-east/2010/05/06/story-5/index.html'), 'utf8')
    expect(page).toContain('<h1>A new headline</h1>')
    // A story that does not list it is taken from the cache as it was.
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('rebuilds into the last output folder writing only the files that changed, and leaves it as an uncached build would', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    // A folder that is there already, as `dist/` is after the first build (a new one is not recorded).
    const outDir = await tempDir()
    const first = await buildSite({siteDir: site, outDir, now, threads: 0, cacheDir})
    expect(first.stats!.filesKept).toBe(0)
    const before = await inodes(outDir)

    await writeFile(path.join(site, 'articles/2010/story-5.md'), story({title: 'A new headline', section: 'middle-east', published: '2010-05-06T10:00:00Z', topics: '[Kyrgyzstan, Topic 2]'}, 'New text.\n'))
    const second = await buildSite({siteDir: site, outDir, now, threads: 0, cacheDir})
    const {filesWritten, filesKept, drawn} = second.stats!
    // What was drawn again is written, as new files; everything else was already there, and stays.
    const after = await inodes(outDir)
    const rewritten = [...after].filter(([file, inode]) => before.get(file) !== inode).map(([file]) => file)
    expect(filesKept).toBe(filesWritten - drawn)
    expect(rewritten).toHaveLength(drawn)
    expect(rewritten.length).toBeLessThan(filesWritten / 2)
    expect(rewritten).toContain('middle-east/2010/05/06/story-5/index.html')
    expect(await readFile(path.join(outDir, 'middle-east/2010/05/06/story-5/index.html'), 'utf8')).toContain('<h1>A new headline</h1>')
    await expectSameSite(outDir, (await build(site)).outDir)
  })

  it('parses a story rewritten after a build that stamped it, even to the same size and modification time', async () => {
    const site = await archive()
    const file = path.join(site, 'articles/2010/story-5.md')
    const text = await readFile(file, 'utf8')
    await utimes(file, 1_000_000_000, 1_000_000_000)
    // Long enough after the files were written for the build to trust their times (see cache/story-stamps.ts).
    await new Promise((resolve) => setTimeout(resolve, 60))
    const cacheDir = await tempDir()
    await build(site, {cacheDir})
    const stamps = JSON.parse(await readFile(path.join(cacheDir, 'story-stamps.json'), 'utf8')) as {stamps: object}
    expect(Object.keys(stamps.stamps)).toContain(file)

    const edited = text.replace('Story number 5', 'Story number V')
    expect(edited.length).toBe(text.length)
    await writeFile(file, edited)
    await utimes(file, 1_000_000_000, 1_000_000_000)
    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(1)
    expect(await readFile(path.join(warm.outDir, 'middle-east/2010/05/06/story-5/index.html'), 'utf8')).toContain('Story number V')
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('redraws every page, and parses nothing, when a layout changes', async () => {
    const site = await archive({
      'layouts/index.ts': [
        `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}`,
        "import {notFound} from './not-found.ts'",
        'export default {...layouts, notFound}',
        '',
      ].join('\n'),
      'layouts/not-found.ts': "export const notFound = () => ({type: 'root', children: [{type: 'text', value: 'Lost'}]})\n",
    })
    const cacheDir = await tempDir()
    const cold = await build(site, {cacheDir})
    await writeFile(path.join(site, 'layouts/not-found.ts'), "export const notFound = () => ({type: 'root', children: [{type: 'text', value: 'Gone'}]})\n")

    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(0)
    expect(warm.stats.drawn).toBe(cold.stats.planned)
    expect(await readFile(path.join(warm.outDir, '404.html'), 'utf8')).toBe('Gone\n')
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('re-reads every story when the site configuration changes', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    await build(site, {cacheDir})
    const config = await readFile(path.join(site, 'site.yaml'), 'utf8')
    await writeFile(path.join(site, 'site.yaml'), config.replace('name: Test Desk', 'name: The Other Desk'))

    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(12)
    expect(await readFile(path.join(warm.outDir, 'index.html'), 'utf8')).toContain('The Other Desk')
  })

  it('keeps what it had through a failed build, so the fix that follows is quick', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    await build(site, {cacheDir})
    const file = path.join(site, 'articles/2010/story-3.md')
    const good = await readFile(file, 'utf8')
    await writeFile(file, good.replace('section: middle-east', 'section: sprot'))
    expect((await buildSite({siteDir: site, outDir: path.join(await tempDir(), 'out'), now, threads: 0, cacheDir})).ok).toBe(false)

    await writeFile(file, good)
    const fixed = await build(site, {cacheDir})
    expect(fixed.stats.parsed).toBe(0)
    expect(fixed.stats.drawn).toBe(0)
  })

  it('reads a damaged cache as empty and still writes the right site', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    await build(site, {cacheDir})
    for (const pack of await readdir(path.join(cacheDir, 'packs'))) {
      const file = path.join(cacheDir, 'packs', pack)
      await truncate(file, Math.floor((await stat(file)).size / 2))
    }
    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed + warm.stats.drawn).toBeGreaterThan(0)
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('reads a story again when the cache lost its text but kept its record', async () => {
    const site = await archive({
      'layouts/index.ts': `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}\nexport default {...layouts}\n`,
    })
    const cacheDir = await tempDir()
    await build(site, {cacheDir})
    // The last story text in a pack, damaged: its record, stored before it, still reads.
    const index = JSON.parse(await readFile(path.join(cacheDir, 'index.json'), 'utf8')) as {entries: [string, string, number, number][]}
    const [, pack, offset] = index.entries.filter(([key]) => key.endsWith(':text')).sort((a, b) => b[2] - a[2])[0]!
    await truncate(path.join(cacheDir, 'packs', pack), offset + 3)
    // A layout change, so that every page is drawn again and needs its story's text.
    await writeFile(path.join(site, 'layouts/index.ts'), `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}\nexport default {...layouts, stylesheet: layouts.stylesheet}\n`)

    const warm = await build(site, {cacheDir})
    expect(warm.stats.parsed).toBe(0)
    await expectSameSite(warm.outDir, (await build(site)).outDir)
  })

  it('is left alone by a second build while the first holds it', async () => {
    const site = await archive()
    const cacheDir = await tempDir()
    // A lock held by a live process (this one's parent stands in for another build).
    await build(site, {cacheDir})
    await writeFile(path.join(cacheDir, 'lock'), String(process.ppid))
    const index = await readFile(path.join(cacheDir, 'index.json'))

    const second = await build(site, {cacheDir})
    expect(second.stats.parsed).toBe(12)
    expect((await readFile(path.join(cacheDir, 'index.json'))).equals(index)).toBe(true)
    await expectSameSite(second.outDir, (await build(site)).outDir)
  })
})

describe('worker threads', () => {
  // A thread that fails leaves its work to the main thread, which would write the same site: the warning it
  // prints is what shows the threads did the work.
  const noThreadFailed = () => {
    const warn = vi.spyOn(console, 'warn')
    return () => {
      expect(warn).not.toHaveBeenCalled()
      warn.mockRestore()
    }
  }

  it('write the same site as a build on one thread', {timeout: 60_000}, async () => {
    const site = await archive()
    const checkThreads = noThreadFailed()
    const threaded = await build(site, {threads: 2, parallelFrom: 1})
    checkThreads()
    expect(threaded.stats.parsed).toBe(12)
    await expectSameSite(threaded.outDir, (await build(site)).outDir)
  })

  it('write the same site when the work goes to them in batches of several', {timeout: 60_000}, async () => {
    // 40 stories: batches of 5 stories, and of 6 or more pages (see job-batches.ts).
    const site = await archive({}, 40)
    const checkThreads = noThreadFailed()
    const threaded = await build(site, {threads: 2, parallelFrom: 1})
    checkThreads()
    expect(threaded.stats.parsed).toBe(40)
    await expectSameSite(threaded.outDir, (await build(site)).outDir)
  })
})
