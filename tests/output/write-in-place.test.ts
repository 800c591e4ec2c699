// The output folder updated in place, as a local build does when the cache recorded the last one: only changed
// files are written, and yet the folder ends up exactly as if it had been replaced whole.
import {spawnSync} from 'node:child_process'
import {lstat, mkdir, readFile, readdir, rename, rm, stat, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {recoverInterruptedBuild, writeSite, type OutputFile} from '../../scripts/output/write-site.ts'
import {tempDir} from '../helpers/fixture-site.ts'

/** Every file under `dir` with its text, and every folder (as `folder/`), links listed as `-> target`. */
async function tree(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {}
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name))
    if (entry.isDirectory()) found[`${relative}/`] = ''
    else if (entry.isSymbolicLink()) found[relative] = '-> link'
    else found[relative] = await readFile(path.join(dir, relative), 'utf8')
  }
  return found
}

/** The id of a process that has ended, as a killed build's is. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

/** The output folder's identity, as a journal records it. */
async function identity(dir: string) {
  const info = await lstat(dir)
  return {targetIno: info.ino, targetBirth: info.birthtimeMs}
}

/**
 * What a build killed while applying its journal leaves beside `out`: the journal (from a process that has
 * ended), and its staging folder holding `staged`, the files still to move in.
 */
async function leaveJournal(out: string, journal: {moves: string[]; removes: string[]; removeDirs: string[]}, staged: Record<string, string> = {}) {
  const pid = deadPid()
  const staging = `.dist.tmp-${pid}-abcd1234`
  for (const [file, text] of Object.entries(staged)) {
    await mkdir(path.dirname(path.join(out, '..', staging, file)), {recursive: true})
    await writeFile(path.join(out, '..', staging, file), text)
  }
  await writeFile(path.join(out, '..', `.dist.journal-${pid}-abcd1234`), JSON.stringify({...(await identity(out)), staging, ...journal}))
}

async function inode(file: string): Promise<number> {
  return (await stat(file)).ino
}

/** A folder for a site, its record in the cache, and the same site written whole elsewhere for comparison. */
async function setup() {
  const parent = await tempDir()
  const out = path.join(parent, 'dist')
  const record = path.join(await tempDir(), 'outputs', 'dist.json')
  // An existing folder, as `dist/` is after the first build: a folder written for the first time is not recorded.
  await mkdir(out)
  const write = (files: Iterable<OutputFile> | AsyncIterable<OutputFile>) => writeSite(out, files, {record})
  /** What `files` make when written whole into a new folder, without a record. */
  const whole = async (files: OutputFile[]) => {
    const fresh = path.join(await tempDir(), 'dist')
    await writeSite(fresh, files)
    return tree(fresh)
  }
  return {parent, out, record, write, whole}
}

const first: OutputFile[] = [
  {path: 'index.html', contents: 'home, first edition'},
  {path: 'news/kyrgyzstan/index.html', contents: 'a story'},
  {path: 'news/2010/05/gone/index.html', contents: 'a story withdrawn later'},
  {path: 'feed.xml', revision: 'feed-1', load: async () => Buffer.from('<feed>1</feed>')},
]

