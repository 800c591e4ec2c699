// The memo behind parts drawn once: it answers like a map for what is in use, and stays small however much passes through.
import {describe, expect, it} from 'vitest'
import {RecentMemo} from '../scripts/recent-memo.ts'

describe('RecentMemo', () => {
  it('gives back each of the last entries set, as many as its limit', () => {
    const memo = new RecentMemo<string, number>(3)
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) memo.set(key, index)
    expect(['c', 'd', 'e'].map((key) => memo.get(key))).toEqual([2, 3, 4])
    expect(memo.get('f')).toBeUndefined()
  })

  it('forgets what has not been used for a while, so 100,000 stories take no more room than a few thousand', () => {
    const memo = new RecentMemo<number, string>(1000)
    for (let key = 0; key < 100_000; key++) memo.set(key, `card ${key}`)
    const kept = Array.from({length: 100_000}, (_, key) => key).filter((key) => memo.get(key) !== undefined)
    expect(kept.length).toBeGreaterThanOrEqual(1000)
    expect(kept.length).toBeLessThanOrEqual(2000)
    expect(kept.at(-1)).toBe(99_999)
    expect(memo.get(99_999)).toBe('card 99999')
  })

  it('keeps an entry that is used again as newer ones come in', () => {
    const memo = new RecentMemo<string, string>(2)
    memo.set('masthead', 'header')
    for (let key = 0; key < 50; key++) {
      memo.set(`card ${key}`, 'x')
      expect(memo.get('masthead')).toBe('header')
    }
  })
})
