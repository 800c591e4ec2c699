// A story's stamp must describe the file whose bytes were read, even when the path leads elsewhere between the
// build's look at it and its read (a site folder that is a link to a release, switched by a deploy).
import * as fs from 'node:fs'
import {readFile, rename, symlink} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'

// Calls the hook after any look at, or opening of, a file by its path.
const hook = vi.hoisted(() => ({afterAccess: undefined as undefined | ((file: string) => void)}))
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>()
  const watched = <F extends (...args: any[]) => unknown>(call: F): F =>
    ((file: unknown, ...rest: unknown[]) => {
      const result = call(file, ...rest)
      if (typeof file === 'string') hook.afterAccess?.(file)
      return result
    }) as F
  const replaced = {
    statSync: watched(original.statSync),
    lstatSync: watched(original.lstatSync),
    openSync: watched(original.openSync),
    readFileSync: watched(original.readFileSync),
  }
  return {...original, ...replaced, default: {...original, ...replaced}}
})

const {buildSite} = await import('../../scripts/build-site.ts')
const {makeSite, story, tempDir} = await import('../helpers/fixture-site.ts')

const now = Date.parse('2020-01-01T00:00:00Z')

/** A release of the site: six stories, the last headlined `headline`. */
function release(headline: string) {
  const files: Record<string, string> = {}
  for (let index = 0; index < 6; index++) {
    files[`articles/2010/story-${index}.md`] = story({
      title: index === 5 ? headline : `Story number ${index}`,
      section: 'middle-east',
      published: `2010-05-0${index + 1}T10:00:00Z`,
    })
  }
  return makeSite(files)
}

async function pointAt(link: string, target: string) {
  await symlink(target, `${link}.new`)
  await rename(`${link}.new`, link)
}

describe('story stamps', () => {
  it('pair a file with its own bytes when the path is switched to another release between look and read', async () => {
    const first = await release('The first release')
    const second = await release('The second release')
    const site = path.join(await tempDir(), 'site')
    await symlink(second, site)
    // Long enough after the files were written for the build to trust their times.
    await new Promise((resolve) => setTimeout(resolve, 60))
    const cacheDir = await tempDir()
    const build = async (options: {cacheDir?: string} = {}) => {
      const outDir = path.join(await tempDir(), 'out')
      const result = await buildSite({siteDir: site, outDir, now, threads: 0, ...options})
      expect(result.ok).toBe(true)
      return outDir
    }
    await build({cacheDir})

    // The first release goes live; as the build first touches the last story, the link switches back.
    await pointAt(site, first)
    const story5 = path.join(site, 'articles/2010/story-5.md')
    hook.afterAccess = (file) => {
      if (file !== story5) return
      hook.afterAccess = undefined
      fs.symlinkSync(second, `${site}.switch`)
      fs.renameSync(`${site}.switch`, site)
    }
    await build({cacheDir})
    hook.afterAccess = undefined

    await pointAt(site, first)
    const page = async (out: string) => readFile(path.join(out, 'middle-east/2010/05/06/story-5/index.html'), 'utf8')
    expect(await page(await build({cacheDir}))).toContain('The first release')
    expect(await page(await build())).toContain('The first release')
  })
})
