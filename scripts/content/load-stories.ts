// Loads every story of a build through the cache: a story whose bytes, path, site configuration and content code
// are unchanged is read back from it; the rest are parsed, on worker threads when there are many, and stored.
import {createHash} from 'node:crypto'
import {closeSync, fstatSync, openSync, readFileSync, statSync, type Stats} from 'node:fs'
import type {CacheStore} from '../cache/cache-store.ts'
import {contentDigest, openStoryStamps, type StoryStamps} from '../cache/story-stamps.ts'
import {mapConcurrent} from '../map-concurrent.ts'
import {batchSize, jobBatches} from '../workers/job-batches.ts'
import {warnOnce, type WorkerPool} from '../workers/worker-pool.ts'
import {shapedArticle, type Article} from './article.ts'
import type {LoadContext, LoadedArticle} from './load-article.ts'
import {unreadable} from './load-article.ts'
import {resolveImage} from './resolve-image.ts'
import {storyKey} from './story-key.ts'
import {parseStoryFile, recordFile, type StoryRecord} from './story-record.ts'

/** Loads stories by path, in the order given. */
export type StoryLoader = (paths: readonly string[], context: LoadContext) => Promise<LoadedArticle[]>

export interface CachedLoaderOptions {
  cache: CacheStore
  /** Fingerprint of the content stage's code (see cache/fingerprint.ts). */
  fingerprint: string
  /** Worker threads, started only when enough stories need parsing to pay for them. */
  pool: () => WorkerPool | undefined
  /** How many stories to parse before threads are worth starting. */
  parallelFrom: number
  onProgress?: ((done: number, total: number) => void) | undefined
  /** Counts the stories parsed rather than read from the cache. */
  counts?: {parsed: number} | undefined
}

// Every story's text waits in the cache until its page is drawn; in memory, its body is this.
const storedBody: Article['body'] = Object.freeze({type: 'root', children: []}) as unknown as Article['body']

export function cachedStoryLoader(options: CachedLoaderOptions): StoryLoader {
  const {cache} = options
  const stamps = openStoryStamps(cache.dir)
  return async (paths, context) => {
    // A story is read in the light of the site's configuration (its sections, its address, its house style).
    const fingerprint = createHash('sha256').update(options.fingerprint).update(JSON.stringify(context.site)).digest('hex')
    const records = new Array<{key: string; record: StoryRecord} | LoadedArticle>(paths.length)
    let done = 0
    const progress = () => options.onProgress?.(++done, paths.length)

    // First what the cache already has, by each story's digest.
    const misses: number[] = []
    paths.forEach((filePath, index) => {
      let digest: string
      try {
        digest = storyDigest(filePath, stamps)
      } catch (error) {
        records[index] = unreadable(filePath, error)
        progress()
        return
      }
      const key = storyKey(fingerprint, filePath, digest)
      const stored = cache.get(key)
      if (stored && cache.has(bodyKey(key))) {
        // JSON rather than v8's serializer: a record parses in half the time (about 3 µs against 6).
        records[index] = {key, record: JSON.parse(stored.toString('utf8')) as StoryRecord}
        progress()
      } else {
        misses.push(index)
        // Threads take a while to start (their code is loaded anew): once they will surely be used, they start
        // while the rest of the stories are looked up.
        if (misses.length === options.parallelFrom) options.pool()
      }
    })
    stamps.save()

    // Then the rest, parsed and stored. Threads read the file again themselves: sending every story's bytes
    // across would cost as much, and a file saved meanwhile is parsed as it now is.
    const pool = misses.length >= options.parallelFrom ? options.pool() : undefined
    const size = pool ? batchSize(misses.length, pool.threads) : 1
    const batches =
      pool && jobBatches(size, (filePaths: string[]) => pool.parseStories({filePaths, site: context.site, fingerprint}))
    const parse = async (index: number) => {
      const filePath = paths[index]!
      const parsed = batches
        ? await batches.add(filePath).catch((error: unknown) => {
            warnOnce(error)
            return parseStoryFile(filePath, context.site, fingerprint)
          })
        : await parseStoryFile(filePath, context.site, fingerprint)
      if ('unreadable' in parsed) records[index] = unreadable(filePath, {code: parsed.unreadable})
      else {
        const {bodyHtml, ...rest} = parsed.record
        // The record stays in memory for this build; a cache that is not kept (`--no-cache`) needs only the text.
        if (cache.dir !== undefined) cache.put(parsed.key, Buffer.from(JSON.stringify(rest), 'utf8'), 'model')
        cache.put(bodyKey(parsed.key), Buffer.from(bodyHtml ?? '', 'utf8'))
        // Without its text, which waits in the cache: 10,000 stories' texts would stay in memory until all are read.
        records[index] = {key: parsed.key, record: rest}
        if (options.counts) options.counts.parsed++
      }
      progress()
    }
    // Two batches a thread: one being parsed, one waiting for it.
    await mapConcurrent(misses, pool ? pool.threads * 2 * size : 1, parse)

    // Photos are looked at every build: the cache knows the story's bytes, not the photo's.
    return mapConcurrent(records, 32, async (entry, index) => {
        if (!('record' in entry)) return entry
        const {key, record} = entry
        const file = recordFile(paths[index]!, record)
        const image = record.image && (await resolveImage(file, record.image, context.siteDir))
        if (!record.article || (record.image && !image)) return {file, draft: record.draft}
        return {file, draft: record.draft, article: shapedArticle({...record.article, image, body: storedBody, cacheKey: key})}
    })
  }
}

/**
 * The digest of a story file's bytes: its stamp's, if the file is as the last build stamped it, or else read.
 * A file still as stamped is known by one look at it (opening and closing it as well took three times as long):
 * its device, inode, size and both times say it is the very file whose bytes were read. A file read goes
 * through one open file, looked at before its bytes are read, so a stamp always describes the file whose bytes
 * it vouches for (a link or folder switched between a look and a read cannot pair one file's stamp with
 * another's bytes), and never bytes older than its file's. One difference from a build without the cache: a
 * file still as stamped that this build may look at but not open (a cache shared between users) is not read.
 */
function storyDigest(filePath: string, stamps: StoryStamps): string {
  const seen = statOrUndefined(filePath)
  const known = seen && stamps.digestOf(filePath, seen)
  if (known !== undefined) return known
  const fd = openSync(filePath, 'r')
  try {
    const lookedAt = Date.now()
    const info = fstatSync(fd)
    const stamped = stamps.digestOf(filePath, info)
    if (stamped !== undefined) return stamped
    const digest = contentDigest(readFileSync(fd))
    if (info.isFile()) stamps.stamp(filePath, info, digest, lookedAt)
    return digest
  } finally {
    closeSync(fd)
  }
}

function statOrUndefined(filePath: string): Stats | undefined {
  try {
    return statSync(filePath, {throwIfNoEntry: false})
  } catch {
    // Opening it says what is wrong.
    return undefined
  }
}

/** Where a story's text is kept, apart from its record so the model can be read without it. */
export function bodyKey(storyKey: string): string {
  return `${storyKey}:text`
}
