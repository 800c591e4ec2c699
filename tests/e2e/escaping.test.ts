// Hostile text in every front matter and site.yaml field reaches every page it appears on as that exact text: no markup, no event handlers.
import {mkdir, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element, Nodes, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {readPage, tempDir, type Page} from '../helpers/fixture-site.ts'

/** What a reporter, an editor or whoever edits site.yaml might type, by accident or not. */
const payloads = [
  {name: 'a script element', value: '<script>alert(1)</script>'},
  {name: 'an attribute break-out into an img with onerror', value: '"><img src=x onerror=alert(1)>'},
  {name: 'a double-quoted attribute break-out', value: '" autofocus onfocus="alert(1)'},
  {name: 'a single-quoted attribute break-out', value: "' autofocus onfocus='alert(1)"},
  {name: 'plain quotes', value: `He said "it's done" and 'that's that'`},
  {name: 'a closing title tag, then a script', value: '</title><script>alert(1)</script>'},
  {name: 'literal character references', value: '&amp; &lt;script&gt;alert(1)&lt;/script&gt; &#39;'},
  {name: 'a CDATA end', value: ']]>'},
  {name: 'a comment opener', value: '<!--'},
]
payloads.push({name: 'all of them at once', value: payloads.map((payload) => payload.value).join(' ')})

/** Every text field a reporter or editor controls, each marked with its own word so no field can pass for another. */
function valuesFor(payload: string) {
  const hostile = (label: string) => `${label} ${payload}`
  return {
    siteName: hostile('Desk'),
    siteDescription: hostile('About'),
    sectionTitle: hostile('Section'),
    sectionDescription: hostile('Section about'),
    title: hostile('Headline'),
    standfirst: hostile('Standfirst'),
    byline: hostile('Byline'),
    alt: hostile('Alt'),
    caption: hostile('Caption'),
    credit: hostile('Credit'),
    // A topic name becomes a folder name, which the build caps (about 200 bytes): the all-at-once payload is cut.
    topics: [hostile('Topic one').slice(0, 150), hostile('Topic two').slice(0, 150)] as const,
    label: hostile('Group'),
    linkTitle: hostile('Link'),
    linkUrl: `https://example.org/search?q=${payload}`,
    olderTitle: hostile('Older headline'),
    olderStandfirst: hostile('Older standfirst'),
  }
}

type Values = ReturnType<typeof valuesFor>

// JSON strings are YAML double-quoted scalars: any payload goes through js-yaml unchanged.
const yaml = JSON.stringify

function siteYaml(v: Values): string {
  return `name: ${yaml(v.siteName)}
url: https://news.example.org
description: ${yaml(v.siteDescription)}
page_size: 1
sections:
  - slug: news
    title: ${yaml(v.sectionTitle)}
    description: ${yaml(v.sectionDescription)}
`
}

/** The lead story: every field filled. */
function storyMarkdown(v: Values): string {
  return `---
title: ${yaml(v.title)}
standfirst: ${yaml(v.standfirst)}
section: news
published: 2010-05-15T15:43:00Z
byline: ${yaml(v.byline)}
image:
  src: photo.svg
  alt: ${yaml(v.alt)}
  caption: ${yaml(v.caption)}
  credit: ${yaml(v.credit)}
topics:
  - ${yaml(v.topics[0])}
  - ${yaml(v.topics[1])}
in_depth:
  - label: ${yaml(v.label)}
    links:
      - title: ${yaml(v.linkTitle)}
        url: ${yaml(v.linkUrl)}
---

Gunfire broke out in the city on Friday.
`
}

/** An older story, so the front page has a section list and the section a second page. */
function olderStoryMarkdown(v: Values): string {
  return `---
title: ${yaml(v.olderTitle)}
standfirst: ${yaml(v.olderStandfirst)}
section: news
published: 2010-05-14T09:00:00Z
byline: Staff
---

Calm returned on Thursday.
`
}

const photo = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>\n'

const pageNames = ['article', 'older article', 'section', 'section page 2', 'topic one', 'topic two', 'topics', 'home', '404'] as const
type PageName = (typeof pageNames)[number]

const fixedUrls: Partial<Record<PageName, string>> = {
  article: '/news/2010/05/15/story/',
  'older article': '/news/2010/05/14/older/',
  section: '/news/',
  'section page 2': '/news/page/2/',
  topics: '/topics/',
  home: '/',
  '404': '/404.html',
}

interface Expectation {
  field: string
  page: PageName
  selector: string
  /** The property to read (`alt`, `href`, `content`); the element's text when absent. */
  property?: 'alt' | 'href' | 'content'
  expected: (v: Values) => string
}

// Where each field must show up, page by page, as exact text.
const expectations: Expectation[] = [
  {field: 'title', page: 'article', selector: 'title', expected: (v) => `${v.title} | ${v.siteName}`},
  {field: 'title', page: 'article', selector: '.story-header h1', expected: (v) => v.title},
  {field: 'title', page: 'section', selector: '.story-list .card-title a', expected: (v) => v.title},
  {field: 'title', page: 'topic one', selector: '.story-list .card-title a', expected: (v) => v.title},
  {field: 'title', page: 'topic two', selector: '.story-list .card-title a', expected: (v) => v.title},
  {field: 'title', page: 'home', selector: '.lead-story .lead-title a', expected: (v) => v.title},
  {field: 'title', page: 'article', selector: 'meta[property="og:title"]', property: 'content', expected: (v) => v.title},
  {field: 'title', page: 'article', selector: 'meta[name="twitter:title"]', property: 'content', expected: (v) => v.title},
  {field: 'standfirst', page: 'article', selector: 'meta[property="og:description"]', property: 'content', expected: (v) => v.standfirst},
  {field: 'topics[0]', page: 'article', selector: 'meta[property="article:tag"]', property: 'content', expected: (v) => v.topics[0]},
  {field: 'sections.title', page: 'article', selector: 'meta[property="article:section"]', property: 'content', expected: (v) => v.sectionTitle},
  {field: 'name', page: 'home', selector: 'meta[property="og:site_name"]', property: 'content', expected: (v) => v.siteName},
  {field: 'title', page: 'older article', selector: 'title', expected: (v) => `${v.olderTitle} | ${v.siteName}`},
  {field: 'title', page: 'older article', selector: '.story-header h1', expected: (v) => v.olderTitle},
  {field: 'title', page: 'section page 2', selector: '.story-list .card-title a', expected: (v) => v.olderTitle},
  {field: 'title', page: 'home', selector: '.home-section .card-title a', expected: (v) => v.olderTitle},

  {field: 'standfirst', page: 'article', selector: '.story-header .standfirst', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'article', selector: 'meta[name=description]', property: 'content', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'section', selector: '.story-list .card-standfirst', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'topic one', selector: '.story-list .card-standfirst', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'topic two', selector: '.story-list .card-standfirst', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'home', selector: '.lead-story .standfirst', expected: (v) => v.standfirst},
  {field: 'standfirst', page: 'older article', selector: '.story-header .standfirst', expected: (v) => v.olderStandfirst},
  {field: 'standfirst', page: 'older article', selector: 'meta[name=description]', property: 'content', expected: (v) => v.olderStandfirst},
  {field: 'standfirst', page: 'section page 2', selector: '.story-list .card-standfirst', expected: (v) => v.olderStandfirst},
  {field: 'standfirst', page: 'home', selector: '.home-section .card-standfirst', expected: (v) => v.olderStandfirst},

  {field: 'byline', page: 'article', selector: '.story-footer .credit-line', expected: (v) => v.byline},
  {field: 'byline', page: 'article', selector: '.story-header .byline', expected: (v) => v.byline},

  {field: 'image.alt', page: 'article', selector: '.story-figure img', property: 'alt', expected: (v) => v.alt},
  {field: 'image.alt', page: 'home', selector: '.lead-figure img', property: 'alt', expected: (v) => v.alt},
  {field: 'image.caption', page: 'article', selector: '.story-figure figcaption', expected: (v) => `${v.caption} Photo: ${v.credit}`},
  {field: 'image.caption', page: 'home', selector: '.lead-figure figcaption', expected: (v) => `${v.caption} Photo: ${v.credit}`},
  {field: 'image.credit', page: 'article', selector: '.story-figure figcaption .credit', expected: (v) => `Photo: ${v.credit}`},
  {field: 'image.credit', page: 'home', selector: '.lead-figure figcaption .credit', expected: (v) => `Photo: ${v.credit}`},

  {field: 'topics[0]', page: 'article', selector: '.story-footer .topics li:nth-child(1) a', expected: (v) => v.topics[0]},
  {field: 'topics[1]', page: 'article', selector: '.story-footer .topics li:nth-child(2) a', expected: (v) => v.topics[1]},
  {field: 'topics[0]', page: 'topic one', selector: 'title', expected: (v) => `${v.topics[0]} | ${v.siteName}`},
  {field: 'topics[0]', page: 'topic one', selector: '.page-header h1', expected: (v) => v.topics[0]},
  {field: 'topics[0]', page: 'topic one', selector: 'meta[name=description]', property: 'content', expected: (v) => `Stories about ${v.topics[0]}.`},
  {field: 'topics[1]', page: 'topic two', selector: 'title', expected: (v) => `${v.topics[1]} | ${v.siteName}`},
  {field: 'topics[1]', page: 'topic two', selector: '.page-header h1', expected: (v) => v.topics[1]},
  {field: 'topics[1]', page: 'topic two', selector: 'meta[name=description]', property: 'content', expected: (v) => `Stories about ${v.topics[1]}.`},
  {field: 'topics[0]', page: 'topics', selector: '.topic-index li:nth-child(1) a', expected: (v) => v.topics[0]},
  {field: 'topics[1]', page: 'topics', selector: '.topic-index li:nth-child(2) a', expected: (v) => v.topics[1]},

  {field: 'in_depth.label', page: 'article', selector: '.in-depth .in-depth-group h3', expected: (v) => v.label},
  {field: 'in_depth.links.title', page: 'article', selector: '.in-depth li a', expected: (v) => v.linkTitle},
  {field: 'in_depth.links.url', page: 'article', selector: '.in-depth li a', property: 'href', expected: (v) => v.linkUrl},

  {field: 'name', page: 'home', selector: 'title', expected: (v) => v.siteName},
  {field: 'name', page: 'home', selector: 'h1', expected: (v) => `${v.siteName}: latest news`},
  {field: 'name', page: 'topics', selector: 'title', expected: (v) => `Topics | ${v.siteName}`},
  {field: 'name', page: 'topics', selector: 'meta[name=description]', property: 'content', expected: (v) => `Every topic covered by ${v.siteName}.`},
  {field: 'name', page: '404', selector: 'title', expected: (v) => `Page not found | ${v.siteName}`},

  {field: 'description', page: 'home', selector: 'meta[name=description]', property: 'content', expected: (v) => v.siteDescription},

  {field: 'sections.title', page: 'section', selector: 'title', expected: (v) => `${v.sectionTitle} | ${v.siteName}`},
  {field: 'sections.title', page: 'section', selector: '.page-header h1', expected: (v) => v.sectionTitle},
  {field: 'sections.title', page: 'section page 2', selector: 'title', expected: (v) => `${v.sectionTitle}, page 2 | ${v.siteName}`},
  {field: 'sections.title', page: 'section page 2', selector: '.page-header h1', expected: (v) => `${v.sectionTitle}, page 2`},
  {field: 'sections.title', page: 'article', selector: '.story-header .kicker a', expected: (v) => v.sectionTitle},
  {field: 'sections.title', page: 'home', selector: '.lead-story .kicker a', expected: (v) => v.sectionTitle},
  {field: 'sections.title', page: 'home', selector: '.home-section-title a', expected: (v) => v.sectionTitle},
  {field: 'sections.title', page: 'topic one', selector: '.story-list .meta-section', expected: (v) => v.sectionTitle},
  {field: 'sections.title', page: '404', selector: 'main li a', expected: (v) => v.sectionTitle},

  {field: 'sections.description', page: 'section', selector: '.page-header .page-description', expected: (v) => v.sectionDescription},
  {field: 'sections.description', page: 'section', selector: 'meta[name=description]', property: 'content', expected: (v) => v.sectionDescription},
  {field: 'sections.description', page: 'section page 2', selector: '.page-header .page-description', expected: (v) => v.sectionDescription},

  // The frame of every page: masthead, navigation and footer.
  ...pageNames.flatMap((page): Expectation[] => [
    {field: 'name', page, selector: '.site-header .site-name', expected: (v) => v.siteName},
    {field: 'name', page, selector: '.site-footer .site-footer-name a', expected: (v) => v.siteName},
    {field: 'description', page, selector: '.site-footer .wrap > p:not(.site-footer-name)', expected: (v) => v.siteDescription},
    {field: 'sections.title', page, selector: '.site-nav li:nth-child(1) a', expected: (v) => v.sectionTitle},
    {field: 'sections.title', page, selector: '.site-footer nav li:nth-child(1) a', expected: (v) => v.sectionTitle},
  ]),
]

/** Everything on a page that would run script or is markup no layout writes: empty when every value was escaped. */
function findInjections(html: string, tree: Root): string[] {
  const found: string[] = []
  walk(tree, (node) => {
    if (node.type === 'comment') found.push(`a comment <!--${node.value}-->`)
    if (node.type !== 'element') return
    // The only script a page may carry is its structured data, which runs nothing, and must parse as JSON.
    if (node.tagName === 'script' && (node.properties.type !== 'application/ld+json' || !parsesAsJson(textContent(node)))) {
      found.push('a <script> element')
    }
    for (const name of Object.keys(node.properties)) {
      if (/^on/i.test(name)) found.push(`an ${name} attribute on <${node.tagName}>`)
    }
    // The only image a page may show is the story's photo.
    if (node.tagName === 'img' && !String(node.properties.src).startsWith('/assets/media/')) {
      found.push(`an <img> with src ${String(node.properties.src)}`)
    }
  })
  // The source itself, in case the parser's recovery hid something a lesser parser would run. Inside a
  // double-quoted attribute value `<` is plain text (the HTML standard; hast-util-to-html leaves it), so those
  // occurrences are discounted; any other one is markup that escaping should have turned into `&#x3C;`.
  const attributes = attributeValues(tree)
  const dataScripts = selectAll('script[type="application/ld+json"]', tree).length
  for (const [marker, expected] of [['<script', dataScripts], ['<img src=x', 0], ['<!--', 0], ['</title', 1]] as const) {
    const extra = occurrences(html, marker) - occurrences(attributes, marker) - expected
    if (extra > 0) found.push(`${extra} unescaped \`${marker}\` in the HTML source, outside attribute values`)
  }
  return found
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function occurrences(text: string, marker: string): number {
  return text.toLowerCase().split(marker.toLowerCase()).length - 1
}

/** Every attribute value on the page, one a line. */
function attributeValues(tree: Root): string {
  const values: string[] = []
  walk(tree, (node) => {
    if (node.type !== 'element') return
    for (const value of Object.values(node.properties)) values.push(Array.isArray(value) ? value.join(' ') : String(value))
  })
  return values.join('\n')
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node)
  if ('children' in node) for (const child of node.children) walk(child, visit)
}

/** All the text inside an element, exactly as parsed: no white space collapsed, so mangling shows. */
function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value
  return 'children' in node ? node.children.map(textContent).join('') : ''
}

