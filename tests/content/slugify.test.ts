import {describe, expect, it} from 'vitest'
import {slugify} from '../../scripts/content/slugify.ts'

describe('slugify', () => {
  it('lowercases and joins words with hyphens', () => {
    expect(slugify('Kurmanbek Bakiyev')).toBe('kurmanbek-bakiyev')
    expect(slugify('People&Power: Revolution gone wrong')).toBe('people-power-revolution-gone-wrong')
  })
  it('drops apostrophes rather than splitting on them', () => {
    expect(slugify("Kyrgyzstan's hollow revolution")).toBe('kyrgyzstans-hollow-revolution')
  })
  it('strips accents from Latin letters and keeps other scripts', () => {
    expect(slugify('Bişkek Café')).toBe('biskek-cafe')
    expect(slugify('Ош')).toBe('ош')
  })
  it('returns an empty slug when there is nothing to make one from', () => {
    expect(slugify('!!!')).toBe('')
  })
})
