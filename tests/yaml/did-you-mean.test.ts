import {describe, expect, it} from 'vitest'
import {didYouMean} from '../../scripts/yaml/did-you-mean.ts'

describe('didYouMean', () => {
  const fields = ['title', 'standfirst', 'section', 'published', 'modified', 'byline']
  it('suggests the nearest field for typos, swaps and case slips', () => {
    expect(didYouMean('titel', fields)).toBe('title')
    expect(didYouMean('standfrist', fields)).toBe('standfirst')
    expect(didYouMean('Byline', fields)).toBe('byline')
    expect(didYouMean('publised', fields)).toBe('published')
  })
  it('suggests nothing when no field is close', () => {
    expect(didYouMean('colour', fields)).toBeUndefined()
  })
})
