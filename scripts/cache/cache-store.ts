// A persistent key-value store for the build's cache, under node_modules/.cache/ where Netlify keeps it between
// builds. Entries are appended to pack files and found through one index, so a warm build reads a few large
// files instead of one small file per story.
import {randomBytes} from 'node:crypto'
import {closeSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createLockFile, isRunning, lockHolder} from '../lock-file.ts'

export interface CacheStore {
  /** The folder kept between builds, or undefined when this build's cache is a temporary one. */
  readonly dir: string | undefined
  /**
   * The bytes stored under `key`, or undefined. A key read or written is kept for the next build. The bytes may
   * share memory with entries read with them (see #read): read them, or copy them, but never change them.
   */
  get(key: string): Buffer | undefined
  /** Whether `key` is stored (and so kept), without reading it. */
  has(key: string): boolean
  /**
   * Stores `bytes` under `key`. Entries of the `model` lane (stories' records, which every build reads in the
   * order they were stored) are kept together, apart from the bulk (stories' texts, pages) read only when needed,
   * so reading them all ahead a window at a time reads nothing else.
   */
  put(key: string, bytes: Uint8Array, lane?: Lane): void
  /**
   * Writes the index. `dropUnused` drops what this run did not use: right after a whole build, not after a
   * failed one (the fix that follows should find the rest of the site still cached) nor after a check, which
   * reads stories but draws no pages.
   */
  close(options: {dropUnused: boolean}): void
}

export type Lane = 'model' | 'bulk'

interface Writer {
  name: string
  fd: number
  size: number
  /**
   * Entries waiting to be written, copied in as they come: holding on to each entry's own buffer (and a header
   * buffer for each) until the next write kept hundreds of thousands of small buffers alive on a large build.
   */
  pending: Buffer
  pendingBytes: number
}

/** Entries are written in pieces of this size: one system call per entry costs more than the rest of storing it. */
const writeSize = 1 << 22

interface Location {
  pack: string
  offset: number
  length: number
  /** Read, written or asked for by this run: kept for the next. A flag, not a set of keys, which cost more to fill. */
  used: boolean
}

interface IndexFile {
  format: 1
  entries: [key: string, pack: string, offset: number, length: number][]
}

/**
 * Reading ahead: a window of this many bytes, once a read starts at most `readAheadGap` bytes after the last one
 * ended (a warm build reads stories' records and skips their texts, stored between them).
 */
const readAheadWindow = 1 << 20
const readAheadGap = 64 << 10

/** More packs than this and the small ones are merged, so the cache stays a few files however often it is built. */
const maxPacks = 8

/**
 * Opens the cache in `dir`, creating it if need be. Only one build uses a cache at a time (a lock file with its
 * process id): a second build at the same moment, or `dir` undefined, gets a store that lives in a temporary
 * folder and is removed on close, so large builds can still keep story text out of memory.
 */
export function openCache(dir: string | undefined): CacheStore {
  if (dir !== undefined) {
    try {
      mkdirSync(path.join(dir, 'packs'), {recursive: true})
      if (takeLock(dir)) return new PackStore(dir, true)
    } catch {
      // A read-only or full disk: the build goes on without keeping anything, as with --no-cache.
    }
  }
  return new PackStore(mkdtempIn(tmpdir()), false)
}

class PackStore implements CacheStore {
  readonly #root: string
  readonly #persistent: boolean
  readonly #index = new Map<string, Location>()
  readonly #readers = new Map<string, number>()
  /** A pack being written for each lane. */
  readonly #writers = new Map<Lane, Writer>()
  #closed = false
  /** An entry was found damaged and dropped from the index. */
  #dropped = false
  /** The last bytes read ahead, and where the last read ended (see #read). */
  #window: {pack: string; offset: number; bytes: Buffer} | undefined
  #lastPack: string | undefined
  #lastEnd = 0

  get dir(): string | undefined {
    return this.#persistent ? this.#root : undefined
  }

  constructor(root: string, persistent: boolean) {
    this.#root = root
    this.#persistent = persistent
    if (persistent) this.#readIndex()
  }

