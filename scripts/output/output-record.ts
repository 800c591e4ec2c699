// What the last build left in an output folder, file by file, so the next one can leave the unchanged files
// where they are. Kept in the build's cache (not in the output folder, which is published), and never trusted
// alone: every file it names is checked against the disk before it is kept.
import {createHash} from 'node:crypto'
import {lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats} from 'node:fs'
import path from 'node:path'
import {clockTickAt} from '../clock-tick.ts'

/**
 * A file as written: what it was made from, and what the disk said of it once in place. The change time (ctime)
 * moves with every write, rename or change of mode, and unlike the modification time no program can set it back.
 */
export type FileStamp = [revision: string, ino: number, size: number, ctimeMs: number]

export interface OutputRecord {
  format: 2
  /** The output folder, resolved. */
  target: string
  /** Every file written, by path inside the output folder (`a/b/index.html`). */
  files: Record<string, FileStamp>
  /**
   * Every folder holding them (`''` is the output folder itself), with its change time when last looked at,
   * or null when not yet known. A file added, removed or renamed in a folder changes the folder's time.
   */
  dirs: Record<string, number | null>
}

/** Where the record of `target` is kept in the cache folder `cacheDir`. */
export function recordPath(cacheDir: string, target: string): string {
  const name = createHash('sha256').update(path.resolve(target)).digest('hex').slice(0, 16)
  return path.join(cacheDir, 'outputs', `${name}.json`)
}

/** The record, or undefined when there is none or it is not one this code wrote for `target`. */
export function readRecord(file: string, target: string): OutputRecord | undefined {
  let record: OutputRecord
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as OutputRecord
  } catch {
    return undefined
  }
  const valid =
    record?.format === 2 && record.target === target && typeof record.files === 'object' && typeof record.dirs === 'object' && '' in record.dirs
  return valid ? record : undefined
}

/** Records of this many output folders are kept, the most recently built: each build into a new folder adds one. */
const keptRecords = 4

export function saveRecord(file: string, record: OutputRecord): void {
  const dir = path.dirname(file)
  mkdirSync(dir, {recursive: true})
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(record))
  renameSync(temporary, file)
  const records = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({name, time: statSync(path.join(dir, name), {throwIfNoEntry: false})?.mtimeMs ?? 0}))
  records.sort((a, b) => b.time - a.time)
  for (const {name} of records.slice(keptRecords)) rmSync(path.join(dir, name), {force: true})
}

/** Unrecorded (`info` undefined), a file is still counted, with a stamp nothing matches. */
export function stampOf(revision: string, info: Stats | undefined): FileStamp {
  return info ? [revision, info.ino, info.size, info.ctimeMs] : [revision, -1, -1, -1]
}

/**
 * Whether `file` is still, to the byte, the one `stamp` describes. Only in a folder the survey found to be a
 * real folder (not a link to elsewhere) all the way down from the output folder.
 */
export function isUnchanged(target: string, file: string, stamp: FileStamp | undefined, revision: string, survey: Survey): boolean {
  if (!stamp || stamp[0] !== revision || !survey.realDirs.has(parentOf(file))) return false
  let info: Stats | undefined
  try {
    info = lstatSync(inside(target, file), {throwIfNoEntry: false})
  } catch {
    return false
  }
  return info !== undefined && info.isFile() && info.ino === stamp[1] && info.size === stamp[2] && info.ctimeMs === stamp[3]
}

export interface Survey {
  /** Files in the output folder that the record does not name (put there by hand or by another tool), and links. */
  strayFiles: string[]
  /** Folders in it that the record does not name. */
  strayDirs: string[]
  /**
   * The real folders (reached without following a link) among those recorded, with their change times as found;
   * null for a time too recent to vouch for the folder's listing (see `clockTickAt`).
   */
  dirTimes: Map<string, number | null>
  /** Every real folder found: those above and the stray ones. Only what lies in one is touched. */
  realDirs: Set<string>
}

