// Builds small sites into temporary folders and reads their pages the way a reader's browser would.
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toText} from 'hast-util-to-text'
import {afterAll} from 'vitest'
import type {SiteConfig} from '../../scripts/config/site-config.ts'

const made: string[] = []

// Every temporary folder a test file makes is removed when the file's tests end, pass or fail.
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, {recursive: true, force: true})))
})

/** A folder removed after the file's tests; `parent` can put it somewhere faster, such as `/dev/shm`. */
export async function tempDir(prefix = 'desk-test-', parent = tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(parent, prefix))
  made.push(dir)
  return dir
}

export const siteYaml = `name: Test Desk
url: https://news.example.org
language: en
timezone: UTC
sections:
  - slug: central-south-asia
    title: Central & South Asia
    description: News from Kazakhstan to Sri Lanka.
  - slug: middle-east
    title: Middle East
`

/** A configuration like the one `siteYaml` loads to, for the stages that take one directly. */
export const siteConfig: SiteConfig = {
  name: 'Test Desk',
  url: 'https://news.example.org',
  language: 'en',
  timezone: 'UTC',
  pageSize: 20,
  feedItems: 20,
  houseStyle: {headlineLength: 100, standfirstLength: 300, quotes: 'as-written'},
  embedHosts: [],
  sections: [
    {slug: 'central-south-asia', title: 'Central & South Asia', url: '/central-south-asia/'},
    {slug: 'middle-east', title: 'Middle East', url: '/middle-east/'},
  ],
}

/** A valid story; override any front matter line by passing `key: value` text, or the body. */
export function story(fields: Record<string, string> = {}, body = 'Gunfire broke out in the city on Friday.\n'): string {
  const defaults: Record<string, string> = {
    title: 'Clashes erupt in south Kyrgyzstan',
    standfirst: 'One person killed and dozens hurt.',
    section: 'central-south-asia',
    published: '2010-05-15T15:43:00Z',
    byline: 'Al Jazeera and agencies',
  }
  const lines = Object.entries({...defaults, ...fields})
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}: ${value}`)
  return `---\n${lines.join('\n')}\n---\n\n${body}`
}

/** Writes a site (paths relative to its folder) and returns the folder. `site.yaml` defaults to a two-section desk. */
export async function makeSite(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir('desk-site-')
  const all = {'site.yaml': siteYaml, ...files}
  for (const [relative, contents] of Object.entries(all)) {
    const target = path.join(dir, relative)
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, contents)
  }
  await mkdir(path.join(dir, 'articles'), {recursive: true})
  return dir
}

export interface Page {
  tree: Root
  html: string
  /** The first element matching a CSS selector; fails the test if there is none. */
  one(selector: string): Element
  all(selector: string): Element[]
  /** The visible text of the first match, white space collapsed. */
  text(selector: string): string
}

/** Reads a built page by its public URL: `/central-south-asia/` reads `central-south-asia/index.html`. */
export async function readPage(outDir: string, url: string): Promise<Page> {
  const file = url.endsWith('/') ? `${url}index.html` : url
  const html = await readFile(path.join(outDir, file), 'utf8')
  const tree = fromHtml(html)
  const one = (selector: string) => {
    const found = select(selector, tree)
    if (!found) throw new Error(`No element matches ${selector} in ${url}`)
    return found
  }
  return {
    tree,
    html,
    one,
    all: (selector) => selectAll(selector, tree),
    text: (selector) => toText(one(selector)).replace(/\s+/g, ' ').trim(),
  }
}

export function textOf(node: Element): string {
  return toText(node).replace(/\s+/g, ' ').trim()
}
