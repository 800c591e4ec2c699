// A real browser (Debian's Chromium, driven by playwright-core) reloads the page by itself when the story is saved.
import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {chromium, type Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeSite, story} from '../helpers/fixture-site.ts'
import {startWatch, type WatchProcess} from '../helpers/watch-process.ts'

const executablePath = '/usr/bin/chromium'
// CI installs Chromium (.ci/run); elsewhere the test says why it did not run rather than failing on a missing browser.
const hasBrowser = existsSync(executablePath) || process.env.CI === 'true'

describe.skipIf(!hasBrowser)('live reload in a browser (needs Debian’s chromium)', () => {
  let browser: Browser
  let watch: WatchProcess
  let site: string

  beforeAll(async () => {
    site = await makeSite({'articles/clashes.md': story()})
    watch = await startWatch(site, path.join(site, 'preview'))
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })

  afterAll(async () => {
    await browser?.close()
    await watch?.stop()
  })

  it('shows the new headline after a save, with no script of ours navigating', async () => {
    const page = await browser.newPage()
    // The page's own reload script must be connected before the save, or there is nothing to test.
    const connected = page.waitForResponse((response) => response.url().includes('/__desk/events'))
    await page.goto(`${watch.url}central-south-asia/2010/05/15/clashes/`)
    expect(await page.textContent('h1')).toBe('Clashes erupt in south Kyrgyzstan')
    await connected

    const reloaded = page.waitForEvent('load')
    await writeFile(path.join(site, 'articles/clashes.md'), story({title: 'Clashes spread to Osh'}))
    await reloaded
    expect(await page.textContent('h1')).toBe('Clashes spread to Osh')
  })
})
