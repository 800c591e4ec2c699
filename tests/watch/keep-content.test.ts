// After a save that moves no story, watch mode puts the changed story into the last content instead of loading
// the whole archive again; what it keeps must be what a full load makes, and anything else must fall back to one.
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {loadContent} from '../../scripts/content/load-content.ts'
import {keepContent} from '../../scripts/watch/keep-content.ts'
import {makeSite, story} from '../helpers/fixture-site.ts'

const now = Date.parse('2010-06-01T00:00:00Z')
const storyFive = {title: 'Story 5', section: 'middle-east', published: '2010-05-05T10:00:00Z', topics: '[Osh, Curfew]'}

async function site(extra: Record<string, string> = {}) {
  const files: Record<string, string> = {...extra}
  for (let day = 1; day <= 6; day++) {
    files[`articles/s${day}.md`] = story(
      {
        title: `Story ${day}`,
        section: day % 2 ? 'middle-east' : 'central-south-asia',
        published: `2010-05-0${day}T10:00:00Z`,
        topics: day % 3 ? '[Osh, Curfew]' : '[Osh]',
        ...(day === 5 ? storyFive : {}),
      },
      `Text of story ${day}, which links to [the first](s1.md).\n`,
    )
  }
  return makeSite(files)
}

/** Loads the site, rewrites story 5 with `fields` and `body`, then keeps the content and loads it in full. */
async function editStoryFive(fields: Record<string, string>, body: string, options: {includeFuture?: boolean; later?: number; extra?: Record<string, string>} = {}) {
  const siteDir = await site(options.extra)
  const settings = {siteDir, includeDrafts: false, includeFuture: options.includeFuture ?? true}
  const first = await loadContent({...settings, now})
  expect(first.content).toBeDefined()
  const file = path.join(siteDir, 'articles/s5.md')
  await writeFile(file, story({...storyFive, ...fields}, body))
  const later = options.later ?? now
  const kept = await keepContent(first, new Set([file]), {...settings, now: later})
  const full = await loadContent({...settings, now: later, previous: first.loaded, found: first.found, stale: new Set([file])})
  return {first, file, kept, full}
}

/** Content as JSON, without the placeholder each reading of a story gives its links to other stories' files. */
const comparable = (content: unknown) => JSON.parse(JSON.stringify(content).replaceAll(/desk-story-link-[\w-]+?-\d+-/g, 'token')) as unknown
const report = (files: VFile[]) => files.map((file) => [file.path, file.messages.map((message) => [message.reason, message.fatal])])

describe('watch mode’s kept content', () => {
  it('is what a full load makes after a story’s words and headline change', async () => {
    const {first, file, kept, full} = await editStoryFive({title: 'A new headline'}, 'New words, and a link to [the second](s2.md).\n')
    expect(kept.kept).toBeDefined()
    const result = kept.kept!.result
    expect(comparable(result.content)).toEqual(comparable(full.content))
    expect(report(result.files)).toEqual(report(full.files))
    expect(result.embargoes).toEqual(full.embargoes)
    // The story was read once, and the others are the very objects the last run had.
    expect(result.loaded.get(file)).not.toBe(first.loaded.get(file))
    const unchanged = [...first.loaded.keys()].filter((key) => key !== file)
    expect(unchanged.every((key) => result.loaded.get(key) === first.loaded.get(key))).toBe(true)
    const swaps = [...kept.kept!.swaps]
    expect(swaps.map(([old]) => old.title)).toEqual(['Story 5'])
    expect(swaps[0]![1]).toBe(result.content!.articles.find((article) => article.title === 'A new headline'))
  })

  it('reports a warning on the changed story as a full load does', async () => {
    const {kept, full} = await editStoryFive({title: `"${'A very long headline '.repeat(6)}"`}, 'Words.\n')
    expect(kept.kept).toBeDefined()
    expect(full.files.flatMap((file) => file.messages)).not.toEqual([])
    expect(report(kept.kept!.result.files)).toEqual(report(full.files))
  })

  it('gives way to a full load when the story moves or breaks, with the story read once either way', async () => {
    const edits: Array<[Record<string, string>, string]> = [
      [{topics: '[Bishkek]'}, 'Words.\n'],
      [{topics: '[osh, Curfew]'}, 'Words.\n'],
      [{section: 'central-south-asia'}, 'Words.\n'],
      [{published: '2010-05-09T10:00:00Z'}, 'Words.\n'],
      [{slug: 'a-new-address'}, 'Words.\n'],
      [{aliases: '[/old/five.html]'}, 'Words.\n'],
      [{corrections: '[{date: "2010-05-20T10:00:00Z", text: "A new correction."}]'}, 'Words.\n'],
      [{draft: 'true'}, 'Words.\n'],
      [{title: ''}, 'No headline.\n'],
      [{}, 'A link to [a story that is not there](s9.md).\n'],
    ]
    for (const [fields, body] of edits) {
      const {first, file, kept} = await editStoryFive(fields, body)
      expect(kept.kept, JSON.stringify(fields) + body).toBeUndefined()
      expect(kept.goOn!.previous.get(file)).not.toBe(first.loaded.get(file))
      expect(kept.goOn!.stale).toEqual(new Set())
    }
  })

  it('gives way, with the changed story left to read, when the configuration changed since the last run', async () => {
    const siteDir = await site()
    const first = await loadContent({siteDir, now})
    await writeFile(path.join(siteDir, 'site.yaml'), (await readFile(path.join(siteDir, 'site.yaml'), 'utf8')).replace('Test Desk', 'Renamed Desk'))
    const file = path.join(siteDir, 'articles/s5.md')
    const kept = await keepContent(first, new Set([file]), {siteDir, includeDrafts: false, now})
    expect(kept.kept).toBeUndefined()
    expect(kept.goOn).toEqual({previous: first.loaded, stale: new Set([file])})
  })

  it('gives way when a story lifts its embargo after the last run, and not before', async () => {
    const embargoed = {'articles/s7.md': story({title: 'Story 7', published: '2010-06-02T10:00:00Z'})}
    const before = await editStoryFive({title: 'Edited'}, 'Words.\n', {includeFuture: false, extra: embargoed, later: now + 60_000})
    expect(before.first.embargoes.count).toBe(1)
    expect(comparable(before.kept.kept?.result.content)).toEqual(comparable(before.full.content))
    const after = await editStoryFive({title: 'Edited'}, 'Words.\n', {includeFuture: false, extra: embargoed, later: Date.parse('2010-06-02T10:00:00Z')})
    expect(after.kept.kept).toBeUndefined()
    expect(after.full.content?.articles.map((article) => article.title)).toContain('Story 7')
  })
})
