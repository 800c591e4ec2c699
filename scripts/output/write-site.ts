// Writes the built site into a temporary folder beside the output folder, then swaps it in: a failed or killed build never leaves a half-written site.
import {randomBytes} from 'node:crypto'
import {copyFileSync, mkdirSync, readdirSync, rmdirSync, unlinkSync, writeFileSync} from 'node:fs'
import {mkdir, readdir, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {isWithin} from '../is-within.ts'
import {SetupError} from '../setup-error.ts'

export type OutputFile =
  | {path: string; contents: string | Uint8Array}
  /** A file copied as it is (photos), without reading it into memory. */
  | {path: string; copyFrom: string}

export interface WriteResult {
  files: number
}

export async function writeSite(outDir: string, files: AsyncIterable<OutputFile> | Iterable<OutputFile>): Promise<WriteResult> {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const name = path.basename(target)
  await assertReplaceable(target)
  try {
    await mkdir(parent, {recursive: true})
  } catch (error) {
    throw new SetupError(`Cannot create the output folder ${target} (${(error as NodeJS.ErrnoException).code}): choose another --out`)
  }
  await recoverInterruptedSwap(parent, name)

  const staging = path.join(parent, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  await mkdir(staging)
  try {
    const count = await writeAll(staging, files)
    await swapIn(staging, target, parent, name)
    return {files: count}
  } catch (error) {
    await rm(staging, {recursive: true, force: true})
    throw error
  }
}

async function writeAll(staging: string, files: AsyncIterable<OutputFile> | Iterable<OutputFile>): Promise<number> {
  const written = new Set<string>()
  const madeDirs = new Set<string>([staging])
  // One file at a time, with blocking calls: each promise-based call crosses to libuv's thread pool and back,
  // which cost more than the write itself for a page of a few kilobytes. Pages are drawn between writes, on
  // worker threads or in the generator, so nothing waits for the disk but the disk.
  for await (const file of files) {
    assertSafePath(file.path)
    if (written.has(file.path)) throw new Error(`Two outputs would be written to ${file.path}`)
    written.add(file.path)
    const destination = path.join(staging, file.path)
    const dir = path.dirname(destination)
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, {recursive: true})
      madeDirs.add(dir)
    }
    if ('copyFrom' in file) copyFileSync(file.copyFrom, destination)
    else writeFileSync(destination, file.contents)
  }
  return written.size
}

/** Output paths come from slugs: refuse anything that could land outside the output folder. */
function assertSafePath(relative: string): void {
  const normal = path.posix.normalize(relative)
  if (
    relative === '' ||
    path.posix.isAbsolute(relative) ||
    normal.startsWith('../') ||
    normal === '..' ||
    relative.includes('\\') ||
    /[\u0000-\u001f]/.test(relative)
  ) {
    throw new Error(`Refusing to write outside the output folder: ${JSON.stringify(relative)}`)
  }
}

/**
 * The old site is moved aside, the new one renamed into place, the old one removed. Renames within one
 * folder are atomic; if the process dies between the two, the next run puts the old site back.
 */
async function swapIn(staging: string, target: string, parent: string, name: string): Promise<void> {
  const previous = path.join(parent, `.${name}.old-${process.pid}-${randomBytes(4).toString('hex')}`)
  const hadPrevious = await exists(target)
  if (hadPrevious) await rename(target, previous)
  try {
    await rename(staging, target)
  } catch (error) {
    if (hadPrevious) await rename(previous, target)
    throw error
  }
  if (hadPrevious) await removeBuiltSite(previous)
}

/**
 * Removes a site this tool built, which holds only folders and files. A plain walk with the entries' types
 * from `readdir` took half the time of `fs.rm`, which asks the file system about every entry again: on a
 * 10,000-story archive, half a second of every local build that replaces `dist/`.
 */
async function removeBuiltSite(dir: string): Promise<void> {
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const full = path.join(folder, entry.name)
      // A symbolic link is removed itself, never followed.
      if (entry.isDirectory()) walk(full)
      else unlinkSync(full)
    }
    rmdirSync(folder)
  }
  try {
    walk(dir)
  } catch {
    // Something unexpected in there (a file made read-only by hand): let `fs.rm` try, and report what it cannot do.
    await rm(dir, {recursive: true, force: true})
  }
}

/**
 * Puts back a site that a killed build moved aside, before anything else happens: a build that then fails on
 * a story must still leave the previous site in place, as it says it does.
 */
export async function recoverInterruptedBuild(outDir: string): Promise<void> {
  const target = path.resolve(outDir)
  try {
    await recoverInterruptedSwap(path.dirname(target), path.basename(target))
  } catch (error) {
    // No parent folder (yet): nothing was ever built there, and writing the site says what is wrong with the path.
    if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}

/** Clears what a killed build left: its staging folder, and an old site moved aside but never replaced. */
async function recoverInterruptedSwap(parent: string, name: string): Promise<void> {
  const target = path.join(parent, name)
  for (const entry of await readdir(parent)) {
    const match = new RegExp(`^\\.${escapeRegExp(name)}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`).exec(entry)
    if (!match || isAlive(Number(match[2]))) continue
    const leftover = path.join(parent, entry)
    if (match[1] === 'old' && !(await exists(target))) await rename(leftover, target)
    else await rm(leftover, {recursive: true, force: true})
  }
}

/** A typo in `--out` must not swap away someone's home folder: only an empty folder or an earlier build is replaced. */
async function assertReplaceable(target: string): Promise<void> {
  if (path.dirname(target) === target) throw new SetupError(`Refusing to use the root folder ${target} as the output folder`)
  let entries: string[]
  try {
    const info = await stat(target)
    if (!info.isDirectory()) throw new SetupError(`The output path ${target} is a file, not a folder: choose another --out`)
    entries = await readdir(target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (error instanceof SetupError) throw error
    throw new SetupError(`Cannot use ${target} as the output folder (${code}): choose another --out`)
  }
  if (entries.length > 0 && !entries.includes('index.html')) {
    throw new SetupError(
      `Refusing to replace ${target}: it is not empty and does not look like a built site (no index.html). Choose another --out, or empty it first.`,
    )
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The output folder is replaced whole, so it must not hold the site's own files. */
export function assertOutsideSite(outDir: string, siteDir: string): void {
  const out = path.resolve(outDir)
  const site = path.resolve(siteDir)
  if (isWithin(out, site) || ['articles', 'layouts'].some((folder) => isWithin(path.join(site, folder), out))) {
    throw new SetupError(
      `Refusing to write the site to ${out}: it would replace the site's own files in ${site}. Choose an --out outside the site's articles/ and layouts/, such as ${path.join(site, 'dist')}.`,
    )
  }
}
