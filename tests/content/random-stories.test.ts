// Random front matter and Markdown thrown at the content stage: it never throws, and either takes the story in or says, inside the file, what is wrong.
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadContent} from '../../scripts/content/load-content.ts'
import {hasErrors} from '../../scripts/problems.ts'
import {makeSite} from '../helpers/fixture-site.ts'
import {
  catchUnhandledRejections,
  expectPlacedInside,
  loadedTextOf,
  makeSitesForRandomStories,
  type QuoteStyle,
  randomRun,
  siteYamlWith,
  storyFileName,
  writeRandomStory,
} from '../helpers/random-stories.ts'

// Some 5 s. A failure prints its seed and path: add them as `seed` and `path` beside `numRuns` to replay it.
const numRuns = 400
// Shrinking a failure can take long; stopped here, it reports the smallest case found so far.
const timeLimit = fc.interruptAfterTimeLimit(20_000)

let sites: Record<QuoteStyle, string>
const rejections = catchUnhandledRejections()

beforeAll(async () => {
  sites = await makeSitesForRandomStories()
})
describe('loadContent on random stories', () => {
  it('never throws: it takes the story in, or reports errors placed inside the file', async () => {
    const outcomes = {published: 0, refused: 0}
    await fc.assert(
      fc.asyncProperty(
        // Wild stories alone are nearly all refused: a run of 400 published 1 to 7, and now and then none, which
        // failed the check below. A quarter of mild ones make sure both outcomes come up.
        fc.oneof({weight: 3, arbitrary: randomRun('wild')}, {weight: 1, arbitrary: randomRun('mild')}),
        async (run) => {
          const {includeDrafts, strict, now} = run
          const {siteDir, storyPath} = await writeRandomStory(sites, run)

          const result = await loadContent({siteDir, includeDrafts, strict, now})
          expect(await rejections.settled()).toEqual([])

          for (const file of result.files) expectPlacedInside(file, loadedTextOf(file, result.loaded))
          const entry = result.loaded.get(storyPath)
          expect(entry).toBeDefined()
          expectPlacedInside(entry!.file, loadedTextOf(entry!.file, result.loaded))
          // A story is taken in exactly when its own file has no error.
          expect(entry!.article === undefined).toBe(hasErrors(entry!.file))

          const failed = result.files.some(hasErrors)
          expect(result.content === undefined).toBe(failed)
          if (failed) {
            outcomes.refused++
          } else {
            const listed = result.content!.articles.some((article) => article.sourcePath === storyPath)
            const article = entry!.article
            expect(listed).toBe(article !== undefined && (includeDrafts || !entry!.draft) && article.published.epochMs <= now)
            if (listed) outcomes.published++
          }
        },
      ),
      {numRuns, plugins: [timeLimit]},
    )
    // Input that never got a story published (or never failed) would test nothing past the first check.
    expect(outcomes.published).toBeGreaterThan(0)
    expect(outcomes.refused).toBeGreaterThan(0)
  })
})

// The smallest failing cases the property found, kept as plain cases. Line 1 is the opening `---`.
describe('loadContent on stories the property found wrong', () => {
  const valid = 'title: T\nstandfirst: S\nsection: central-south-asia\npublished: 2010-05-15T15:43:00Z\nbyline: B'

  async function problemsOf(text: string, quotes: QuoteStyle = 'as-written') {
    const siteDir = await makeSite({'site.yaml': siteYamlWith(quotes), [`articles/${storyFileName}`]: text})
    const {files} = await loadContent({siteDir})
    return files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`))
  }

  it('points at a problem in the body on its own line when the front matter has a lone carriage return', async () => {
    // Old Mac line endings: YAML and the editor count `\r` as a line break, so the body starts a line further down.
    const text = `---\n${valid.replace('\n', '\r')}\n---\n\n# Headline\n`
    expect(await problemsOf(text)).toEqual(['9:1 heading-level'])
  })

  it('points at a straight quote after a lone carriage return on its own line', async () => {
    expect(await problemsOf(`---\n${valid}\n---\na\r'\n`, 'typographic')).toEqual(['9:1 straight-quotes'])
  })
})
