// Kills `npm run build` at several moments while it writes a site of some hundreds of pages: the output folder must always hold one whole site, never a mix.
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync} from 'node:fs'
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {recoverInterruptedBuild} from '../../scripts/output/write-site.ts'
import {siteYaml, story, tempDir} from '../helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))

/** Short stories make many pages quickly: what matters here is how long the build spends writing, not reading. */
async function writeStories(site: string, count: number, edition: string): Promise<void> {
  await mkdir(path.join(site, 'articles'), {recursive: true})
  // One story a page on section and topic indexes: many more files to write for the same stories to read.
  await writeFile(path.join(site, 'site.yaml'), `${siteYaml}page_size: 1\n`)
  for (let index = 0; index < count; index++) {
    const published = new Date(Date.UTC(2010, 0, 1) + index * 6 * 3_600_000).toISOString().replace('.000', '')
    const fields = {
      title: `Story ${index}, ${edition}`,
      section: index % 2 === 0 ? 'central-south-asia' : 'middle-east',
      published,
      topics: `[Topic ${index % 25}]`,
    }
    await writeFile(path.join(site, 'articles', `story-${index}.md`), story(fields, `Paragraph ${index} of the ${edition} wire copy.\n`))
  }
}

/** A whole site, told apart from any other by its list of files and their bytes. */
interface Snapshot {
  files: string[]
  digest: string
}

async function snapshot(dir: string): Promise<Snapshot | undefined> {
  let entries
  try {
    entries = await readdir(dir, {recursive: true, withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
  const hash = createHash('sha256')
  for (const file of files) {
    const bytes = await readFile(path.join(dir, file))
    hash.update(`${file}\0${bytes.length}\0`).update(bytes)
  }
  return {files, digest: hash.digest('hex')}
}

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** When to kill a build, as seen from outside it. */
type Moment =
  | {afterMs: number}
  /** Once its staging folder (`.<name>.tmp-<pid>-…`) exists and holds at least this many files. */
  | {stagingHolds: number}
  /** Once it has moved the old site aside (`.<name>.old-<pid>-…`), or its staging folder has gone (renamed into place). */
  | {swapping: true}
  /** Once it has written the journal of an update in place (`.<name>.journal-<pid>-…`, renamed into place whole). */
  | {journal: true}

interface KilledBuild {
  pid: number
  exit: Exit
  output: string
}

/** Runs the CLI as `npm run build` does, but in one process (tsx as a loader), so that SIGKILL stops the build itself. */
function startBuild(site: string, out: string, cache: string[] = ['--no-cache']) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repository, 'scripts/build.ts'), '--site', site, '--out', out, ...cache], {
    cwd: repository,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({code, signal})))
  return {child, exited, output: () => output}
}

/**
 * Starts a build and kills it with SIGKILL (no cleanup of any kind) at `moment`. The folders are looked at with
 * synchronous calls: under load, a round trip through libuv's thread pool per folder is slower than the build writes.
 */
