// The build's cache gives back exactly the bytes stored under a key, however they are read.
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
})
