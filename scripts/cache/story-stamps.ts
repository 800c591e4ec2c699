// What the cache knows of each story file as the disk last described it, so that a build knows an unchanged story
// by its digest without reading it (as git's index knows unchanged files). Reading and hashing 10,000 stories
// took longer than looking at them. Like git's index, it cannot see a write through a shared memory mapping,
// which moves no time; `--no-cache`, or deleting story-stamps.json from the cache, reads every story.
import {createHash} from 'node:crypto'
import {readFileSync, renameSync, rmSync, writeFileSync, type Stats} from 'node:fs'
import path from 'node:path'
import {clockTickAt} from '../clock-tick.ts'

/**
 * A story file's bytes, by their digest, and the file as the disk described it just before they were read. Any
 * write, rename or change of mode moves the change time (ctime), which no program can set back.
 */
type StoryStamp = [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number, digest: string]

interface StampsFile {
  format: 1
  stamps: Record<string, StoryStamp>
}

export interface StoryStamps {
  /** The digest of the file's bytes, when the file is still as stamped. */
  digestOf(filePath: string, info: Stats): string | undefined
  /**
   * Remembers the digest of bytes read after `info` was taken at `statAt`. Not when the file changed within a
   * clock tick of that: a change made in the same tick would keep the same times ("racily clean", in git's words).
   */
  stamp(filePath: string, info: Stats, digest: string, statAt: number): void
  /** Keeps the stamps of the stories looked at since opening, and only those, for the next build. */
  save(): void
}

/** The digest a story's cache key is made from. */
export function contentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url')
}

/** Stamps kept in `cacheDir`; with none (a cache that is not kept), stamps last as long as the process. */
export function openStoryStamps(cacheDir: string | undefined): StoryStamps {
  const file = cacheDir === undefined ? undefined : path.join(cacheDir, 'story-stamps.json')
  const previous = file === undefined ? {} : readStamps(file)
  const current: Record<string, StoryStamp> = Object.create(null)
  let changed = false

  return {
    digestOf(filePath, info) {
      const stamp = Object.hasOwn(previous, filePath) ? previous[filePath] : undefined
      const same =
        Array.isArray(stamp) &&
        typeof stamp[5] === 'string' &&
        stamp[0] === info.dev &&
        stamp[1] === info.ino &&
        stamp[2] === info.size &&
        stamp[3] === info.mtimeMs &&
        stamp[4] === info.ctimeMs
      if (!same) return undefined
      current[filePath] = stamp!
      return stamp![5]
    },
    stamp(filePath, info, digest, statAt) {
      changed = true
      if (statAt - info.ctimeMs <= clockTickAt(info.ctimeMs)) return
      current[filePath] = [info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs, digest]
    },
    save() {
      if (file === undefined) return
      if (!changed && Object.keys(current).length === Object.keys(previous).length) return
      const staging = `${file}.${process.pid}.tmp`
      try {
        writeFileSync(staging, JSON.stringify({format: 1, stamps: current} satisfies StampsFile))
        renameSync(staging, file)
      } catch {
        // A full or read-only disk: the next build reads every story, as without stamps.
        rmSync(staging, {force: true})
      }
    },
  }
}

function readStamps(file: string): Record<string, StoryStamp> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StampsFile>
    if (parsed.format === 1 && typeof parsed.stamps === 'object' && parsed.stamps !== null) return parsed.stamps
  } catch {
    // Missing or damaged: every story is read.
  }
  return Object.create(null) as Record<string, StoryStamp>
}
