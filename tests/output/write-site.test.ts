import {spawnSync} from 'node:child_process'
import {mkdir, readFile, readdir, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {recoverInterruptedBuild, writeSite, type OutputFile} from '../../scripts/output/write-site.ts'
import {tempDir} from '../helpers/fixture-site.ts'

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

describe('writeSite', () => {
  it('writes every file, creating folders as needed', async () => {
    const out = path.join(await tempDir(), 'dist')
    const result = await writeSite(out, [
      {path: 'index.html', contents: '<p>home</p>'},
      {path: 'a/b/index.html', contents: '<p>deep</p>'},
    ])
    expect(result).toEqual({files: 2, kept: 0})
    expect(await listTree(out)).toEqual(['a/b/index.html', 'index.html'])
    expect(await readFile(path.join(out, 'a/b/index.html'), 'utf8')).toBe('<p>deep</p>')
  })

  it('replaces the previous site whole: files no longer built disappear', async () => {
    const out = path.join(await tempDir(), 'dist')
    await writeSite(out, [{path: 'index.html', contents: 'v1'}, {path: 'old/index.html', contents: 'gone soon'}])
    await writeSite(out, [{path: 'index.html', contents: 'v2'}])
    expect(await listTree(out)).toEqual(['index.html'])
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('v2')
  })

  it('removes the site it replaced, folders and all, without following a link out of it', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'dist')
    const elsewhere = path.join(parent, 'elsewhere')
    await mkdir(elsewhere)
    await writeFile(path.join(elsewhere, 'keep.txt'), 'not the build’s')
    await writeSite(out, [{path: 'index.html', contents: 'v1'}, {path: 'a/b/c/index.html', contents: 'deep'}])
    await symlink(elsewhere, path.join(out, 'a/linked'))
    await writeSite(out, [{path: 'index.html', contents: 'v2'}])
    expect((await readdir(parent)).sort()).toEqual(['dist', 'elsewhere'])
    expect(await listTree(out)).toEqual(['index.html'])
    expect(await readFile(path.join(elsewhere, 'keep.txt'), 'utf8')).toBe('not the build’s')
  })

  it('leaves the previous site untouched, and no temporary folder, when writing fails midway', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'dist')
    await writeSite(out, [{path: 'index.html', contents: 'v1'}])

    async function* failing(): AsyncGenerator<OutputFile> {
      yield {path: 'index.html', contents: 'v2'}
      throw new Error('a layout crashed')
    }
    await expect(writeSite(out, failing())).rejects.toThrow('a layout crashed')
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('v1')
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('refuses two outputs for one path', async () => {
    const out = path.join(await tempDir(), 'dist')
    await expect(
      writeSite(out, [
        {path: 'index.html', contents: 'a'},
        {path: 'index.html', contents: 'b'},
      ]),
    ).rejects.toThrow('Two outputs would be written to index.html')
  })

  it.each(['../escape.html', '/etc/passwd', 'a\\b.html', 'a/../../b.html', 'bad\u0000name'])(
    'refuses to write outside the output folder: %j',
    async (unsafe) => {
      const out = path.join(await tempDir(), 'dist')
      await expect(writeSite(out, [{path: unsafe, contents: 'x'}])).rejects.toThrow('Refusing to write outside the output folder')
    },
  )

  it('refuses to replace a folder that is not a built site', async () => {
    const parent = await tempDir()
    const precious = path.join(parent, 'documents')
    await mkdir(precious)
    await writeFile(path.join(precious, 'notes.txt'), 'keep me')
    await expect(writeSite(precious, [{path: 'index.html', contents: 'x'}])).rejects.toThrow(/^Refusing to replace .*documents/)
    expect(await readFile(path.join(precious, 'notes.txt'), 'utf8')).toBe('keep me')
  })

  it('cleans up after a build that was killed, and puts back a site moved aside but never replaced', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'dist')
    // What a build killed between its two renames leaves: its staging folder, and the previous site moved
    // aside with nothing in its place (pid 999999 is not running).
    await mkdir(path.join(parent, '.dist.tmp-999999-abcd1234'))
    await writeFile(path.join(parent, '.dist.tmp-999999-abcd1234', 'index.html'), 'half')
    await mkdir(path.join(parent, '.dist.old-999999-abcd1234'))
    await writeFile(path.join(parent, '.dist.old-999999-abcd1234', 'index.html'), 'previous')

    // The next build fails too: what is left must be the previous site, restored, and nothing else.
    async function* failing(): AsyncGenerator<OutputFile> {
      throw new Error('this build fails as well')
    }
    await expect(writeSite(out, failing())).rejects.toThrow('this build fails as well')
    expect(await readdir(parent)).toEqual(['dist'])
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('previous')
  })

  it('clears what a killed build left even when its process id now belongs to another program', async () => {
    // Builds hold a lock beside the output folder while they write (see output-lock.ts): a build's leftovers
    // found by one holding it are a stopped build's, whatever process has its id now (here this one's parent).
    const parent = await tempDir()
    await mkdir(path.join(parent, `.dist.tmp-${process.ppid}-abcd1234`))
    await mkdir(path.join(parent, `.dist.old-${process.ppid}-abcd1234`))
    await writeFile(path.join(parent, `.dist.old-${process.ppid}-abcd1234`, 'index.html'), 'previous')
    await recoverInterruptedBuild(path.join(parent, 'dist'))
    expect(await readdir(parent)).toEqual(['dist'])
    expect(await readFile(path.join(parent, 'dist/index.html'), 'utf8')).toBe('previous')
  })

  it('waits for another build writing the same folder, and takes over a lock a killed build left', async () => {
    const parent = await tempDir()
    const out = path.join(parent, 'dist')
    await writeFile(path.join(parent, '.dist.lock'), String(process.ppid))
    const waiting = writeSite(out, [{path: 'index.html', contents: 'x'}])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await readdir(parent)).toContain('.dist.lock')
    expect((await readdir(parent)).includes('dist')).toBe(false)
    await writeFile(path.join(parent, '.dist.lock'), String(spawnSync(process.execPath, ['-e', '']).pid))
    await waiting
    expect(await readdir(parent)).toEqual(['dist'])
  })

  it('says what to delete when a lock cannot be taken over', async () => {
    const parent = await tempDir()
    await mkdir(path.join(parent, '.dist.lock'))
    await expect(writeSite(path.join(parent, 'dist'), [{path: 'index.html', contents: 'x'}])).rejects.toThrow(/left .*\.dist\.lock, which cannot be removed \(\w+\): delete it and build again/)
  })

  it('copies files given by path without changing a byte', async () => {
    const dir = await tempDir()
    const photo = path.join(dir, 'photo.bin')
    const bytes = Buffer.from([0, 1, 2, 255, 254])
    await writeFile(photo, bytes)
    const out = path.join(dir, 'dist')
    await writeSite(out, [{path: 'assets/media/photo.bin', copyFrom: photo}])
    expect(await readFile(path.join(out, 'assets/media/photo.bin'))).toEqual(bytes)
  })
})
