// Random, mostly plausible stories built into whole sites: the build never throws, and either writes the story's page or fails with errors placed inside the files.
import {access} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {loadContent} from '../../scripts/content/load-content.ts'
import {outputPathOf} from '../../scripts/content/permalinks.ts'
import {makeSite, story, tempDir} from '../helpers/fixture-site.ts'
import {
  catchUnhandledRejections,
  errorsOf,
  expectPlacedInside,
  loadedTextOf,
  makeSitesForRandomStories,
  type QuoteStyle,
  randomRun,
  storyFileName,
  writeRandomStory,
} from '../helpers/random-stories.ts'

// Each run is a whole build (some 30 ms); some 4 s in all. A failure prints its seed and path: add them as
// `seed` and `path` beside `numRuns` to replay it.
const numRuns = 100
// Shrinking a failure means building again and again; stopped here, it reports the smallest case found so far.
const timeLimit = fc.interruptAfterTimeLimit(20_000)

let sites: Record<QuoteStyle, string>
let outDir: string
const rejections = catchUnhandledRejections()

beforeAll(async () => {
  sites = await makeSitesForRandomStories()
  // One output folder for every run: each successful build replaces it whole, so a page found there was written by this run.
  outDir = path.join(await tempDir('desk-random-out-'), 'site')
})
async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

describe('buildSite on random stories', () => {
  it('never throws: it writes the story’s page, or fails with errors placed inside the files', async () => {
    const outcomes = {built: 0, failed: 0}
    await fc.assert(
      fc.asyncProperty(
        randomRun('mild'),
        async (run) => {
          const {includeDrafts, strict, now} = run
          const {siteDir, storyPath} = await writeRandomStory(sites, run)
          // The content stage alone, for the story's URL and the text every position refers to.
          const {loaded} = await loadContent({siteDir, includeDrafts, strict, now})

          const result = await buildSite({siteDir, outDir, includeDrafts, strict, now})
          expect(await rejections.settled()).toEqual([])

          for (const file of result.files) expectPlacedInside(file, loadedTextOf(file, loaded))
          expect(result.ok).toBe(errorsOf(result.files).length === 0)
          if (!result.ok) {
            outcomes.failed++
            return
          }
          outcomes.built++
          // A draft left out of the build may have errors (they are only warnings then); any other story was taken
          // in, and published unless its time is still to come.
          const entry = loaded.get(storyPath)!
          const listed = includeDrafts || !entry.draft
          expect(entry.article !== undefined || !listed, 'a successful build took the story in').toBe(true)
          if (entry.article) {
            const published = listed && entry.article.published.epochMs <= now
            expect(await exists(path.join(outDir, outputPathOf(entry.article.url))), entry.article.url).toBe(published)
          }
        },
      ),
      {numRuns, plugins: [timeLimit]},
    )
    // Input that never built (or never failed) would test only half of the build.
    expect(outcomes.built).toBeGreaterThan(0)
    expect(outcomes.failed).toBeGreaterThan(0)
  })
})

// The smallest failing cases the property found, kept as plain cases. Line 1 is the opening `---`.
describe('buildSite on stories the property found wrong', () => {
  async function build(text: string) {
    const siteDir = await makeSite({[`articles/${storyFileName}`]: text})
    const storyPath = path.join(siteDir, 'articles', storyFileName)
    const result = await buildSite({siteDir, outDir: path.join(await tempDir('desk-random-out-'), 'site')})
    const problems = result.files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`))
    return {result, problems, storyPath}
  }

  it('reports a slug too long to name a folder at the slug, rather than failing to write the page', async () => {
    const {result, problems} = await build(story({slug: 'a'.repeat(201)}))
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      '7:7 invalid-value: `slug` is too long to name a folder of the built site: shorten it to at most 200 bytes (a Latin letter takes one, most others two or three)',
    ])
  })

  it('reports an in-depth link no URL parser can read at the link, rather than crashing', async () => {
    const {result, problems} = await build(story({in_depth: '\n  - links:\n      - title: Archive\n        url: /\\['}))
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      '10:14 invalid-value: `in_depth[0].links[0].url` must be a web address starting with `https://`, or a path on this site starting with `/`',
    ])
  })

  it('reports a topic too long to name a folder at the topic, rather than failing to write its page', async () => {
    const {result, problems} = await build(story({topics: `[${'word '.repeat(60)}]`}))
    expect(result.ok).toBe(false)
    expect(problems).toEqual(['7:10 invalid-topic: This topic name is too long to make its page’s address from: shorten it'])
  })

  it('reports a link in the body no URL parser can read at the link, rather than crashing', async () => {
    // `/\[` as a browser reads it: `//[`, a host that cannot be.
    const {result, problems} = await build(story({}, '[A](/\\\\[) A\n'))
    expect(result.ok).toBe(false)
    expect(problems).toEqual(['9:1 broken-link: Link to `/\\[` is not a web address: check it'])
  })

  it('points at removed raw HTML on its own line after a character reference ends a line', async () => {
    // parse5 loses count of lines after `&` at a line's end; the offsets it keeps are right.
    const {result, problems} = await build(story({}, '<div>\n- &\n- <script>x</script>\n'))
    expect(result.ok).toBe(true)
    expect(problems).toEqual(['11:3 unsafe-html: Removed `<script>` and its contents: scripts cannot run in a story'])
  })
})
