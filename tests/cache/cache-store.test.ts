// The build's cache gives back exactly the bytes stored under a key, however they are read.
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {openCache} from '../../scripts/cache/cache-store.ts'
import {tempDir} from '../helpers/fixture-site.ts'

/** Entries of every size around the read-ahead window (1 MiB), each with bytes of its own. */
function entries(count: number): Array<[string, Buffer]> {
  return Array.from({length: count}, (_, index) => {
    const size = index % 50 === 7 ? (1 << 20) + 3 * index : index % 9 === 0 ? 1 : 97 * ((index * 31) % 400)
    const bytes = Buffer.alloc(size)
    for (let at = 0; at < size; at++) bytes[at] = (index * 7 + at) % 251
    return [`key-${index}`, bytes]
  })
}

describe('the cache store', () => {
  it('gives back each entry of an earlier build, read in order, backwards, skipping, or at random', async () => {
    const dir = await tempDir()
    const stored = entries(400)
    const first = openCache(dir)
    for (const [key, bytes] of stored) first.put(key, bytes)
    first.close({dropUnused: false})

    const orders = [
      stored.map((_, index) => index),
      stored.map((_, index) => stored.length - 1 - index),
      stored.map((_, index) => index).filter((index) => index % 3 !== 1),
      stored.map((_, index) => (index * 157) % stored.length),
    ]
    for (const order of orders) {
      const cache = openCache(dir)
      for (const index of order) expect(cache.get(stored[index]![0])?.equals(stored[index]![1]), `entry ${index}`).toBe(true)
      cache.close({dropUnused: false})
    }
  })

  it('gives back what this build stored a moment ago, between reads of the pack it is still writing', async () => {
    const cache = openCache(await tempDir())
    const stored = entries(120)
    stored.forEach(([key, bytes], index) => {
      cache.put(key, bytes)
      // Each entry read back at once, and an earlier one now and then.
      expect(cache.get(key)?.equals(bytes)).toBe(true)
      const earlier = stored[Math.floor(index / 2)]!
      expect(cache.get(earlier[0])?.equals(earlier[1])).toBe(true)
    })
    cache.close({dropUnused: false})
  })

  it('gives back an entry larger than the pieces the store writes in, between small ones', async () => {
    const dir = await tempDir()
    const large = Buffer.alloc((5 << 20) + 7)
    for (let at = 0; at < large.length; at++) large[at] = at % 253
    const stored: Array<[string, Buffer]> = [['small-1', Buffer.from('before')], ['large', large], ['small-2', Buffer.from('after')]]
    const cache = openCache(dir)
    for (const [key, bytes] of stored) cache.put(key, bytes)
    for (const [key, bytes] of stored) expect(cache.get(key)?.equals(bytes), key).toBe(true)
    cache.close({dropUnused: false})
    const again = openCache(dir)
    for (const [key, bytes] of stored) expect(again.get(key)?.equals(bytes), key).toBe(true)
    again.close({dropUnused: false})
  })

  it('keeps, after a whole build, what it read or only asked for, and drops the rest', async () => {
    const dir = await tempDir()
    const first = openCache(dir)
    for (const key of ['read', 'asked', 'unused']) first.put(key, Buffer.from(key))
    first.close({dropUnused: false})

    // A page left in place in the output folder is only asked for: its bytes are needed again in a new folder.
    const second = openCache(dir)
    expect(second.get('read')?.toString()).toBe('read')
    expect(second.has('asked')).toBe(true)
    second.put('new', Buffer.from('new'))
    second.close({dropUnused: true})

    const third = openCache(dir)
    expect(['read', 'asked', 'unused', 'new'].map((key) => third.get(key)?.toString())).toEqual(['read', 'asked', undefined, 'new'])
    third.close({dropUnused: false})
  })

  it('leaves the index as it is after a build that stored nothing and used every entry', async () => {
    const dir = await tempDir()
    const first = openCache(dir)
    for (const key of ['a', 'b']) first.put(key, Buffer.from(key))
    first.close({dropUnused: false})
    const index = path.join(dir, 'index.json')
    const written = (await stat(index)).mtimeMs

    const unchanged = openCache(dir)
    expect(unchanged.get('a')?.toString()).toBe('a')
    expect(unchanged.has('b')).toBe(true)
    unchanged.close({dropUnused: true})
    expect((await stat(index)).mtimeMs).toBe(written)

    // One entry not used: the index is written without it.
    const partly = openCache(dir)
    expect(partly.has('a')).toBe(true)
    partly.close({dropUnused: true})
    const last = openCache(dir)
    expect([last.get('a')?.toString(), last.get('b')]).toEqual(['a', undefined])
    last.close({dropUnused: false})
  })

  it('keeps each build’s model entries together, apart from the bulk stored between them, through merges of packs', async () => {
    const dir = await tempDir()
    const builds = 12
    const model = (build: number, index: number): [string, Buffer] => [`model-${build}-${index}`, Buffer.from(`record ${build}.${index} `.repeat(index + 1))]
    const bulk = (build: number, index: number): [string, Buffer] => [`bulk-${build}-${index}`, Buffer.alloc(3000 + index, build)]
    for (let build = 0; build < builds; build++) {
      const cache = openCache(dir)
      for (let index = 0; index < 30; index++) {
        cache.put(...model(build, index), 'model')
        cache.put(...bulk(build, index))
      }
      cache.close({dropUnused: false})
    }

    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {entries: [string, string, number, number][]}
    const where = new Map(index.entries.map(([key, pack, offset, length]) => [key, {pack, offset, length}]))
    // More builds than packs are kept: packs were merged.
    expect(new Set(index.entries.map(([, pack]) => pack)).size).toBeLessThan(builds * 2)
    for (let build = 0; build < builds; build++) {
      for (let at = 1; at < 30; at++) {
        const before = where.get(model(build, at - 1)[0])!
        const next = where.get(model(build, at)[0])!
        expect(next.pack, `build ${build}, entry ${at}`).toBe(before.pack)
        expect(next.offset, `build ${build}, entry ${at}`).toBe(before.offset + before.length)
      }
    }
    const cache = openCache(dir)
    for (let build = 0; build < builds; build++) {
      for (let at = 0; at < 30; at++) {
        for (const [key, bytes] of [model(build, at), bulk(build, at)]) expect(cache.get(key)?.equals(bytes), key).toBe(true)
      }
    }
    cache.close({dropUnused: false})
  })
})
