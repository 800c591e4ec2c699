import {describe, expect, it} from 'vitest'
import {articleUrl, outputPathOf} from '../../scripts/content/permalinks.ts'

describe('articleUrl', () => {
  const published = Date.parse('2010-05-15T21:43:00Z')

  it('dates the URL in the desk’s time zone', () => {
    expect(articleUrl('central-south-asia', published, 'UTC', 'clashes')).toBe('/central-south-asia/2010/05/15/clashes/')
    // 21:43 GMT is already 16 May in Bishkek (UTC+6).
    expect(articleUrl('central-south-asia', published, 'Asia/Bishkek', 'clashes')).toBe('/central-south-asia/2010/05/16/clashes/')
  })
})

describe('outputPathOf', () => {
  it('writes folder URLs as index.html and keeps file URLs', () => {
    expect(outputPathOf('/')).toBe('index.html')
    expect(outputPathOf('/central-south-asia/')).toBe('central-south-asia/index.html')
    expect(outputPathOf('/404.html')).toBe('404.html')
  })
})