function read(element: Element, expectation: Expectation): string {
  if (!expectation.property) return textContent(element)
  const value = element.properties[expectation.property]
  return typeof value === 'string' ? value : `${JSON.stringify(value)} (not a string)`
}

interface BuiltSite {
  values: Values
  errors: string[]
  pages: Map<PageName, Page>
}

const built = new Map<string, BuiltSite>()

// One small site per payload, all built at once: each carries the payload in every field.
beforeAll(async () => {
  await Promise.all(
    payloads.map(async (payload) => {
      const values = valuesFor(payload.value)
      const siteDir = await tempDir('desk-escaping-')
      const files: Record<string, string> = {
        'site.yaml': siteYaml(values),
        'articles/2010/05/story.md': storyMarkdown(values),
        'articles/2010/05/photo.svg': photo,
        'articles/2010/05/older.md': olderStoryMarkdown(values),
      }
      for (const [relative, contents] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(siteDir, relative)), {recursive: true})
        await writeFile(path.join(siteDir, relative), contents)
      }
      const outDir = path.join(siteDir, 'dist')
      const result = await buildSite({siteDir, outDir})
      const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(String))
      const pages = new Map<PageName, Page>()
      if (result.ok) {
        for (const [name, url] of Object.entries(fixedUrls)) pages.set(name as PageName, await readPage(outDir, url))
        // Topic URLs are made from the hostile names: `topic-one-…` and `topic-two-…`, whatever the payload left of them.
        const topics = await readdir(path.join(outDir, 'topics'), {withFileTypes: true})
        const slugs = topics.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
        for (const [index, name] of (['topic one', 'topic two'] as const).entries()) {
          if (slugs[index]) pages.set(name, await readPage(outDir, `/topics/${slugs[index]}/`))
        }
      }
      built.set(payload.value, {values, errors, pages})
    }),
  )
})