/**
 * Finds what is in the output folder besides what the record names. Only folders whose change time moved since
 * the record are read again: on a 10,000-story site, reading every folder takes longer than the whole build
 * writes when one story changes. Links are never followed: a link where a folder was is a stray, removed
 * itself, and nothing recorded below it is looked at.
 */
export function surveyOutput(target: string, record: OutputRecord): Survey {
  const survey: Survey = {strayFiles: [], strayDirs: [], dirTimes: new Map(), realDirs: new Set()}
  const strayTree = (dir: string) => {
    survey.strayDirs.push(dir)
    survey.realDirs.add(dir)
    for (const entry of readdirSync(path.join(target, dir), {withFileTypes: true})) {
      const relative = `${dir}/${entry.name}`
      if (entry.isDirectory()) strayTree(relative)
      else survey.strayFiles.push(relative)
    }
  }
  // Parents first, so that a folder is looked into only once its parent is known to be a real folder.
  const dirs = parentsFirst(Object.keys(record.dirs))
  // Taken before any folder is looked at, so a time found too recent against it is surely too recent.
  const now = Date.now()
  for (const dir of dirs) {
    const recorded = record.dirs[dir]
    if (dir !== '' && !survey.dirTimes.has(parentOf(dir))) continue
    const info = lstatSync(inside(target, dir), {throwIfNoEntry: false})
    if (!info) continue
    if (!info.isDirectory()) {
      if (!Object.hasOwn(record.files, dir)) survey.strayFiles.push(dir)
      continue
    }
    // A file added in the same tick of the clock as the last change, after the listing is read, would not move
    // the folder's time: such a folder is read again next time.
    survey.dirTimes.set(dir, now - info.ctimeMs > clockTickAt(info.ctimeMs) ? info.ctimeMs : null)
    survey.realDirs.add(dir)
    if (info.ctimeMs === recorded) continue
    for (const entry of readdirSync(inside(target, dir), {withFileTypes: true})) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`
      if (entry.isDirectory()) {
        if (!Object.hasOwn(record.dirs, relative)) strayTree(relative)
      } else if (!Object.hasOwn(record.files, relative)) survey.strayFiles.push(relative)
    }
  }
  return survey
}

/** `a/b/index.html` -> `a/b`; `index.html` -> `''`. Paths here are the record's: relative, with `/`. */
export function parentOf(file: string): string {
  const slash = file.lastIndexOf('/')
  return slash === -1 ? '' : file.slice(0, slash)
}

/**
 * The folders with each one's parent ahead of it, as records list them (see `foldersOf`), which is only
 * checked: a record from elsewhere is sorted by depth.
 */
export function parentsFirst(dirs: string[]): string[] {
  const seen = new Set<string>()
  for (const dir of dirs) {
    if (dir !== '' && !seen.has(parentOf(dir))) {
      const byDepth = dirs.map((dir, at) => ({dir, at, depth: depthOf(dir)}))
      return byDepth.sort((a, b) => a.depth - b.depth || a.at - b.at).map(({dir}) => dir)
    }
    seen.add(dir)
  }
  return dirs
}

function depthOf(dir: string): number {
  if (dir === '') return 0
  let depth = 1
  for (let at = dir.indexOf('/'); at !== -1; at = dir.indexOf('/', at + 1)) depth++
  return depth
}

/** A path of the record inside the output folder, without normalizing it again (it was checked when written). */
function inside(target: string, relative: string): string {
  return relative === '' ? target : `${target}/${relative}`
}

/** Every folder that holds one of `files`, the output folder itself (`''`) included, each after its parent. */
export function foldersOf(files: Iterable<string>): Set<string> {
  const found = new Set<string>([''])
  const unseen: string[] = []
  for (const file of files) {
    for (let dir = parentOf(file); !found.has(dir); dir = parentOf(dir)) unseen.push(dir)
    while (unseen.length > 0) found.add(unseen.pop()!)
  }
  return found
}
