import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {makeSite, readPage, story, textOf} from '../helpers/fixture-site.ts'

describe('corrections', () => {
  it('are shown at the foot of the story, dated, oldest first, and the story says when it was last modified', async () => {
    const corrections = [
      '',
      '  - date: 2010-05-17T08:00:00Z',
      '    text: A later version corrected the name of the city.',
      '  - date: 2010-05-16T09:30:00Z',
      '    text: An earlier version gave the wrong number of people hurt.',
    ].join('\n')
    const site = await makeSite({'articles/a.md': story({modified: '2010-05-17T08:00:00Z', corrections})})
    const out = path.join(site, 'dist')
    const result = await buildSite({siteDir: site, outDir: out})
    expect(result.files.flatMap((file) => file.messages)).toEqual([])
    const page = await readPage(out, '/central-south-asia/2010/05/15/a/')
    expect(page.text('.story-footer .corrections h2')).toBe('Corrections')
    expect(page.all('.corrections li').map(textOf)).toEqual([
      '16 May 2010 09:30 GMT: An earlier version gave the wrong number of people hurt.',
      '17 May 2010 08:00 GMT: A later version corrected the name of the city.',
    ])
    expect(page.all('.corrections time').map((time) => time.properties['dateTime'])).toEqual(['2010-05-16T09:30:00Z', '2010-05-17T08:00:00Z'])
    expect(page.all('.date-line time').at(-1)?.properties['dateTime']).toBe('2010-05-17T08:00:00Z')
  })

  it('leave no box on a story without any', async () => {
    const site = await makeSite({'articles/a.md': story()})
    const out = path.join(site, 'dist')
    await buildSite({siteDir: site, outDir: out})
    expect((await readPage(out, '/central-south-asia/2010/05/15/a/')).all('.corrections')).toEqual([])
  })
})
