import {spawnSync} from 'node:child_process'
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {updateSite} from '../../scripts/output/update-site.ts'
import {tempDir} from '../helpers/fixture-site.ts'

describe('updateSite', () => {
  it('replaces changed files and removes gone pages with their empty folders, leaving the rest', async () => {
    const out = path.join(await tempDir(), 'preview')
    await mkdir(path.join(out, 'a/2010/gone'), {recursive: true})
    await writeFile(path.join(out, 'a/2010/gone/index.html'), 'gone')
    await writeFile(path.join(out, 'index.html'), 'old home')
    await writeFile(path.join(out, 'about.html'), 'untouched')
    await updateSite(out, [{path: 'index.html', contents: 'new home'}], ['a/2010/gone/index.html'])
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new home')
    expect(await readFile(path.join(out, 'about.html'), 'utf8')).toBe('untouched')
    expect((await readdir(out)).sort()).toEqual(['about.html', 'index.html'])
    expect(await readdir(path.dirname(out))).toEqual(['preview'])
  })

  it('waits while a build writes the same folder, as a build would', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'preview')
    await mkdir(out)
    // Held by a running process (this one's parent), then left by one that has stopped.
    await writeFile(path.join(parent, '.preview.lock'), String(process.ppid))
    const waiting = updateSite(out, [{path: 'index.html', contents: 'updated'}], [])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await readdir(out)).toEqual([])
    await writeFile(path.join(parent, '.preview.lock'), String(spawnSync(process.execPath, ['-e', '']).pid))
    await waiting
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('updated')
    expect((await readdir(parent)).sort()).toEqual(['preview'])
  })
})
