// What the last build left in an output folder, file by file, so the next one can leave the unchanged files
// where they are. Kept in the build's cache (not in the output folder, which is published), and never trusted
// alone: every file it names is checked against the disk before it is kept.
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats} from 'node:fs'
import path from 'node:path'

/** A file as written: what it was made from, and what the disk said of it just after. */
export type FileStamp = [revision: string, ino: number, size: number, mtimeMs: number]

export interface OutputRecord {
  format: 1
  /** The output folder, resolved. */
  target: string
  /** Every file written, by path inside the output folder (`a/b/index.html`). */
  files: Record<string, FileStamp>
  /**
   * Every folder holding them (`''` is the output folder itself), with its modification time when last
   * looked at, or null when not yet known. A file added or removed by hand changes its folder's time.
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
    record?.format === 1 && record.target === target && typeof record.files === 'object' && typeof record.dirs === 'object' && '' in record.dirs
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

export function stampOf(revision: string, info: Stats): FileStamp {
  return [revision, info.ino, info.size, info.mtimeMs]
}

/** Whether the file at `file` is still, to the byte, the one `stamp` describes. */
export function isUnchanged(file: string, stamp: FileStamp | undefined, revision: string): boolean {
  if (!stamp || stamp[0] !== revision) return false
  let info: Stats | undefined
  try {
    info = statSync(file, {throwIfNoEntry: false})
  } catch {
    return false
  }
  // The inode tells a file replaced since (an editor's save, another build) from the one written; size and
  // time tell a file changed in place.
  return info !== undefined && info.isFile() && info.ino === stamp[1] && info.size === stamp[2] && info.mtimeMs === stamp[3]
}

export interface Survey {
  /** Files in the output folder that the record does not name: put there by hand or by another tool. */
  strayFiles: string[]
  /** Folders in it that the record does not name. */
  strayDirs: string[]
  /** Modification times of the recorded folders still there, as found. */
  dirTimes: Map<string, number>
}

/**
 * Finds what is in the output folder besides what the record names. Only folders whose modification time
 * moved since the record are read again: on a 10,000-story site, reading every folder would take longer than
 * the whole build writes when one story changes.
 */
export function surveyOutput(target: string, record: OutputRecord): Survey {
  const survey: Survey = {strayFiles: [], strayDirs: [], dirTimes: new Map()}
  const strayTree = (dir: string) => {
    survey.strayDirs.push(dir)
    for (const entry of readdirSync(path.join(target, dir), {withFileTypes: true})) {
      const relative = `${dir}/${entry.name}`
      // A link is a file here: removed itself, never followed.
      if (entry.isDirectory()) strayTree(relative)
      else survey.strayFiles.push(relative)
    }
  }
  for (const [dir, recorded] of Object.entries(record.dirs)) {
    const info = statSync(path.join(target, dir), {throwIfNoEntry: false})
    if (!info) continue
    if (!info.isDirectory()) {
      if (!Object.hasOwn(record.files, dir)) survey.strayFiles.push(dir)
      continue
    }
    survey.dirTimes.set(dir, info.mtimeMs)
    if (info.mtimeMs === recorded) continue
    for (const entry of readdirSync(path.join(target, dir), {withFileTypes: true})) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`
      if (entry.isDirectory()) {
        if (!Object.hasOwn(record.dirs, relative)) strayTree(relative)
      } else if (!Object.hasOwn(record.files, relative)) survey.strayFiles.push(relative)
    }
  }
  return survey
}

/** Every folder that holds one of `files`, the output folder itself (`''`) included. */
export function foldersOf(files: Iterable<string>): Set<string> {
  const dirs = new Set<string>([''])
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== '.' && !dirs.has(dir); dir = path.posix.dirname(dir)) dirs.add(dir)
  }
  return dirs
}
