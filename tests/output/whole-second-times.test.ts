// On a file system that keeps whole seconds (ext3, HFS+, FAT, some network mounts), a folder's change time moves
// only once a second: a file dropped into it later in the same second must still be found by a later build.
// Simulated by flooring every change time the output writer reads, in this test file's own worker.
import fs from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import {mkdir, readdir, utimes, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/fixture-site.ts'

const originals = {lstatSync: fs.lstatSync, statSync: fs.statSync, fstatSync: fs.fstatSync}
for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
  const original = originals[name] as (...args: unknown[]) => fs.Stats | undefined
  ;(fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    const info = original(...args)
    if (info) info.ctimeMs = Math.floor(info.ctimeMs / 1000) * 1000
    return info
  }
}
syncBuiltinESMExports()
afterAll(() => {
  Object.assign(fs, originals)
  syncBuiltinESMExports()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('writeSite on a file system that keeps whole seconds', () => {
  it('reads again a folder whose time is in the current second, so a file dropped in later that second goes', {timeout: 20_000}, async () => {
    const {writeSite} = await import('../../scripts/output/write-site.ts')
    const out = path.join(await tempDir(), 'dist')
    await mkdir(out)
    const record = path.join(await tempDir(), 'outputs', 'dist.json')
    const files = [
      {path: 'index.html', contents: 'home'},
      {path: 'a/index.html', contents: 'a'},
    ]
    for (let build = 0; build < 3; build++) await writeSite(out, files, {record})
    // Early in a second the folder changes; a build looks at it; later in the same second a page is dropped in.
    await sleep(1000 - (Date.now() % 1000) + 30)
    await utimes(path.join(out, 'a'), new Date(), new Date())
    await sleep(40)
    await writeSite(out, files, {record})
    await writeFile(path.join(out, 'a/stray.html'), 'dropped in by hand')
    expect(Date.now() % 1000).toBeGreaterThan(50)
    await sleep(1100)
    await writeSite(out, files, {record})
    expect(await readdir(path.join(out, 'a'))).toEqual(['index.html'])
  })
})