function site(payload: string): BuiltSite {
  const found = built.get(payload)
  if (!found) throw new Error(`No site was built for ${payload}`)
  return found
}

function page(payload: string, name: PageName): Page {
  const found = site(payload).pages.get(name)
  if (!found) throw new Error(`The ${name} page was not built for ${payload}`)
  return found
}

describe.each(payloads)('front matter and site.yaml holding $name ($value)', ({value: payload}) => {
  it('builds without an error, the in-depth URL passing the schema', () => {
    expect(site(payload).errors).toEqual([])
    expect(site(payload).pages.size).toBe(pageNames.length)
  })

  // One test per check, every page and field inside it: expect.soft reports each failing place, not only the first.
  it('puts no script, event handler, comment or stray image on any page', () => {
    for (const name of pageNames) expect.soft(findInjections(page(payload, name).html, page(payload, name).tree), `the ${name} page`).toEqual([])
  })

  it('keeps one <title>, in the <head>, on every page', () => {
    for (const name of pageNames) {
      const {all} = page(payload, name)
      expect.soft(all('title'), `the ${name} page`).toHaveLength(1)
      expect.soft(all('head > title'), `the ${name} page`).toHaveLength(1)
    }
  })

  it('carries every field exactly as written in the story’s structured data', () => {
    const {values} = site(payload)
    const script = select('script[type="application/ld+json"]', page(payload, 'article').tree)
    const data = JSON.parse(script ? textContent(script) : 'null') as Record<string, unknown>
    expect(data).toMatchObject({
      headline: values.title,
      description: values.standfirst,
      author: [{name: values.byline}],
      articleSection: values.sectionTitle,
      keywords: values.topics,
      publisher: {name: values.siteName},
    })
  })

  it('shows every field exactly as written, where it belongs on each page', () => {
    const {values} = site(payload)
    for (const expectation of expectations) {
      const where = `${expectation.field}: ${expectation.selector} on the ${expectation.page} page`
      const element = select(expectation.selector, page(payload, expectation.page).tree)
      expect.soft(element, where).toBeTruthy()
      if (element) expect.soft(read(element, expectation), where).toBe(expectation.expected(values))
    }
  })
})

