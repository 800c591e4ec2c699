// Every kind of page in a real browser (Debian's Chromium, driven by playwright-core), served as watch mode serves it: axe-core at phone and desktop widths in light and dark, no third-party requests, readable without JavaScript, landmarks and the skip link by keyboard, and screenshots to look at.
import {existsSync} from 'node:fs'
import {mkdir, rm} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {AxeBuilder} from '@axe-core/playwright'
import axe, {type Result} from 'axe-core'
import {chromium, type Browser, type Page, type Request} from 'playwright-core'
import {afterAll, beforeAll, describe, it} from 'vitest'
import {startPreviewServer, type PreviewServer} from '../../scripts/serve/preview-server.ts'
import {buildPageTypesSite, pageTypes, type PageType} from '../helpers/page-types-site.ts'

// The page's own globals, typed just enough for the checks run inside the browser: tsconfig has no DOM library.
declare const document: {
  activeElement: unknown
  documentElement: {scrollHeight: number}
  images: Iterable<{complete: boolean}>
  elementFromPoint(x: number, y: number): {closest(selector: string): unknown} | null
}
declare function getComputedStyle(element: unknown): {outlineStyle: string; outlineWidth: string; boxShadow: string}
declare function scrollTo(x: number, y: number): void

const executablePath = '/usr/bin/chromium'
// CI installs Chromium (.ci/run); elsewhere the test says why it did not run rather than failing on a missing browser.
const hasBrowser = existsSync(executablePath) || process.env.CI === 'true'

const repository = fileURLToPath(new URL('../../', import.meta.url))
const screenshots = path.join(repository, 'test-results', 'screenshots')

/** The rule sets the issue holds every page to: WCAG 2.0 and 2.1, levels A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface View {
  width: number
  height: number
  colorScheme: 'light' | 'dark'
}

/** A small phone and a desktop, each in both colour schemes the stylesheet has. */
const views: View[] = [
  {width: 375, height: 812, colorScheme: 'light'},
  {width: 375, height: 812, colorScheme: 'dark'},
  {width: 1280, height: 800, colorScheme: 'light'},
  {width: 1280, height: 800, colorScheme: 'dark'},
]
const phone = views[0] as View

/** What AxeBuilder evaluates before each run in place of axe-core's source: nothing, since the tab's pages start with it. */
const alreadyInPage = ';'

let server: PreviewServer
let browser: Browser
// Three tabs, reused by every test: a new tab per test would cost more than the checks in it. axe-core is put
// into every page of the first tab's context before the page's own content, so AxeBuilder need not send its
// 550 KB source twice per run, which cost more than the run itself.
let axeTab: Page
/** A reader's browser, with nothing added: for requests, landmarks and the keyboard. */
let tab: Page
/** As a reader with JavaScript turned off sees the site. */
let scriptlessTab: Page

/**
 * Where each page type is opened. The 404 page is reached as readers reach it, through an address the site does
 * not have, so it arrives with its 404 status; the rest are their own addresses.
 */
function addressOf(type: PageType): {path: string; status: number} {
  return type === '404' ? {path: '/central-south-asia/2010/05/15/no-such-story/', status: 404} : {path: pageTypes[type], status: 200}
}

/** `section-page-2`: a page type as the start of a screenshot's file name. */
function fileNameOf(type: PageType): string {
  return type.replaceAll(' ', '-')
}

/** Loads a page of the site into the tab at the view's size and colours; throws unless it came with its page type's status. */
async function open(tab: Page, type: PageType, view: View): Promise<Page> {
  await tab.setViewportSize({width: view.width, height: view.height})
  await tab.emulateMedia({colorScheme: view.colorScheme})
  const {path: address, status} = addressOf(type)
  const response = await tab.goto(new URL(address, server.url).href, {waitUntil: 'load'})
  if (response?.status() !== status) throw new Error(`${address} answered ${response?.status()}, not ${status}`)
  return tab
}

/** As `open`, but a page already in the tab is only resized and recoloured, as a phone turned on its side redraws it. */
async function show(tab: Page, type: PageType, view: View): Promise<Page> {
  if (tab.url() !== new URL(addressOf(type).path, server.url).href) return open(tab, type, view)
  await tab.setViewportSize({width: view.width, height: view.height})
  await tab.emulateMedia({colorScheme: view.colorScheme})
  return tab
}

/** Axe's findings as a reader of a failed test needs them: which rule, how bad, where, and what it asks for. */
function describeViolations(violations: Result[]) {
  return violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }))
}

