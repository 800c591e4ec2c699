// The launcher (scripts/launch.mjs) bundles the commands anew when their sources change, and clears older
// bundles: never one that a command still running (a `watch` left open) loads more of as it goes.
import {execFile, spawn} from 'node:child_process'
import {copyFile, mkdir, readdir, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {tempDir} from './helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../', import.meta.url))

/** A repository of its own: the real launcher, commands that only say which edition they are, and esbuild. */
async function repositoryCopy(): Promise<string> {
  const root = await tempDir()
  await mkdir(path.join(root, 'scripts/workers'), {recursive: true})
  await copyFile(path.join(repository, 'scripts/launch.mjs'), path.join(root, 'scripts/launch.mjs'))
  await writeFile(path.join(root, 'scripts/check.ts'), "console.log('check')\n")
  // A watch that stays until it is stopped, as a reporter's does.
  await writeFile(path.join(root, 'scripts/watch.ts'), "console.log('watching')\nsetInterval(() => {}, 1000)\n")
  await writeFile(path.join(root, 'scripts/workers/tasks.ts'), 'export const parseStories = () => []\n')
  await mkdir(path.join(root, 'node_modules'))
  await symlink(path.join(repository, 'node_modules/esbuild'), path.join(root, 'node_modules/esbuild'))
  return root
}

function launch(root: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(root, 'scripts/launch.mjs'), command], (error, stdout) => (error ? reject(error) : resolve(stdout)))
  })
}

const bundles = (root: string) => readdir(path.join(root, 'node_modules/.cache/desk/bin'))

describe('the launcher', () => {
  it('keeps the bundle a running watch uses when the sources change, and clears it once the watch has stopped', async () => {
    const root = await repositoryCopy()
    await writeFile(path.join(root, 'scripts/build.ts'), "console.log('edition 1')\n")
    const watch = spawn(process.execPath, [path.join(root, 'scripts/launch.mjs'), 'watch'], {stdio: ['ignore', 'pipe', 'inherit']})
    const stopped = new Promise((resolve) => watch.once('exit', resolve))
    let watched: string | undefined
    try {
      await new Promise<void>((resolve, reject) => {
        watch.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('watching') && resolve())
        watch.once('exit', () => reject(new Error('the watch stopped before it started')))
      })
      watched = (await bundles(root))[0]
      expect(watched).toBeDefined()

      // The sources change (a `git pull`) and a build runs: it makes a bundle of its own, and keeps the watch's.
      await writeFile(path.join(root, 'scripts/build.ts'), "console.log('edition 2')\n")
      expect(await launch(root, 'build')).toBe('edition 2\n')
      expect(await bundles(root)).toHaveLength(2)
      expect(await bundles(root)).toContain(watched)
    } finally {
      watch.kill()
      await stopped
    }

    // Stopped (killed, so its mark is left behind): the next new bundle clears the watch's and the build's.
    await writeFile(path.join(root, 'scripts/build.ts'), "console.log('edition 3')\n")
    expect(await launch(root, 'build')).toBe('edition 3\n')
    const left = await bundles(root)
    expect(left).toHaveLength(1)
    expect(left).not.toContain(watched)
    // A command that ended leaves no mark on the bundle it ran from.
    expect(await readdir(path.join(root, 'node_modules/.cache/desk/bin', left[0]!, 'users'))).toEqual([])
  }, 60_000)
})