describe('writeSite with a record of the last build', () => {
  it('writes only what changed, removes what is no longer built, and leaves the same folder a whole write would', async () => {
    const {parent, out, write, whole} = await setup()
    expect(await write(first)).toEqual({files: 4, kept: 0})
    const storyInode = await inode(path.join(out, 'news/kyrgyzstan/index.html'))
    const homeInode = await inode(path.join(out, 'index.html'))

    const loaded: string[] = []
    const second: OutputFile[] = [
      {path: 'index.html', contents: 'home, second edition'},
      {path: 'news/kyrgyzstan/index.html', contents: 'a story'},
      {path: 'news/2010/06/new/index.html', contents: 'a new story'},
      // Unchanged by its revision: its bytes are never fetched.
      {path: 'feed.xml', revision: 'feed-1', load: async () => (loaded.push('feed.xml'), Buffer.from('<feed>1</feed>'))},
    ]
    expect(await write(second)).toEqual({files: 4, kept: 2})
    expect(loaded).toEqual([])
    expect(await inode(path.join(out, 'news/kyrgyzstan/index.html'))).toBe(storyInode)
    expect(await inode(path.join(out, 'index.html'))).not.toBe(homeInode)
    expect(await tree(out)).toEqual(await whole(second))
    // The withdrawn story's folders went with it, up to the one still in use; nothing is left beside the site.
    expect(Object.keys(await tree(out))).not.toContain('news/2010/05/')
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('fetches a file whose revision changed, and writes what it fetched', async () => {
    const {out, write} = await setup()
    await write(first)
    const second = first.map((file) => (file.path === 'feed.xml' ? {path: 'feed.xml', revision: 'feed-2', load: async () => Buffer.from('<feed>2</feed>')} : file))
    expect(await write(second)).toEqual({files: 4, kept: 3})
    expect(await readFile(path.join(out, 'feed.xml'), 'utf8')).toBe('<feed>2</feed>')
  })

  it('puts right what was changed by hand: a file edited (same size), one deleted, files and folders added, a link', async () => {
    const {parent, out, write, whole} = await setup()
    await write(first)
    // Builds that change nothing, the second of which finds nothing to add to the record either.
    expect(await write(first)).toEqual({files: 4, kept: 4})
    expect(await write(first)).toEqual({files: 4, kept: 4})
    const outside = path.join(parent, 'outside')
    await mkdir(outside)
    await writeFile(path.join(outside, 'keep.txt'), 'not the build’s')

    await writeFile(path.join(out, 'news/kyrgyzstan/index.html'), 'A STORY')
    await rm(path.join(out, 'feed.xml'))
    await writeFile(path.join(out, 'notes.txt'), 'a reporter’s notes, dropped into the site')
    await mkdir(path.join(out, 'news/2010/05/gone/drafts/old'), {recursive: true})
    await writeFile(path.join(out, 'news/2010/05/gone/drafts/old/draft.html'), 'draft')
    await symlink(outside, path.join(out, 'news/outside'))

    expect(await write(first)).toEqual({files: 4, kept: 2})
    expect(await tree(out)).toEqual(await whole(first))
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('not the build’s')
  })

  it('surveys a record whose folders are listed deepest first, as records were once written', async () => {
    const {parent, out, record, write, whole} = await setup()
    await write(first)
    await write(first)
    const saved = JSON.parse(await readFile(record, 'utf8')) as {dirs: Record<string, number | null>}
    // Folders under a link are never looked into, which only holds when a folder's parent is looked at first.
    expect(Object.keys(saved.dirs)).toEqual(['', 'news', 'news/kyrgyzstan', 'news/2010', 'news/2010/05', 'news/2010/05/gone'])
    await writeFile(record, JSON.stringify({...saved, dirs: Object.fromEntries(Object.entries(saved.dirs).reverse())}))
    const outside = path.join(parent, 'outside')
    await rename(path.join(out, 'news/2010'), outside)
    await symlink(outside, path.join(out, 'news/2010'))
    await writeFile(path.join(out, 'news/kyrgyzstan/notes.txt'), 'dropped in by hand')

    expect(await write(first)).toEqual({files: 4, kept: 3})
    expect(await tree(out)).toEqual(await whole(first))
    expect(await readFile(path.join(outside, '05/gone/index.html'), 'utf8')).toBe('a story withdrawn later')
  })

  it('turns a file into a folder and back', async () => {
    const {out, write, whole} = await setup()
    const asFile: OutputFile[] = [{path: 'index.html', contents: 'home'}, {path: 'about', contents: 'a file'}]
    const asFolder: OutputFile[] = [{path: 'index.html', contents: 'home'}, {path: 'about/index.html', contents: 'a page'}]
    await write(asFile)
    await write(asFolder)
    expect(await tree(out)).toEqual(await whole(asFolder))
    await write(asFile)
    expect(await tree(out)).toEqual(await whole(asFile))
  })

  it('leaves the folder untouched, file for file, when the build fails while writing', async () => {
    const {parent, out, write} = await setup()
    await write(first)
    const before = await tree(out)
    const storyInode = await inode(path.join(out, 'news/kyrgyzstan/index.html'))

    async function* failing(): AsyncGenerator<OutputFile> {
      yield {path: 'index.html', contents: 'home, second edition'}
      yield {path: 'news/2010/06/new/index.html', contents: 'a new story'}
      throw new Error('a layout crashed')
    }
    await expect(write(failing())).rejects.toThrow('a layout crashed')
    expect(await tree(out)).toEqual(before)
    expect(await inode(path.join(out, 'news/kyrgyzstan/index.html'))).toBe(storyInode)
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('replaces the folder whole when the record is missing or damaged', async () => {
    const {out, record, write, whole} = await setup()
    await write(first)
    const second: OutputFile[] = [{path: 'index.html', contents: 'home, second edition'}]
    await rm(record)
    expect(await write(second)).toEqual({files: 1, kept: 0})
    expect(await tree(out)).toEqual(await whole(second))
    await writeFile(record, '{not json')
    expect(await write(first)).toEqual({files: 4, kept: 0})
    expect(await tree(out)).toEqual(await whole(first))
  })

  it('records a folder from the second build into it: a folder built once is most often a one-off', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'once')
    const record = path.join(await tempDir(), 'outputs', 'once.json')
    await writeSite(out, first, {record})
    await expect(stat(record)).rejects.toThrow()
    expect(await writeSite(out, first, {record})).toEqual({files: 4, kept: 0})
    expect(await writeSite(out, first, {record})).toEqual({files: 4, kept: 4})
  })

  it('keeps the records of the last few output folders only', async () => {
    const parent = await tempDir()
    const records = path.join(await tempDir(), 'outputs')
    for (let index = 1; index <= 6; index++) {
      await mkdir(path.join(parent, `out-${index}`))
      await writeSite(path.join(parent, `out-${index}`), first, {record: path.join(records, `out-${index}.json`)})
      // Folders built a moment apart, as builds are.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect((await readdir(records)).sort()).toEqual(['out-3.json', 'out-4.json', 'out-5.json', 'out-6.json'])
    // A build that changes nothing keeps its folder among the last built.
    await writeSite(path.join(parent, 'out-3'), first, {record: path.join(records, 'out-3.json')})
    await new Promise((resolve) => setTimeout(resolve, 5))
    await mkdir(path.join(parent, 'out-7'))
    await writeSite(path.join(parent, 'out-7'), first, {record: path.join(records, 'out-7.json')})
    expect((await readdir(records)).sort()).toEqual(['out-3.json', 'out-5.json', 'out-6.json', 'out-7.json'])
  })

  it('finishes the moves a killed build had begun, before anything else', async () => {
    const {parent, out, write, whole} = await setup()
    await write(first)
    // What a build killed half-way through its journal leaves: the new home page already moved in, the new
    // story still in the staging folder, the withdrawn story not yet removed.
    await writeFile(path.join(out, 'index.html'), 'home, second edition')
    const moves = ['index.html', 'news/2010/06/new/index.html']
    await leaveJournal(out, {moves, removes: ['news/2010/05/gone/index.html'], removeDirs: ['news/2010/05/gone', 'news/2010/05']}, {
      'news/2010/06/new/index.html': 'a new story',
    })
    await recoverInterruptedBuild(out)
    const second: OutputFile[] = [
      {path: 'index.html', contents: 'home, second edition'},
      {path: 'news/kyrgyzstan/index.html', contents: 'a story'},
      {path: 'news/2010/06/new/index.html', contents: 'a new story'},
      {path: 'feed.xml', contents: '<feed>1</feed>'},
    ]
    expect(await tree(out)).toEqual(await whole(second))
    expect(await readdir(parent)).toEqual(['dist'])
    // And the next build, with a record that no longer matches the folder, still writes the right site.
    await write(first)
    expect(await tree(out)).toEqual(await whole(first))
  })

  it('never follows a link: a folder or a file moved out and linked back is replaced, and what is outside stays', async () => {
    const {parent, out, write, whole} = await setup()
    const pages: OutputFile[] = [
      {path: 'index.html', contents: 'home'},
      {path: 'about.html', contents: 'about'},
      {path: 'news/2010/05/a/index.html', contents: 'a'},
      {path: 'news/2010/05/gone/index.html', contents: 'gone soon'},
    ]
    await write(pages)
    await write(pages)
    // The dated folder moved to an archive of the reporter's, with notes of theirs, and linked back; the about
    // page moved out and linked back.
    const archive = path.join(parent, 'archive')
    await rename(path.join(out, 'news/2010'), archive)
    await writeFile(path.join(archive, 'README'), 'the reporter’s')
    await writeFile(path.join(archive, '05/notes.txt'), 'the reporter’s')
    await symlink(archive, path.join(out, 'news/2010'))
    await rename(path.join(out, 'about.html'), path.join(parent, 'about.html'))
    await symlink(path.join(parent, 'about.html'), path.join(out, 'about.html'))

    const next = pages.filter((page) => !page.path.includes('gone'))
    expect((await write(next)).kept).toBe(1)
    expect(await tree(out)).toEqual(await whole(next))
    expect(await tree(archive)).toEqual({'05/': '', '05/a/': '', '05/a/index.html': 'a', '05/gone/': '', '05/gone/index.html': 'gone soon', '05/notes.txt': 'the reporter’s', README: 'the reporter’s'})
    expect(await readFile(path.join(parent, 'about.html'), 'utf8')).toBe('about')
  })

  it('replaces an output folder that is a link, and leaves what it points to alone', async () => {
    const {parent, out, write, whole} = await setup()
    await write(first)
    const elsewhere = path.join(parent, 'elsewhere')
    await rename(out, elsewhere)
    await symlink(elsewhere, out)
    await write(first)
    expect((await lstat(out)).isDirectory()).toBe(true)
    expect(await tree(out)).toEqual(await whole(first))
    expect(await tree(elsewhere)).toEqual(await whole(first))
  })

  it('sees a file edited with its time put back, and a file added to a folder whose time was put back', async () => {
    const {out, write, whole} = await setup()
    await write(first)
    await write(first)
    const story = path.join(out, 'news/kyrgyzstan/index.html')
    const folder = path.join(out, 'news/kyrgyzstan')
    // `touch -r` puts back the times to the nanosecond, as a tool restoring files would.
    const times = path.join(await tempDir(), 'times')
    await mkdir(times)
    spawnSync('touch', ['-r', story, path.join(times, 'story')])
    spawnSync('touch', ['-r', folder, path.join(times, 'folder')])
    await writeFile(story, 'A STORY')
    await writeFile(path.join(folder, 'stray.html'), 'stray')
    spawnSync('touch', ['-r', path.join(times, 'story'), story])
    spawnSync('touch', ['-r', path.join(times, 'folder'), folder])
    expect((await stat(story)).mtimeMs).toBe((await stat(path.join(times, 'story'))).mtimeMs)
    expect(await write(first)).toEqual({files: 4, kept: 3})
    expect(await tree(out)).toEqual(await whole(first))
  })

  it('removes a page from a folder that has become a file, without failing', async () => {
    const {out, write, whole} = await setup()
    await write(first)
    await write(first)
    await rm(path.join(out, 'news/2010'), {recursive: true})
    await writeFile(path.join(out, 'news/2010'), 'a file where a folder was')
    const next = first.filter((page) => !page.path.includes('gone'))
    await write(next)
    expect(await tree(out)).toEqual(await whole(next))
  })

  it('finishes a journal again after a kill in the middle of finishing it, where a folder became a file', async () => {
    const {parent, out, write, whole} = await setup()
    const asFolder: OutputFile[] = [{path: 'index.html', contents: 'home'}, {path: 'about/index.html', contents: 'a page'}]
    const asFile: OutputFile[] = [{path: 'index.html', contents: 'home'}, {path: 'about', contents: 'a file'}]
    await write(asFolder)
    // Everything done but removing the journal: the folder is gone and the file moved in.
    await rm(path.join(out, 'about'), {recursive: true})
    await writeFile(path.join(out, 'about'), 'a file')
    await leaveJournal(out, {moves: ['about'], removes: ['about/index.html'], removeDirs: ['about']})
    await recoverInterruptedBuild(out)
    expect(await tree(out)).toEqual(await whole(asFile))
    expect(await readdir(parent)).toEqual(['dist'])
    await write(asFile)
    expect(await tree(out)).toEqual(await whole(asFile))
  })

  it('drops a journal left for an output folder that was deleted since, or deleted and made again', async () => {
    const {parent, out, write, whole} = await setup()
    await write(first)
    const journal = () => leaveJournal(out, {moves: ['index.html'], removes: ['feed.xml'], removeDirs: []}, {'index.html': 'stale'})
    await journal()
    await rm(out, {recursive: true})
    await recoverInterruptedBuild(out)
    expect(await readdir(parent)).toEqual([])

    // Made again by hand (the file system may well give it the same inode): left as it is.
    await write(first)
    await journal()
    await rm(out, {recursive: true})
    await mkdir(out)
    await writeFile(path.join(out, 'index.html'), 'restored by hand')
    await recoverInterruptedBuild(out)
    expect(await tree(out)).toEqual({'index.html': 'restored by hand'})
    expect(await readdir(parent)).toEqual(['dist'])
    await write(first)
    expect(await tree(out)).toEqual(await whole(first))
  })

  it('finishes a journal without following a link put in the folder after the kill', async () => {
    const {parent, out, write, whole} = await setup()
    await write(first)
    await leaveJournal(out, {moves: ['news/2010/06/new/index.html'], removes: ['news/2010/05/gone/index.html'], removeDirs: ['news/2010/05/gone', 'news/2010/05']}, {
      'news/2010/06/new/index.html': 'a new story',
    })
    const archive = path.join(parent, 'archive')
    await rename(path.join(out, 'news/2010'), archive)
    await symlink(archive, path.join(out, 'news/2010'))
    await recoverInterruptedBuild(out)
    expect(await tree(archive)).toEqual({'05/': '', '05/gone/': '', '05/gone/index.html': 'a story withdrawn later'})
    const second = [...first.filter((file) => !file.path.includes('gone')), {path: 'news/2010/06/new/index.html', contents: 'a new story'}]
    expect(await tree(out)).toEqual(await whole(second))
  })

  it('removes a file put into a folder while the build was writing to it', async () => {
    const {out, write, whole} = await setup()
    await write(first)
    await write(first)
    const second = first.map((file) => (file.path === 'index.html' ? {path: 'index.html', contents: 'home, second edition'} : file))
    const droppingIn = async function* () {
      yield second[0]!
      await writeFile(path.join(out, 'notes.txt'), 'dropped in during the build')
      yield* second.slice(1)
    }
    await write(droppingIn())
    await write(second)
    expect(await tree(out)).toEqual(await whole(second))
  })

  it('copies a photo again when it was replaced with the same size and its times put back', async () => {
    const {parent, out, write} = await setup()
    const photo = path.join(parent, 'photo.jpg')
    await writeFile(photo, 'JPEG (c) 2009 Desk')
    const files: OutputFile[] = [{path: 'index.html', contents: 'home'}, {path: 'photo.jpg', copyFrom: photo}]
    await write(files)
    await write(files)
    const times = path.join(await tempDir(), 'times')
    spawnSync('touch', ['-r', photo, times])
    await writeFile(photo, 'JPEG (c) 2010 Desk')
    spawnSync('touch', ['-r', times, photo])
    expect(await write(files)).toEqual({files: 2, kept: 1})
    expect(await readFile(path.join(out, 'photo.jpg'), 'utf8')).toBe('JPEG (c) 2010 Desk')
  })

  it('clears a journal a build was killed while writing', async () => {
    const {parent, out, write} = await setup()
    await write(first)
    await writeFile(path.join(parent, `.dist.journal-${deadPid()}-abcd1234.writing`), '{"half')
    await write(first)
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('lets one build at a time change the folder, so two at once leave one whole site', async () => {
    const {out, write, whole} = await setup()
    await write(first)
    await write(first)
    // One build changes only the home page, which it draws last, after a while; the other changes every file.
    // Were they to run side by side, the first would keep files the second replaces meanwhile.
    const homeOnly: OutputFile[] = [...first.filter((file) => file.path !== 'index.html'), {path: 'index.html', contents: 'home, second edition'}]
    const everything: OutputFile[] = first.map((file) => ({path: file.path, contents: `${file.path}, third edition`}))
    const homeLast = async function* () {
      yield* homeOnly.slice(0, -1)
      await new Promise((resolve) => setTimeout(resolve, 100))
      yield homeOnly.at(-1)!
    }
    const quickly = async function* () {
      for (const file of everything) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        yield file
      }
    }
    await Promise.all([write(homeLast()), write(quickly())])
    expect([await whole(homeOnly), await whole(everything)]).toContainEqual(await tree(out))
  })
})
