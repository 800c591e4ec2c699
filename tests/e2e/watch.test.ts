// Runs `npm run watch` on a copy of a fixture site and checks, over HTTP, what a reporter sees as they save.
import {rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeSite, story} from '../helpers/fixture-site.ts'
import {fetchText, startWatch, waitFor, type WatchProcess} from '../helpers/watch-process.ts'

let site: string
let watch: WatchProcess
const storyUrl = 'central-south-asia/2010/05/15/clashes/'

beforeAll(async () => {
  site = await makeSite({
    'articles/clashes.md': story({topics: '[Osh]'}),
    'articles/other.md': story({title: 'Another story', section: 'middle-east'}),
  })
  watch = await startWatch(site, path.join(site, 'preview'))
})

afterAll(async () => {
  await watch?.stop()
})

const headlineOf = async (url: string) => /<h1>([^<]*)<\/h1>/.exec((await fetchText(url)).body)?.[1]

describe('npm run watch', () => {
  it('serves the built site at the printed address, on this machine only', async () => {
    expect(watch.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(await headlineOf(watch.url + storyUrl)).toBe('Clashes erupt in south Kyrgyzstan')
    const page = await fetchText(watch.url + storyUrl)
    expect(page.body).toContain('new EventSource("/__desk/events?page=')
  })

  it('serves the new headline after a save', async () => {
    await writeFile(path.join(site, 'articles/clashes.md'), story({title: 'Clashes spread', topics: '[Osh]'}))
    expect(await waitFor(async () => ((await headlineOf(watch.url + storyUrl)) === 'Clashes spread' ? true : undefined))).toBe(true)
  })

  it('lists an added story on its section index, and drops it when deleted', async () => {
    const section = watch.url + 'central-south-asia/'
    const cards = async () => ((await fetchText(section)).body.match(/class="card-title"/g) ?? []).length
    await writeFile(path.join(site, 'articles/added.md'), story({title: 'Added story', published: '2010-05-16T09:00:00Z'}))
    await waitFor(async () => ((await cards()) === 2 ? true : undefined))
    expect((await fetchText(watch.url + 'central-south-asia/2010/05/16/added/')).status).toBe(200)

    await rm(path.join(site, 'articles/added.md'))
    await waitFor(async () => ((await cards()) === 1 ? true : undefined))
    await waitFor(async () => ((await fetchText(watch.url + 'central-south-asia/2010/05/16/added/')).status === 404 ? true : undefined))
  })

  it('shows a broken save as an overlay on the page, keeps serving the rest, and clears it on the next good save', async () => {
    const file = path.join(site, 'articles/clashes.md')
    await writeFile(file, story({title: 'Clashes spread', section: 'centrl-south-asia', topics: '[Osh]'}))
    const overlay = await waitFor(async () => {
      const body = (await fetchText(watch.url + storyUrl)).body
      return body.includes('id="desk-problems"') ? body : undefined
    }, 30_000, watch.output)
    expect(overlay).toMatch(/clashes\.md:4:10: error: Unknown section `centrl-south-asia`: did you mean `central-south-asia`\?/)
    // The last good version stays up underneath, and other pages still serve.
    expect(await headlineOf(watch.url + storyUrl)).toBe('Clashes spread')
    expect((await fetchText(watch.url + 'middle-east/')).status).toBe(200)
    expect(watch.output()).toMatch(/clashes\.md:4:10: error: Unknown section/)

    await writeFile(file, story({title: 'Clashes spread', topics: '[Osh]'}))
    await waitFor(async () => (!(await fetchText(watch.url + storyUrl)).body.includes('desk-problems') ? true : undefined), 30_000, watch.output)
  })

  it('shows the last of two quick saves, even when the file watcher reports only the first', async () => {
    const file = path.join(site, 'articles/clashes.md')
    await writeFile(file, story({title: 'First quick save', topics: '[Osh]'}))
    await new Promise((resolve) => setTimeout(resolve, 5))
    await writeFile(file, story({title: 'Second quick save', topics: '[Osh]'}))
    expect(await waitFor(async () => ((await headlineOf(watch.url + storyUrl)) === 'Second quick save' ? true : undefined), 30_000, watch.output)).toBe(true)
  })

  it('clears the error of a wrongly named story once it is deleted', async () => {
    const file = path.join(site, 'articles/notes.markdown')
    await writeFile(file, story({title: 'Misnamed'}))
    await waitFor(async () => ((await fetchText(watch.url)).body.includes('Stories must end in `.md`') ? true : undefined), 30_000, watch.output)
    await rm(file)
    await waitFor(async () => (!(await fetchText(watch.url)).body.includes('desk-problems') ? true : undefined), 30_000, watch.output)
  })

  it('shows why, as an HTML page with the overlay, when the very first build fails', async () => {
    const broken = await makeSite({'articles/a.md': story({section: 'sprot'})})
    const other = await startWatch(broken, path.join(broken, 'preview'))
    try {
      const page = await fetchText(other.url)
      expect(page.status).toBe(404)
      expect(page.body).toContain('id="desk-problems"')
      expect(page.body).toContain('Unknown section `sprot`')
      expect(page.body).toContain('new EventSource(')
    } finally {
      await other.stop()
    }
  })

  it('stops cleanly on Ctrl-C', async () => {
    const other = await startWatch(site, path.join(site, 'preview-2'))
    expect(await other.stop()).toBe(0)
  })
})