  get(key: string): Buffer | undefined {
    if (this.#closed) return undefined
    const location = this.#index.get(key)
    if (!location) return undefined
    const record = this.#read(location)
    // A record is stored with its key: a pack damaged by a full disk or a killed build reads as a miss.
    const keyLength = record?.readUInt16LE(0)
    if (!record || keyLength === undefined || record.toString('latin1', 2, 2 + keyLength) !== key) {
      this.#index.delete(key)
      this.#dropped = true
      return undefined
    }
    location.used = true
    return record.subarray(2 + keyLength)
  }

  has(key: string): boolean {
    const location = this.#index.get(key)
    if (!location) return false
    location.used = true
    return true
  }

  put(key: string, bytes: Uint8Array, lane: Lane = 'bulk'): void {
    // A page still being drawn when a failed build closed the cache has nowhere to go.
    if (this.#closed) return
    let writer = this.#writers.get(lane)
    if (!writer) {
      const name = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.pack`
      writer = {name, fd: openSync(path.join(this.#root, 'packs', name), 'wx'), size: 0, pending: Buffer.allocUnsafe(writeSize), pendingBytes: 0}
      this.#writers.set(lane, writer)
    }
    const length = 2 + key.length + bytes.length
    if (writer.pendingBytes + length > writer.pending.length) flush(writer)
    writer.pending.writeUInt16LE(key.length, writer.pendingBytes)
    writer.pending.write(key, writer.pendingBytes + 2, 'latin1')
    writer.pendingBytes += 2 + key.length
    if (length > writer.pending.length) {
      // Larger than the buffer: written at once, after its header.
      flush(writer)
      writeAll(writer.fd, bytes)
    } else {
      writer.pending.set(bytes, writer.pendingBytes)
      writer.pendingBytes += bytes.length
    }
    this.#index.set(key, {pack: writer.name, offset: writer.size, length, used: true})
    writer.size += length
  }

  close(options: {dropUnused: boolean}): void {
    if (this.#closed) return
    this.#closed = true
    this.#window = undefined
    try {
      for (const writer of this.#writers.values()) {
        flush(writer)
        closeSync(writer.fd)
      }
      for (const fd of this.#readers.values()) closeSync(fd)
      this.#readers.clear()
      if (!this.#persistent) return
      const kept = [...this.#index].filter(([, location]) => !options.dropUnused || location.used === true)
      // A build that stored nothing and used every entry (nothing changed) leaves the index as it is.
      const same = this.#writers.size === 0 && !this.#dropped && kept.length === this.#index.size
      if (!same) this.#writeIndex(this.#mergeSmallPacks(kept))
      this.#removeUnusedPacks()
    } catch {
      // A cache that cannot be written (a full disk) costs the next build time, never this build its site:
      // the index stays as it was, and packs it does not name are cleared next time.
    } finally {
      if (this.#persistent) rmSync(path.join(this.#root, 'lock'), {force: true})
      else rmSync(this.#root, {recursive: true, force: true})
    }
  }

  #read(location: Location): Buffer | undefined {
    const window = this.#window
    if (window?.pack === location.pack && location.offset >= window.offset && location.offset + location.length <= window.offset + window.bytes.length) {
      this.#lastPack = location.pack
      this.#lastEnd = location.offset + location.length
      return window.bytes.subarray(location.offset - window.offset, location.offset - window.offset + location.length)
    }
    const writer = [...this.#writers.values()].find((candidate) => candidate.name === location.pack)
    if (writer) flush(writer)
    let fd = this.#readers.get(location.pack)
    if (fd === undefined) {
      try {
        fd = openSync(path.join(this.#root, 'packs', location.pack), 'r')
      } catch {
        return undefined
      }
      this.#readers.set(location.pack, fd)
    }
    // A build reads its records and pages in about the order an earlier one stored them: once reads follow each
    // other in a pack, it is read ahead a window at a time, one system call for dozens of entries. Never the
    // pack being written, which would grow past the window.
    const ahead = !writer && location.pack === this.#lastPack && location.offset >= this.#lastEnd && location.offset - this.#lastEnd <= readAheadGap
    this.#lastPack = location.pack
    this.#lastEnd = location.offset + location.length
    const size = ahead ? Math.max(location.length, readAheadWindow) : location.length
    const buffer = Buffer.allocUnsafe(size)
    const read = readSync(fd, buffer, 0, size, location.offset)
    if (read < location.length) return undefined
    if (!ahead) return buffer
    this.#window = {pack: location.pack, offset: location.offset, bytes: buffer.subarray(0, read)}
    return buffer.subarray(0, location.length)
  }

  #readIndex(): void {
    let index: IndexFile
    try {
      index = JSON.parse(readFileSync(path.join(this.#root, 'index.json'), 'utf8')) as IndexFile
    } catch {
      return // No cache yet, or one from a build killed while writing it: start afresh.
    }
    if (index.format !== 1 || !Array.isArray(index.entries)) return
    for (const [key, pack, offset, length] of index.entries) this.#index.set(key, {pack, offset, length, used: false})
  }

  /** When packs pile up, the live entries of all but the largest are copied into one new pack. */
  #mergeSmallPacks(kept: [string, Location][]): [string, Location][] {
    const sizes = new Map<string, number>()
    for (const [, location] of kept) sizes.set(location.pack, (sizes.get(location.pack) ?? 0) + location.length)
    if (sizes.size <= maxPacks) return kept
    const largest = [...sizes].sort((a, b) => b[1] - a[1])[0]![0]
    const name = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.pack`
    const fd = openSync(path.join(this.#root, 'packs', name), 'wx')
    let size = 0
    const merged: [string, Location][] = []
    // Copied pack by pack, each in its own order: entries stored together (a lane) stay together.
    const inPackOrder = [...kept].sort(([, a], [, b]) => (a.pack < b.pack ? -1 : a.pack > b.pack ? 1 : a.offset - b.offset))
    try {
      for (const [key, location] of inPackOrder) {
        if (location.pack === largest) {
          merged.push([key, location])
          continue
        }
        const record = this.#read(location)
        if (!record) continue
        writeAll(fd, record)
        merged.push([key, {pack: name, offset: size, length: record.length, used: true}])
        size += record.length
      }
    } finally {
      closeSync(fd)
      for (const reader of this.#readers.values()) closeSync(reader)
      this.#readers.clear()
    }
    return merged
  }

  #writeIndex(entries: [string, Location][]): void {
    const index: IndexFile = {format: 1, entries: entries.map(([key, l]) => [key, l.pack, l.offset, l.length])}
    const temporary = path.join(this.#root, `index.json.${process.pid}.tmp`)
    writeFileSync(temporary, JSON.stringify(index))
    renameSync(temporary, path.join(this.#root, 'index.json'))
    this.#index.clear()
    for (const [key, location] of entries) this.#index.set(key, location)
  }

  #removeUnusedPacks(): void {
    const live = new Set([...this.#index.values()].map((location) => location.pack))
    for (const name of readdirSync(path.join(this.#root, 'packs'))) {
      if (!live.has(name)) rmSync(path.join(this.#root, 'packs', name), {force: true})
    }
  }
}

/** Takes the cache for this process, unless a live build holds it. */
function takeLock(dir: string): boolean {
  const lock = path.join(dir, 'lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (createLockFile(lock)) return true
    } catch {
      return false
    }
    const holder = lockHolder(lock)
    if (holder === undefined) continue // Released meanwhile: try again.
    if (holder === process.pid || isRunning(holder)) return false
    // Left by a build that was killed: its packs are unreferenced and go at the next close.
    rmSync(lock, {force: true})
  }
  return false
}

function flush(writer: Writer): void {
  if (writer.pendingBytes === 0) return
  writeAll(writer.fd, writer.pending.subarray(0, writer.pendingBytes))
  writer.pendingBytes = 0
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
}

function mkdtempIn(parent: string): string {
  const dir = path.join(parent, `desk-cache-${process.pid}-${randomBytes(4).toString('hex')}`)
  mkdirSync(path.join(dir, 'packs'), {recursive: true})
  return dir
}
