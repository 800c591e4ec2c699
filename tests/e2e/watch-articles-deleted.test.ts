// Deletes a watched site's whole articles/ folder under `npm run watch`, then brings it back, and checks over HTTP that the preview lives through it.
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeSite, story} from '../helpers/fixture-site.ts'
import {fetchText, startWatch, waitFor, type WatchProcess} from '../helpers/watch-process.ts'

let site: string
let watch: WatchProcess
const storyUrl = 'central-south-asia/2010/05/15/clashes/'

beforeAll(async () => {
  site = await makeSite({
    'articles/2010/05/clashes.md': story(),
    'articles/2010/05/other.md': story({title: 'Another story', section: 'middle-east'}),
  })
  watch = await startWatch(site, path.join(site, 'preview'))
})

afterAll(async () => {
  await watch?.stop()
})

const headlineOf = (body: string) => /<h1>([^<]*)<\/h1>/.exec(body)?.[1]
const hasOverlay = (body: string) => body.includes('id="desk-problems"')

describe('npm run watch, when articles/ is deleted', () => {
  it('keeps running, shows the problem over the last good site, and keeps serving it', async () => {
    expect(headlineOf((await fetchText(watch.url + storyUrl)).body)).toBe('Clashes erupt in south Kyrgyzstan')

    await rm(path.join(site, 'articles'), {recursive: true})
    const page = await waitFor(async () => {
      const served = await fetchText(watch.url + storyUrl)
      return hasOverlay(served.body) ? served : undefined
    }, 30_000, watch.output)

    expect(page.body).toMatch(/site\.yaml:1:1: error: There is no articles\/ folder next to site\.yaml: create \S*articles and put the stories in it/)
    // The last good version stays up underneath: the story, and the pages listing it.
    expect(page.status).toBe(200)
    expect(headlineOf(page.body)).toBe('Clashes erupt in south Kyrgyzstan')
    expect((await fetchText(watch.url + 'middle-east/')).body).toContain('Another story')
    expect(watch.output()).toMatch(/There is no articles\/ folder next to site\.yaml/)
    expect(watch.output()).toMatch(/1 error: the preview keeps the last good version until the next good save\./)
    expect(watch.output()).not.toMatch(/unexpected error/)
  })

  it('serves the stories of a recreated articles/ folder, clears the problem, and keeps watching the new folder', async () => {
    await mkdir(path.join(site, 'articles/2010/06'), {recursive: true})
    await writeFile(path.join(site, 'articles/2010/06/returns.md'), story({title: 'The desk returns', published: '2010-06-01T09:00:00Z'}))
    const returnsUrl = watch.url + 'central-south-asia/2010/06/01/returns/'
    const page = await waitFor(async () => {
      const served = await fetchText(returnsUrl)
      return served.status === 200 && !hasOverlay(served.body) ? served : undefined
    }, 30_000, watch.output)
    expect(headlineOf(page.body)).toBe('The desk returns')
    // The stories deleted with the old folder are gone from the site, and from the pages that listed them.
    await waitFor(async () => ((await fetchText(watch.url + storyUrl)).status === 404 ? true : undefined), 30_000, watch.output)
    const section = (await fetchText(watch.url + 'central-south-asia/')).body
    expect(section).toContain('The desk returns')
    expect(section).not.toContain('Clashes erupt in south Kyrgyzstan')
    expect(hasOverlay(section)).toBe(false)

    // A later save in the recreated folder is seen too: it is watched, not only found once.
    await writeFile(path.join(site, 'articles/2010/06/returns.md'), story({title: 'The desk is back', published: '2010-06-01T09:00:00Z'}))
    await waitFor(async () => (headlineOf((await fetchText(returnsUrl)).body) === 'The desk is back' ? true : undefined), 30_000, watch.output)
  })
})