async function killBuild(site: string, out: string, moment: Moment, cache?: string[]): Promise<KilledBuild> {
  const {child, exited, output} = startBuild(site, out, cache)
  const pid = child.pid!
  const parent = path.dirname(out)
  const staging = `.${path.basename(out)}.tmp-${pid}-`
  const aside = `.${path.basename(out)}.old-${pid}-`
  const journal = `.${path.basename(out)}.journal-${pid}-`
  let ended = false
  void exited.then(() => (ended = true))

  const started = Date.now()
  let stagingSeen = false
  const due = (): boolean => {
    if ('afterMs' in moment) return Date.now() - started >= moment.afterMs
    const entries = readdirSync(parent)
    // Once written whole: before its rename into place the build has not happened, and the next run drops it.
    if ('journal' in moment) return entries.some((entry) => entry.startsWith(journal) && !entry.endsWith('.writing'))
    const stagingName = entries.find((entry) => entry.startsWith(staging))
    if ('swapping' in moment) {
      const swapping = entries.some((entry) => entry.startsWith(aside)) || (stagingSeen && !stagingName)
      stagingSeen ||= stagingName !== undefined
      return swapping
    }
    if (!stagingName) return false
    return countFilesUpTo(path.join(parent, stagingName), moment.stagingHolds) >= moment.stagingHolds
  }
  while (!ended) {
    if (due()) {
      child.kill('SIGKILL')
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  return {pid, exit: await exited, output: output()}
}

/** Counts files below `dir`, stopping at `limit`; a folder renamed away meanwhile counts as what was seen. */
function countFilesUpTo(dir: string, limit: number): number {
  let count = 0
  const walk = (folder: string) => {
    let entries
    try {
      entries = readdirSync(folder, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries) {
      if (count >= limit) return
      if (entry.isDirectory()) walk(path.join(folder, entry.name))
      else count++
    }
  }
  walk(dir)
  return count
}

// 250 stories make some 750 files, which take the build a few hundred milliseconds to write: room to land kills inside.
const storyCount = 250
let root: string
let site: string
let out: string
/** Built with a cache, so that builds into it update it in place; and that cache. */
let inPlace: string
let cache: string[]
let previous: Snapshot
let next: Snapshot
/** The whole site the output folder holds (or, after a kill between the swap's two renames, will hold again). */
let current: Snapshot

const nameOf = (found: Snapshot | undefined) =>
  found === undefined
    ? 'nothing'
    : found.digest === previous.digest
      ? 'the previous site'
      : found.digest === next.digest
        ? 'the new site'
        : `a mix of ${found.files.length} files (the previous site has ${previous.files.length}, the new one ${next.files.length})`

/** After a kill: one whole site, the one there before or the new one, and never a mix. */
async function expectWholeSite(): Promise<void> {
  const now = await snapshot(out)
  if (now) {
    expect([nameOf(current), 'the new site']).toContain(nameOf(now))
    current = now
    return
  }
  // Killed between the swap's two renames (target moved aside, staging not yet in its place): the site moved
  // aside must be whole, since the next run renames it back.
  const aside = (await readdir(root)).filter((entry) => entry.startsWith('.out.old-'))
  expect(aside).toHaveLength(1)
  expect(nameOf(await snapshot(path.join(root, aside[0]!)))).toBe(nameOf(current))
}

beforeAll(async () => {
  root = await tempDir('desk-kill-', existsSync('/dev/shm') ? '/dev/shm' : tmpdir())
  site = path.join(root, 'site')
  out = path.join(root, 'out')
  // The site the kills must never half-replace, and (built alongside, from a copy of the site with the next
  // edition of its stories) the whole new site they may leave instead.
  const nextSite = path.join(root, 'next-site')
  const reference = path.join(root, 'reference')
  await writeStories(site, storyCount, 'first edition')
  await writeStories(nextSite, storyCount + 20, 'second edition')
  inPlace = path.join(root, 'in-place')
  cache = ['--cache-dir', path.join(root, 'cache')]
  // There already, as `dist/` is after a first build: a folder written for the first time is not recorded.
  await mkdir(inPlace)
  const builds = [startBuild(site, out), startBuild(nextSite, reference), startBuild(site, inPlace, cache)]
  for (const build of builds) expect((await build.exited).code, build.output()).toBe(0)
  previous = (await snapshot(out))!
  next = (await snapshot(reference))!
  current = previous
  // Every file but the 404 page and the stylesheet differs (each headline is on its story and on the indexes
  // listing it, and the topic counts change), and there are more of them: any mix of the two sites shows.
  expect(next.files.length).toBeGreaterThan(previous.files.length)
  expect(next.files.length).toBeGreaterThan(700)

  // The reporters' edit: from here on, every build of the site writes the new site.
  await writeStories(site, storyCount + 20, 'second edition')
}, 60_000)

describe('a build killed while it writes', () => {
  it('leaves the previous site when killed before it starts writing', async () => {
    const killed = await killBuild(site, out, {afterMs: 250})
    expect(killed.exit.signal, killed.output).toBe('SIGKILL')
    await expectWholeSite()
    expect(nameOf(current)).toBe('the previous site')
  })

  it('leaves the previous site when killed as soon as its staging folder appears', async () => {
    const killed = await killBuild(site, out, {stagingHolds: 0})
    expect(killed.exit.signal, killed.output).toBe('SIGKILL')
    await expectWholeSite()
    expect(nameOf(current)).toBe('the previous site')
  })

  it('leaves the previous site, and its half-written staging folder for the next run, when killed with some pages written', async () => {
    const killed = await killBuild(site, out, {stagingHolds: 50})
    expect(killed.exit.signal, killed.output).toBe('SIGKILL')
    await expectWholeSite()
    expect(nameOf(current)).toBe('the previous site')
    expect((await readdir(root)).some((entry) => entry.startsWith(`.out.tmp-${killed.pid}-`))).toBe(true)
  })

  it('leaves one whole site when killed with most pages written', async () => {
    const killed = await killBuild(site, out, {stagingHolds: Math.round(next.files.length * 0.6)})
    expect(killed.exit.signal, killed.output).toBe('SIGKILL')
    await expectWholeSite()
  })

  it('leaves one whole site when killed in the middle of the swap', async () => {
    // Caught with the old site moved aside (and being deleted), or just after the staging folder took its place;
    // or, rarely, between the two renames, with the old site aside and nothing in its place (see expectWholeSite).
    await killBuild(site, out, {swapping: true})
    await expectWholeSite()
  })

  it('is cleaned up after by the next build, which writes the whole new site and leaves no temporary folders', async () => {
    const build = startBuild(site, out)
    const exit = await build.exited
    expect(exit.code, build.output()).toBe(0)
    expect(build.output()).toMatch(new RegExp(`^Built ${storyCount + 20} articles in 2 sections: `))
    expect(nameOf(await snapshot(out))).toBe('the new site')
    expect((await readdir(root)).sort()).toEqual(['cache', 'in-place', 'next-site', 'out', 'reference', 'site'])
  })
})

describe('a build killed while it updates the last output in place', () => {
  it('leaves the previous site when killed before its journal, with few or many changed pages written', async () => {
    for (const stagingHolds of [0, 50]) {
      const killed = await killBuild(site, inPlace, {stagingHolds}, cache)
      expect(killed.exit.signal, killed.output).toBe('SIGKILL')
      expect(nameOf(await snapshot(inPlace))).toBe('the previous site')
    }
    // Killed late, it may have finished; never half-finished.
    await killBuild(site, inPlace, {stagingHolds: Math.round(next.files.length * 0.9)}, cache)
    expect(['the previous site', 'the new site']).toContain(nameOf(await snapshot(inPlace)))
  })

  it('leaves the new site whole, once the next run finishes the journal, when killed while applying it', async () => {
    const killed = await killBuild(site, inPlace, {journal: true}, cache)
    expect(killed.exit.signal, killed.output).toBe('SIGKILL')
    await recoverInterruptedBuild(inPlace)
    expect(nameOf(await snapshot(inPlace)), killed.output).toBe('the new site')
    expect((await readdir(root)).filter((entry) => entry.startsWith('.in-place.'))).toEqual([])
  })

  it('is brought up to date by the next build, which leaves no temporary folders', async () => {
    const build = startBuild(site, inPlace, cache)
    expect((await build.exited).code, build.output()).toBe(0)
    expect(nameOf(await snapshot(inPlace))).toBe('the new site')
    expect((await readdir(root)).filter((entry) => entry.startsWith('.'))).toEqual([])
  })
})
