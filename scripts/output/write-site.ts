// Writes the built site so that a failed or killed build never leaves a half-written one. Into a new or
// unrecorded output folder, the site is written whole beside it, then swapped in. Into the folder the last build
// recorded (see output-record.ts), only the files that changed are written beside it, then moved in through a
// journal (see output-journal.ts), leaving the rest where they are.
import {createHash, randomBytes} from 'node:crypto'
import {closeSync, copyFileSync, fstatSync, lstatSync, mkdirSync, openSync, rmdirSync, rmSync, statSync, utimesSync, writeFileSync, type Stats} from 'node:fs'
import {mkdir, readdir, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {isWithin} from '../is-within.ts'
import {SetupError} from '../setup-error.ts'
import {commitJournal, folderIdentity, journalName, NotCommitted, rollForward} from './output-journal.ts'
import {isRunning} from '../lock-file.ts'
import {clockTickAt} from '../clock-tick.ts'
import {withOutputLock} from './output-lock.ts'
import {foldersOf, isUnchanged, parentOf, readRecord, saveRecord, stampOf, surveyOutput, type FileStamp, type OutputRecord, type Survey} from './output-record.ts'
import {removeBuiltSite} from './remove-built-site.ts'

export type OutputFile =
  /** `revision` names what the bytes were made from, when that is known without hashing them (a page's cache key). */
  | {path: string; contents: string | Uint8Array; revision?: string | undefined}
  /** Bytes fetched only if the output folder does not already hold them, as `revision`. */
  | {path: string; revision: string; load: () => Promise<Uint8Array>}
  /** A file copied as it is (photos), without reading it into memory. */
  | {path: string; copyFrom: string}

export interface WriteOptions {
  /**
   * Where to keep the record of the files written (in the build's cache), so the next build into the same
   * folder can leave unchanged files in place; kept once the folder is built into a second time. Without it,
   * the site is always replaced whole.
   */
  record?: string | undefined
}

export interface WriteResult {
  files: number
  /** Files already in place, as they would have been written, and left there. */
  kept: number
}

export async function writeSite(
  outDir: string,
  files: AsyncIterable<OutputFile> | Iterable<OutputFile>,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const name = path.basename(target)
  await assertReplaceable(target)
  try {
    await mkdir(parent, {recursive: true})
  } catch (error) {
    throw new SetupError(`Cannot create the output folder ${target} (${(error as NodeJS.ErrnoException).code}): choose another --out`)
  }
  return withOutputLock(target, async () => {
    await clearLeftovers(target)
    const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`
    const staging = path.join(parent, `.${name}.tmp-${suffix}`)
    // A folder written for the first time is not recorded: most such are one-offs (Netlify's always is), and
    // keeping the record costs a tenth of a second on a large site. A link in its place is replaced, never
    // written through.
    const existed = lstatSync(target, {throwIfNoEntry: false})?.isDirectory() ?? false
    if (options.record && !existed) rmSync(options.record, {force: true})
    const record = existed ? options.record : undefined
    const previous = record === undefined ? undefined : readRecord(record, target)
    const survey = previous && trySurvey(target, previous)
    await mkdir(staging)
    let written: Written
    try {
      written = await writeAll(staging, files, {recording: record !== undefined, inPlace: survey && {target, record: previous!, survey}})
      if (!survey) await swapIn(staging, target, parent, name)
    } catch (error) {
      await rm(staging, {recursive: true, force: true})
      throw error
    }
    if (survey) {
      const journalPath = path.join(parent, journalName(target, suffix))
      try {
        written.dirs = moveIn(target, journalPath, staging, written, previous!, survey)
      } catch (error) {
        if (error instanceof NotCommitted) {
          await rm(staging, {recursive: true, force: true})
          throw error.reason
        }
        // The build happened, but the disk refused part of it: one more try, then the next build puts it right.
        if (record) rmSync(record, {force: true})
        if (await rollForward(target, journalPath)) return {files: Object.keys(written.stamps).length, kept: written.kept}
        throw new Error(`${target} was only partly updated (${(error as Error).message}): build again to put it right`)
      }
    }
    // Nothing written, and no folder changed (a file removed changes its folder): the record still holds.
    const same = previous && written.moved.length === 0 && written.dirs && sameTimes(written.dirs, previous.dirs)
    // Records are kept for the folders built last: this one still is.
    if (record && same) touch(record)
    if (record && !same) {
      try {
        saveRecord(record, {format: 2, target, files: written.stamps, dirs: written.dirs ?? unknownTimes(written.stamps)})
      } catch {
        // Without a record, the next build replaces the site whole.
        rmSync(record, {force: true})
      }
    }
    if (record) await outlastClockTick(written)
    return {files: Object.keys(written.stamps).length, kept: written.kept}
  })
}

/**
 * File systems stamp changes with a clock that moves in ticks (a few milliseconds; a second on some), so a file
 * changed by hand in the same tick as the build last wrote it would keep the stamp recorded. The build ends
 * only once that tick is over, so any later change shows. (What git calls "racily clean" entries.)
 */
async function outlastClockTick(written: Written): Promise<void> {
  let until = 0
  for (const file of written.moved) {
    const time = written.stamps[file]![3]
    until = Math.max(until, time + clockTickAt(time))
  }
  const wait = until - Date.now()
  if (wait > 0) await sleep(wait)
}

function touch(file: string): void {
  try {
    const now = new Date()
    utimesSync(file, now, now)
  } catch {
    // Only its place among the records kept depends on it.
  }
}

/** The survey of the output folder, or undefined when part of it cannot be read: it is then replaced whole. */
function trySurvey(target: string, record: OutputRecord): Survey | undefined {
  try {
    return surveyOutput(target, record)
  } catch {
    return undefined
  }
}

/**
 * Moves the written files into the output folder and removes those no longer built (and any put there by
 * hand), through a journal. Returns the times of the folders holding the site, for the next build's survey.
 */
function moveIn(target: string, journalPath: string, staging: string, written: Written, previous: OutputRecord, survey: Survey): Record<string, number | null> {
  // Every file kept, none besides: the folders are the ones recorded, as the survey found them.
  const unchanged = written.moved.length === 0 && survey.strayFiles.length === 0 && survey.strayDirs.length === 0
  if (unchanged && written.kept === Object.keys(previous.files).length && survey.dirTimes.size === Object.keys(previous.dirs).length) {
    rmdirSync(staging)
    return Object.fromEntries(survey.dirTimes)
  }
  const outputs = Object.keys(written.stamps)
  const wanted = new Set(outputs)
  const dirs = foldersOf(outputs)
  // Only what lies in real folders: a path through a link (itself removed as a stray) would lead out of the site.
  const removes = [...new Set([...Object.keys(previous.files), ...survey.strayFiles])].filter(
    (file) => !wanted.has(file) && survey.realDirs.has(parentOf(file)),
  )
  const removeDirs = [...survey.dirTimes.keys(), ...survey.strayDirs]
    .filter((dir) => !dirs.has(dir))
    .sort((a, b) => b.split('/').length - a.split('/').length)
  const identity = folderIdentity(target)
  if (!identity) throw new NotCommitted(new Error(`${target} is no longer a folder`))
  commitJournal(target, journalPath, {...identity, staging: path.basename(staging), moves: written.moved, removes, removeDirs})
  // A rename changes a file's change time: the moved files are stamped where they now are.
  for (const file of written.moved) written.stamps[file] = stampOf(written.stamps[file]![0], lstatSync(path.join(target, file)))
  // Folders this update changed are read again by the next build's survey: a file put into one by hand while
  // this build ran would otherwise pass for part of the site. The others are as the survey found them.
  const touched = foldersOf([...written.moved, ...removes, ...removeDirs])
  return Object.fromEntries([...dirs].map((dir) => [dir, touched.has(dir) ? null : (survey.dirTimes.get(dir) ?? null)]))
}

interface Written {
  /** Every output file, as the output folder will hold it once the site is in place. */
  stamps: Record<string, FileStamp>
  /** The files written into the staging folder, in the order written. */
  moved: string[]
  kept: number
  dirs?: Record<string, number | null> | undefined
}

/**
 * Writes each file into the staging folder, unless `inPlace` shows the output folder already holds it. One file
 * at a time, with blocking calls: each promise-based call crosses to libuv's thread pool and back, which cost more
 * than the write itself for a page of a few kilobytes. Pages are drawn between writes, on worker threads or in
 * the generator, so nothing waits for the disk but the disk.
 */
async function writeAll(
  staging: string,
  files: AsyncIterable<OutputFile> | Iterable<OutputFile>,
  {recording, inPlace}: {recording: boolean; inPlace: {target: string; record: OutputRecord; survey: Survey} | undefined},
): Promise<Written> {
  const written: Written = {stamps: Object.create(null) as Record<string, FileStamp>, moved: [], kept: 0}
  const madeDirs = new Set<string>([staging])
  for await (const file of files) {
    assertSafePath(file.path)
    if (Object.hasOwn(written.stamps, file.path)) throw new Error(`Two outputs would be written to ${file.path}`)
    // Hashing every page of a site that is not recorded (a first watch run) would be wasted.
    const revision = recording ? revisionOf(file) : ''
    if (inPlace && isUnchanged(inPlace.target, file.path, inPlace.record.files[file.path], revision, inPlace.survey)) {
      written.stamps[file.path] = inPlace.record.files[file.path]!
      written.kept++
      continue
    }
    const destination = path.join(staging, file.path)
    const dir = path.dirname(destination)
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, {recursive: true})
      madeDirs.add(dir)
    }
    written.stamps[file.path] = stampOf(revision, await writeOne(destination, file, recording))
    written.moved.push(file.path)
  }
  return written
}

/** Writes one file and, for the record, says what the disk made of it (a rename keeps its inode, size and time). */
async function writeOne(destination: string, file: OutputFile, recording: boolean): Promise<Stats | undefined> {
  if ('copyFrom' in file) {
    copyFileSync(file.copyFrom, destination)
    return recording ? statSync(destination) : undefined
  }
  const contents = 'load' in file ? await file.load() : file.contents
  if (!recording) {
    writeFileSync(destination, contents)
    return undefined
  }
  const fd = openSync(destination, 'w')
  try {
    writeFileSync(fd, contents)
    return fstatSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** What a file is made from: given, or its bytes' hash, or for a copy, the source file as the disk describes it. */
function revisionOf(file: OutputFile): string {
  if ('copyFrom' in file) {
    const source = statSync(file.copyFrom)
    return `copy:${file.copyFrom}:${source.ino}:${source.size}:${source.mtimeMs}:${source.ctimeMs}`
  }
  if ('load' in file) return file.revision
  return file.revision ?? `sha256:${createHash('sha256').update(file.contents).digest('base64url')}`
}

function sameTimes(now: Record<string, number | null>, recorded: Record<string, number | null>): boolean {
  const dirs = Object.keys(now)
  return dirs.length === Object.keys(recorded).length && dirs.every((dir) => now[dir] !== null && now[dir] === recorded[dir])
}

/** A site swapped in whole: its folders' times are read when the next build needs them. */
function unknownTimes(stamps: Record<string, FileStamp>): Record<string, null> {
  return Object.fromEntries([...foldersOf(Object.keys(stamps))].map((dir) => [dir, null]))
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
 * Finishes or clears what a killed build left, before anything else happens: a build that then fails on a
 * story must still leave the previous site (or the one the killed build had committed to) whole.
 */
export async function recoverInterruptedBuild(outDir: string): Promise<void> {
  const target = path.resolve(outDir)
  // No parent folder (yet): nothing was ever built there, and writing the site says what is wrong with the path.
  if (path.dirname(target) === target || !statSync(path.dirname(target), {throwIfNoEntry: false})?.isDirectory()) return
  await withOutputLock(target, () => clearLeftovers(target))
}

/**
 * Under the output lock, so every build that left something here has stopped (a build holds the lock from its
 * first file to its last, whatever its process id): finishes the journal of a build killed while moving files
 * in, then removes staging folders and puts back a site moved aside but never replaced.
 */
async function clearLeftovers(target: string): Promise<void> {
  const parent = path.dirname(target)
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(journal|tmp|old|lock)-(\\d+)-[0-9a-f]+(\\.writing)?$`)
  const leftovers = async () =>
    (await readdir(parent)).flatMap((entry) => {
      const match = pattern.exec(entry)
      return match ? [{leftover: path.join(parent, entry), kind: match[1], pid: Number(match[2]), writing: match[3] !== undefined}] : []
    })
  for (const {leftover, kind, writing} of await leftovers()) {
    if (kind !== 'journal') continue
    if (writing) await rm(leftover, {force: true})
    else await rollForward(target, leftover)
  }
  for (const {leftover, kind, pid} of await leftovers()) {
    if (kind === 'journal') continue
    // A lock being taken this moment is briefly under a name of its own (see lock-file.ts).
    if (kind === 'lock' && isRunning(pid)) continue
    if (kind === 'old' && !(await exists(target))) await rename(leftover, target)
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
