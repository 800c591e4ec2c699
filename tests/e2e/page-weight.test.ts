// What a reader on a slow phone connection pays for each kind of page: its HTML and the one stylesheet, compressed, and nothing else that blocks drawing it.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {outputPathOf} from '../../scripts/content/permalinks.ts'
import {readPage} from '../helpers/fixture-site.ts'
import {buildPageTypesSite, pageTypes, type PageTypesSite} from '../helpers/page-types-site.ts'

/** The budget: a page's HTML and CSS together, as a server compresses them. */
const budgetBytes = 50 * 1024

let site: PageTypesSite
beforeAll(async () => {
  site = await buildPageTypesSite()
})

/** Each page type's compressed weight, printed once the tests have measured them: the figure the desk tracks. */
const weights = new Map<string, {html: number; css: number}>()
afterAll(() => {
  const rows = [...weights].map(([type, {html, css}]) => `  ${type.padEnd(16)} ${kb(html)} HTML + ${kb(css)} CSS = ${kb(html + css)}`)
  console.log(`Compressed weight (gzip -9) of each page type:\n${rows.join('\n')}`)
})

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

describe.each(Object.entries(pageTypes))('the %s page (%s)', (type, url) => {
  it(`weighs under ${budgetBytes / 1024} KB compressed, HTML and stylesheet together`, async () => {
    const page = await readPage(site.outDir, url)
    const sheets = page.all('link[rel=stylesheet]').map((link) => String(link.properties['href']))
    const bytes = [Buffer.from(page.html), ...(await Promise.all(sheets.map((href) => readFile(path.join(site.outDir, href)))))]
    const [html = 0, ...css] = bytes.map((file) => gzipSync(file, {level: 9}).length)
    const compressed = html + css.reduce((sum, size) => sum + size, 0)
    weights.set(type, {html, css: compressed - html})
    expect(compressed).toBeLessThan(budgetBytes)
    // Not empty either: a page that lost its content would pass any budget.
    expect(compressed).toBeGreaterThan(1024)
  })

  it('blocks drawing on nothing but its one stylesheet: no scripts to fetch, no fonts, no imports', async () => {
    const page = await readPage(site.outDir, url)
    expect(page.all('link[rel=stylesheet]')).toHaveLength(1)
    expect(page.all('script[src]')).toEqual([])
    expect(page.all('script').every((script) => script.properties['type'] === 'application/ld+json')).toBe(true)
    const css = await readFile(path.join(site.outDir, String(page.one('link[rel=stylesheet]').properties['href'])), 'utf8')
    expect(css).not.toMatch(/@import|@font-face|url\(/)
  })

  it('gives every image its width and height, so nothing moves as it loads', async () => {
    const page = await readPage(site.outDir, url)
    for (const image of page.all('img')) {
      expect(Number(image.properties['width']), String(image.properties['src'])).toBeGreaterThan(0)
      expect(Number(image.properties['height']), String(image.properties['src'])).toBeGreaterThan(0)
    }
  })
})

describe('image loading', () => {
  it('loads the first photo a page shows at once, and leaves later ones until they near the screen', async () => {
    for (const url of [pageTypes.article, pageTypes.home]) {
      const images = (await readPage(site.outDir, url)).all('main img')
      expect(images.length, url).toBeGreaterThan(0)
      expect(images[0]!.properties['loading'], url).toBeUndefined()
      for (const later of images.slice(1)) expect(later.properties['loading'], url).toBe('lazy')
    }
  })

  it('has the built file under every path it names', async () => {
    const page = await readPage(site.outDir, pageTypes.article)
    const src = String(page.one('main img').properties['src'])
    expect((await readFile(path.join(site.outDir, outputPathOf(src)))).length).toBeGreaterThan(0)
  })
})