describe.skipIf(!hasBrowser)('every kind of page in a browser (needs Debian’s chromium)', () => {
  beforeAll(async () => {
    const site = await buildPageTypesSite()
    server = await startPreviewServer({root: site.outDir, port: 0})
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const axeContext = await browser.newContext()
    await axeContext.addInitScript(axe.source)
    axeTab = await axeContext.newPage()
    tab = await (await browser.newContext()).newPage()
    scriptlessTab = await (await browser.newContext({javaScriptEnabled: false})).newPage()
    await rm(screenshots, {recursive: true, force: true})
    await mkdir(screenshots, {recursive: true})
    console.log(`Screenshots of every page type: ${screenshots}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  describe.each(Object.keys(pageTypes) as PageType[])('%s', (type) => {
    it.for(views)('has no WCAG 2.1 AA violations at $width px in $colorScheme colours (and is photographed)', async (view, {expect}) => {
      const page = await show(axeTab, type, view)
      await page.screenshot({path: path.join(screenshots, `${fileNameOf(type)}-${view.width}-${view.colorScheme}.png`), fullPage: true})
      // Legacy mode runs axe in the page itself. The default finishes each run in a fresh blank tab, four times
      // slower, only to reach into cross-origin frames, which these pages do not have.
      const results = await new AxeBuilder({page, axeSource: alreadyInPage}).withTags(wcagTags).setLegacyMode(true).analyze()
      expect(describeViolations(results.violations), `axe on ${addressOf(type).path} at ${view.width} px, ${view.colorScheme}`).toEqual([])
    })

    it('asks for nothing from anywhere but the site itself', async ({expect}) => {
      const requested: string[] = []
      const record = (request: Request) => requested.push(request.url())
      tab.on('request', record)
      try {
        const page = await open(tab, type, phone)
        // Down to the foot of the page, so any photo loaded lazily is asked for too.
        await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight))
        await page.waitForFunction(() => [...document.images].every((image) => image.complete))
        const origin = new URL(server.url).origin
        expect(requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([])
        // The page and its stylesheet at least: a page that asked for nothing would pass trivially.
        expect(requested.length).toBeGreaterThan(1)
      } finally {
        tab.off('request', record)
      }
    })

    it('shows its headline and content without JavaScript', async ({expect}) => {
      const page = await open(scriptlessTab, type, phone)
      const headline = page.locator('h1')
      expect(await headline.count()).toBe(1)
      expect(await headline.isVisible()).toBe(true)
      const headlineText = (await headline.innerText()).trim()
      expect(headlineText).not.toBe('')
      const main = page.locator('main')
      expect(await main.isVisible()).toBe(true)
      // More than the headline: the story's text, or the list of stories, is there too.
      expect((await main.innerText()).length).toBeGreaterThan(headlineText.length + 40)
    })

    it('has one main landmark, a banner and a contentinfo', async ({expect}) => {
      const page = await open(tab, type, phone)
      expect(await page.getByRole('main').count()).toBe(1)
      expect(await page.getByRole('banner').count()).toBe(1)
      expect(await page.getByRole('contentinfo').count()).toBe(1)
    })

    it.for(views.filter((view) => view.colorScheme === 'light'))(
      'takes the first Tab to a visible skip link, whose Enter moves focus to the main content, at $width px',
      async (view, {expect}) => {
        const page = await open(tab, type, view)
        await page.keyboard.press('Tab')
        const skipLink = page.locator('a[href="#main"]').first()
        expect(await skipLink.evaluate((link) => link === document.activeElement), 'the first Tab focuses the skip link').toBe(true)
        expect((await skipLink.innerText()).trim()).not.toBe('')

        // On screen and at a readable size, not clipped to a pixel like visually hidden text.
        const box = await skipLink.boundingBox()
        if (!box) throw new Error('The focused skip link is not laid out')
        expect(box.x).toBeGreaterThanOrEqual(0)
        expect(box.y).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width).toBeLessThanOrEqual(view.width)
        expect(box.y + box.height).toBeLessThanOrEqual(view.height)
        expect(box.width).toBeGreaterThan(40)
        expect(box.height).toBeGreaterThan(16)
        const onTop = await page.evaluate(({x, y}) => document.elementFromPoint(x, y)?.closest('a[href="#main"]') === document.activeElement, {
          x: box.x + box.width / 2,
          y: box.y + box.height / 2,
        })
        expect(onTop, 'nothing is drawn over the skip link').toBe(true)
        await page.screenshot({path: path.join(screenshots, `${fileNameOf(type)}-${view.width}-skip-link-focused.png`)})

        const style = await skipLink.evaluate((link) => {
          const computed = getComputedStyle(link)
          return {outlineStyle: computed.outlineStyle, outlineWidth: computed.outlineWidth, boxShadow: computed.boxShadow}
        })
        const hasOutline = style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
        expect(hasOutline || style.boxShadow !== 'none', `a focus indicator on the skip link: ${JSON.stringify(style)}`).toBe(true)

        await page.keyboard.press('Enter')
        const focusInMain = await page.locator('#main').evaluate((main) => main === document.activeElement || main.contains(document.activeElement))
        expect(focusInMain, 'Enter on the skip link moves focus to #main').toBe(true)
      },
    )
  })
})
