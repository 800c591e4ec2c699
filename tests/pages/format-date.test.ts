import {describe, expect, it} from 'vitest'
import {formatDate, formatDateTime} from '../../scripts/pages/format-date.ts'

describe('formatDateTime', () => {
  const moment = Date.parse('2010-05-15T15:43:00Z')
  it('prints the desk’s style, saying GMT for UTC', () => {
    expect(formatDateTime(moment, 'UTC')).toBe('15 May 2010 15:43 GMT')
  })
  it('prints the time in the desk’s own zone', () => {
    expect(formatDateTime(moment, 'Asia/Bishkek')).toBe('15 May 2010 21:43 GMT+6')
  })
  it('prints just the day for lists', () => {
    expect(formatDate(moment, 'UTC')).toBe('15 May 2010')
  })
})
