import {readFile, stat, utimes, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {contentDigest, openStoryStamps} from '../../scripts/cache/story-stamps.ts'
import {tempDir} from '../helpers/fixture-site.ts'

const settle = () => new Promise((resolve) => setTimeout(resolve, 60))

/** A story file stamped by one build, with the stamps saved for the next; written long enough ago to be trusted. */
async function stamped(text = 'A story.\n') {
  const cacheDir = await tempDir()
  const file = path.join(await tempDir(), 'story.md')
  await writeFile(file, text)
  // A modification time that can be put back exactly (sub-millisecond ones cannot, through utimes).
  await utimes(file, 1_000_000_000, 1_000_000_000)
  await settle()
  const stamps = openStoryStamps(cacheDir)
  const statAt = Date.now()
  stamps.stamp(file, await stat(file), contentDigest(await readFile(file)), statAt)
  stamps.save()
  return {cacheDir, file}
}

describe('story stamps', () => {
  it('know an unchanged story by the digest of its bytes', async () => {
    const {cacheDir, file} = await stamped()
    expect(openStoryStamps(cacheDir).digestOf(file, await stat(file))).toBe(contentDigest(Buffer.from('A story.\n')))
  })

  it('do not vouch for a story rewritten since, even to the same size and modification time', async () => {
    const {cacheDir, file} = await stamped('A story.\n')
    const before = await stat(file)
    await writeFile(file, 'A storm.\n')
    await utimes(file, 1_000_000_000, 1_000_000_000)
    const after = await stat(file)
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs])
    expect(openStoryStamps(cacheDir).digestOf(file, after)).toBeUndefined()
  })

  it('do not vouch for a story looked at within a clock tick of its last change', async () => {
    const cacheDir = await tempDir()
    const file = path.join(await tempDir(), 'story.md')
    await writeFile(file, 'A story.\n')
    const info = await stat(file)
    const stamps = openStoryStamps(cacheDir)
    // Looked at 5 ms after the change: a second change in the same tick would leave the same times.
    stamps.stamp(file, info, contentDigest(await readFile(file)), info.ctimeMs + 5)
    stamps.save()
    expect(openStoryStamps(cacheDir).digestOf(file, info)).toBeUndefined()
  })

  it('keep only the stories looked at by the last build', async () => {
    const {cacheDir, file} = await stamped()
    const next = openStoryStamps(cacheDir)
    next.save()
    expect(openStoryStamps(cacheDir).digestOf(file, await stat(file))).toBeUndefined()
  })

  it('read every story again when the stamps are damaged', async () => {
    const {cacheDir, file} = await stamped()
    await writeFile(path.join(cacheDir, 'story-stamps.json'), '{"format": 1, "stamps": {"x": null')
    expect(openStoryStamps(cacheDir).digestOf(file, await stat(file))).toBeUndefined()
    await writeFile(path.join(cacheDir, 'story-stamps.json'), JSON.stringify({format: 1, stamps: {[file]: null}}))
    expect(openStoryStamps(cacheDir).digestOf(file, await stat(file))).toBeUndefined()
  })

  it('last as long as the process when the cache is not kept', async () => {
    const file = path.join(await tempDir(), 'story.md')
    await writeFile(file, 'A story.\n')
    await settle()
    const stamps = openStoryStamps(undefined)
    stamps.stamp(file, await stat(file), 'digest', Date.now())
    stamps.save()
    // Nothing is kept to be read back, and nothing was read before.
    expect(stamps.digestOf(file, await stat(file))).toBeUndefined()
  })
})
