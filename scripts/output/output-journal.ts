// Applies a build's changes to an output folder it updates in place, through a journal: the list of files to
// move in from the staging folder and to remove, written before the first of them is touched. A build killed
// while applying it is finished by the next run, so the folder ends up holding one whole site, never a mix.
// Only the holder of the output lock (see output-lock.ts) writes or finishes a journal.
import {lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import path from 'node:path'
import {removeTree} from './remove-built-site.ts'

export interface Journal {
  /**
   * The output folder's inode and birth time when the journal was written: a folder deleted and made again
   * since (which may get the same inode) is not touched.
   */
  targetIno: number
  targetBirth: number
  /** Name of the staging folder, beside the output folder, holding the files to move in. */
  staging: string
  /** Files to move from the staging folder into the output folder, by path inside both. */
  moves: string[]
  /** Files to remove from the output folder, then folders (deepest first), which are empty by then. */
  removes: string[]
  removeDirs: string[]
}

/** The journal's name beside the output folder, as the clearing of leftovers in write-site.ts knows it. */
export function journalName(target: string, suffix: string): string {
  return `.${path.basename(target)}.journal-${suffix}`
}

/**
 * Writes the journal (whole, by rename: a half-written journal is never found, and its temporary name is
 * cleared as a leftover), then applies it. From the moment it exists, the build has happened: a failure before
 * it is a `NotCommitted`, after it whatever the disk said.
 */
export function commitJournal(target: string, journalPath: string, journal: Journal): void {
  const temporary = `${journalPath}.writing`
  try {
    writeFileSync(temporary, JSON.stringify(journal))
    renameSync(temporary, journalPath)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw new NotCommitted(error)
  }
  applyJournal(target, journalPath, journal)
}

export class NotCommitted extends Error {
  constructor(readonly reason: unknown) {
    super(`the output folder was left as it was: ${(reason as Error).message}`)
  }
}

/** The output folder's identity, as a journal records it; undefined when it is not a real folder. */
export function folderIdentity(target: string): Pick<Journal, 'targetIno' | 'targetBirth'> | undefined {
  const info = lstatSync(target, {throwIfNoEntry: false})
  return info?.isDirectory() ? {targetIno: info.ino, targetBirth: info.birthtimeMs} : undefined
}

/**
 * Finishes a journal a killed build left, if it is still for this output folder, and says whether it did. One
 * that cannot be finished (the disk refuses) is dropped with its staging folder: the next build finds the files
 * that did not move in unlike its record of them, and writes them again.
 */
export async function rollForward(target: string, journalPath: string): Promise<boolean> {
  let journal: Journal | undefined
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  } catch {
    // Only complete journals are ever renamed into place: one that cannot be read was never begun on.
  }
  const now = folderIdentity(target)
  // Without a birth time (some file systems keep none), a folder made again cannot be told apart: dropped.
  if (journal && now && journal.targetBirth > 0 && now.targetIno === journal.targetIno && now.targetBirth === journal.targetBirth) {
    try {
      applyJournal(target, journalPath, journal)
      return true
    } catch {
      // Dropped below.
    }
  }
  if (journal) await rm(path.join(path.dirname(target), journal.staging), {recursive: true, force: true})
  await rm(journalPath, {force: true})
  return false
}

/**
 * Every step can run again: a file already moved or removed is passed over. Nothing is done through a link: the
 * folders on the way are looked at first (something may have changed since the survey, or since the kill).
 */
function applyJournal(target: string, journalPath: string, journal: Journal): void {
  const staging = path.join(path.dirname(target), journal.staging)
  const folders = new RealFolders(target)
  // A file below a link or a file is not in the site: the link or file itself is removed as a stray, by this
  // journal or the next build's.
  // EISDIR: a folder where a file was, put there by hand, is among the folders removed next if no longer needed.
  for (const file of journal.removes) {
    if (folders.isReal(path.dirname(file))) ignoring(['ENOENT', 'EISDIR'], () => unlinkSync(path.join(target, file)))
  }
  // Something left in a folder (a file being written by another program) keeps the folder: nothing is lost.
  for (const dir of journal.removeDirs) {
    if (folders.isReal(path.dirname(dir))) ignoring(['ENOENT', 'ENOTDIR', 'ENOTEMPTY', 'EEXIST'], () => rmdirSync(path.join(target, dir)))
  }
  folders.forget()
  for (const file of journal.moves) {
    folders.make(path.dirname(file))
    ignoring(['ENOENT'], () => renameSync(path.join(staging, file), path.join(target, file)))
  }
  // What is left of the staging folder once its files moved out: the folders they were in.
  ignoring(['ENOENT'], () => removeTree(staging))
  unlinkSync(journalPath)
}

/** Folders inside the output folder, by relative path, looked at once each without following links. */
class RealFolders {
  readonly #target: string
  #known = new Map<string, boolean>([['.', true]])

  constructor(target: string) {
    this.#target = target
  }

  /** Whether `dir` and every folder above it, up to the output folder, is a real folder. */
  isReal(dir: string): boolean {
    let real = this.#known.get(dir)
    if (real === undefined) {
      real = this.isReal(path.dirname(dir)) && (lstatSync(path.join(this.#target, dir), {throwIfNoEntry: false})?.isDirectory() ?? false)
      this.#known.set(dir, real)
    }
    return real
  }

  /** Makes `dir` a real folder, replacing a link or a file in the way (strays: the site has none there). */
  make(dir: string): void {
    if (this.#known.get(dir)) return
    this.make(path.dirname(dir))
    const full = path.join(this.#target, dir)
    const info = lstatSync(full, {throwIfNoEntry: false})
    if (info && !info.isDirectory()) unlinkSync(full)
    if (!info?.isDirectory()) mkdirSync(full)
    this.#known.set(dir, true)
  }

  /** After removals, what was a folder may be gone. */
  forget(): void {
    this.#known = new Map([['.', true]])
  }
}

function ignoring(codes: string[], action: () => void): void {
  try {
    action()
  } catch (error) {
    if (!codes.includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
