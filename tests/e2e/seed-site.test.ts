// Builds the desk's real articles/ and checks what a reader of the first story sees.
import {readFile, readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {readPage, tempDir, textOf, type Page} from '../helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))
const storyUrl = '/central-south-asia/2010/05/15/clashes-erupt-in-south-kyrgyzstan/'

let out: string
beforeAll(async () => {
  out = path.join(await tempDir('desk-seed-'), 'site')
  const result = await buildSite({siteDir: repository, outDir: out})
  expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
  expect(result.ok).toBe(true)
})

describe('the first story’s page', () => {
  let page: Page
  beforeAll(async () => {
    page = await readPage(out, storyUrl)
  })

  it('is an English HTML5 document with one headline', () => {
    expect(page.html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page.one('html').properties.lang).toBe('en')
    expect(page.all('h1').map(textOf)).toEqual(['Clashes erupt in south Kyrgyzstan'])
    expect(page.text('title')).toBe('Clashes erupt in south Kyrgyzstan | The Desk')
  })

  it('shows the section above the headline, linking to its index', () => {
    expect(page.text('.story-header .kicker')).toBe('Central & South Asia')
    expect(page.one('.story-header .kicker a').properties.href).toBe('/central-south-asia/')
  })

  it('shows the standfirst under the headline', () => {
    expect(page.text('.standfirst')).toBe(
      'One person killed and dozens hurt as interim government loyalists move to retake buildings.',
    )
  })

  it('says who the story is from in its header, where a reader on a phone sees it first', () => {
    expect(page.text('.story-header .standfirst + .byline')).toBe('Al Jazeera and agencies')
  })

  it('shows the date line in GMT with a machine-readable time', () => {
    expect(page.text('.date-line')).toBe('Last Modified: 15 May 2010 15:43 GMT')
    expect(page.one('.date-line time').properties.dateTime).toBe('2010-05-15T15:43:00Z')
  })

  it('shows the photo with its caption and AFP credit, sized so the page does not jump', async () => {
    const img = page.one('figure img')
    expect(img.properties.alt).toBe('Placeholder for an AFP photograph of the unrest in southern Kyrgyzstan')
    expect([img.properties.width, img.properties.height]).toEqual([1200, 675])
    expect(page.text('figure figcaption')).toBe(
      'Tensions have been high in Kyrgyzstan since the president was ousted amid deadly clashes Photo: AFP',
    )
    const src = String(img.properties.src)
    expect(src).toMatch(/^\/assets\/media\/clashes-erupt-in-south-kyrgyzstan\.[0-9a-f]{10}\.svg$/)
    expect((await stat(path.join(out, src))).size).toBeGreaterThan(0)
  })

  it('shows the crossheads as headings inside the story', () => {
    expect(page.all('.story-body h2').map(textOf)).toEqual(["'Forces approaching'", "Bakiyev 'influence'", 'Power base'])
  })

  it('keeps the whole story text, first paragraph to last', () => {
    const paragraphs = page.all('.story-body p').map(textOf)
    expect(paragraphs[0]).toMatch(/^One person has been killed and many others injured in southern Kyrgyzstan/)
    expect(paragraphs.at(-1)).toMatch(/allegations of corruption and mismanagement\.$/)
    expect(paragraphs).toContain('"Our tactics are to take them alive," she said.')
    expect(paragraphs).toHaveLength(27)
  })

  it('shows the in-depth box with its link groups', () => {
    const groups = page.all('.in-depth .in-depth-group')
    expect(page.text('.in-depth h2')).toBe('In depth')
    expect(groups).toHaveLength(4)
    expect(page.all('.in-depth h3').map(textOf)).toEqual(['Inside Story'])
    const links = page.all('.in-depth a')
    expect(links.map(textOf)).toEqual([
      "Kyrgyzstan's hollow revolution",
      'Profile: Roza Otunbayeva',
      'Interview: Kurmanbek Bakiyev',
      'People&Power: Revolution gone wrong',
      "Russia's growing influence",
      "Behind Kyrgyzstan's unrest",
      'Kyrgyz revolt backfires on economy',
      'Calm eludes post-revolt Kyrgyzstan',
      'Ousted Kyrgyz leader seeks UN help',
      'Kyrgyzstan mourns victims of unrest',
      'Roots of Kyrgyz uprising persist',
      'Interview: Roza Otunbayeva',
    ])
    for (const link of links) expect(String(link.properties.href)).toMatch(/^https:\/\//)
  })

  it('ends with the credit line and links to its topics', () => {
    expect(page.text('.credit-line')).toBe('Al Jazeera and agencies')
    expect(page.all('.topics a').map((a) => [textOf(a), a.properties.href])).toEqual([
      ['Kyrgyzstan', '/topics/kyrgyzstan/'],
      ['Kurmanbek Bakiyev', '/topics/kurmanbek-bakiyev/'],
      ['Roza Otunbayeva', '/topics/roza-otunbayeva/'],
    ])
  })

  it('leaves out the original page’s promotions and chrome', () => {
    expect(page.html).not.toContain('Featured on Al Jazeera')
    expect(page.html).not.toContain('Topics in this article')
  })

  it('has a skip link to the main content, a canonical URL and the hashed stylesheet', async () => {
    expect(page.one('a.skip-link').properties.href).toBe('#main')
    expect(page.one('main').properties.id).toBe('main')
    expect(page.one('link[rel=canonical]').properties.href).toBe(`https://example.org${storyUrl}`)
    const css = String(page.one('link[rel=stylesheet]').properties.href)
    expect(css).toMatch(/^\/assets\/style\.[0-9a-f]{10}\.css$/)
    expect(await readFile(path.join(out, css), 'utf8')).toContain('.story-body')
  })

  it('needs no JavaScript: its only script is structured data, which browsers do not run', () => {
    expect(page.all('script').map((script) => script.properties.type)).toEqual(['application/ld+json'])
  })
})

describe('the indexes', () => {
  it('lists the story on the “Central & South Asia” index, with its standfirst and date', async () => {
    const page = await readPage(out, '/central-south-asia/')
    expect(page.text('h1')).toBe('Central & South Asia')
    expect(page.text('.page-description')).toBe('News from Kazakhstan to Sri Lanka.')
    const link = page.one('.story-list .card-title a')
    expect([textOf(link), link.properties.href]).toEqual(['Clashes erupt in south Kyrgyzstan', storyUrl])
    expect(page.text('.story-list .card-standfirst')).toMatch(/^One person killed/)
    expect(page.text('.story-list time')).toBe('15 May 2010')
    expect(page.one('.site-nav a[aria-current=page]').properties.href).toBe('/central-south-asia/')
  })

  it('leads the front page with the story', async () => {
    const page = await readPage(out, '/')
    expect(page.one('.lead-story .lead-title a').properties.href).toBe(storyUrl)
    expect(page.text('.lead-story .lead-title')).toBe('Clashes erupt in south Kyrgyzstan')
    expect(page.all('h1')).toHaveLength(1)
  })

  it('lists the story on each of its topics’ pages, and every topic on the topic index', async () => {
    const topic = await readPage(out, '/topics/kyrgyzstan/')
    expect(topic.text('h1')).toBe('Kyrgyzstan')
    expect(topic.one('.story-list a').properties.href).toBe(storyUrl)
    const index = await readPage(out, '/topics/')
    expect(index.all('.topic-index a').map(textOf)).toEqual(['Kurmanbek Bakiyev', 'Kyrgyzstan', 'Roza Otunbayeva'])
  })

  it('has a 404 page that leads back to the front page and the sections', async () => {
    const page = await readPage(out, '/404.html')
    expect(page.text('h1')).toBe('Page not found')
    expect(page.all('main a').map((a) => a.properties.href)).toEqual(['/', '/central-south-asia/'])
  })

  it('links only to pages and files the build wrote', async () => {
    const files = (await readdir(out, {recursive: true})).map((f) => `/${f}`)
    const exists = (href: string) => files.includes(href) || files.includes(`${href}index.html`)
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const page = await readPage(out, file)
      for (const element of [...page.all('a[href^="/"]'), ...page.all('link[href^="/"]'), ...page.all('img[src^="/"]')]) {
        const target = String(element.properties.href ?? element.properties.src)
        expect(exists(target), `${file} links to ${target}`).toBe(true)
      }
    }
  })
})

describe('determinism', () => {
  it('gives byte-identical output for the same input', async () => {
    const again = path.join(await tempDir('desk-seed-again-'), 'site')
    await buildSite({siteDir: repository, outDir: again})
    const files = (await readdir(out, {recursive: true, withFileTypes: true})).filter((e) => e.isFile())
    expect(files.length).toBeGreaterThan(5)
    for (const entry of files) {
      const relative = path.relative(out, path.join(entry.parentPath, entry.name))
      expect(await readFile(path.join(again, relative)), relative).toEqual(await readFile(path.join(out, relative)))
    }
    expect((await readdir(again, {recursive: true})).sort()).toEqual((await readdir(out, {recursive: true})).sort())
  })
})