describe('the checks above', () => {
  // Proof that they would catch a layout that stopped escaping: the same values pasted in unescaped.
  const unescaped = (value: string) =>
    `<!doctype html><html><head><title>${value} | Desk</title></head><body>` +
    `<h1>${value}</h1><img src="/assets/media/p.svg" alt="${value}"><img src="/assets/media/p.svg" alt='${value}'></body></html>`

  // `]]>` and quotes that cannot close the attribute they are in do nothing in HTML, escaped or not.
  const dangerous = payloads.filter(({value}) => /[<&]|(?:["'] autofocus)/.test(value))

  it.each(dangerous)('fail for $name pasted in unescaped', ({value}) => {
    const html = unescaped(value)
    const tree = fromHtml(html)
    const title = select('title', tree)
    const h1 = select('h1', tree)
    const intact =
      title !== undefined && textContent(title) === `${value} | Desk` &&
      h1 !== undefined && textContent(h1) === value &&
      selectAll('img', tree).every((img) => img.properties.alt === value)
    expect(findInjections(html, tree).length > 0 || !intact).toBe(true)
  })

  it('pass for a page whose values are escaped', () => {
    const html =
      '<!doctype html><html><head><title>&#x3C;script> | Desk</title></head><body><h1>&#x3C;/title&#x3E;</h1>' +
      '<img src="/assets/media/p.svg" alt="&#x22; onfocus=&#x22;x"><a href="https://example.org/?q=&#x22;><script>x</script>">x</a></body></html>'
    expect(findInjections(html, fromHtml(html))).toEqual([])
  })
})
