// Applies a build's changes to an output folder it updates in place, through a journal: the list of files to
// move in from the staging folder and to remove, written before the first of them is touched. A build killed
// while applying it is finished by the next run, so the folder ends up holding one whole site, never a mix.
// Only the holder of the output lock (see output-lock.ts) writes or finishes a journal.
import {lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import path from 'node:path'
import {removeTree} from './remove-built-site.ts'

export interface Journal {
  /** The output folder's inode when the journal was written: a folder deleted and built again since is not touched. */
  targetIno: number
  /** Name of the staging folder, beside the output folder, holding the files to move in. */
  staging: string
  /** Files to move from the staging folder into the output folder, by path inside both. */
  moves: string[]
  /** Files to remove from the output folder, then folders (deepest first), which are empty by then. */
  removes: string[]
  removeDirs: string[]
}

/** The journal's name beside the output folder, matched by `leftoverPattern`. */
export function journalName(target: string, suffix: string): string {
  return `.${path.basename(target)}.journal-${suffix}`
}

/**
 * Writes the journal (whole, by rename: a half-written journal is never found, and its temporary name is
 * cleared as a leftover), then applies it. From the moment it exists, the build has happened.
 */
export function commitJournal(target: string, journalPath: string, journal: Journal): void {
  const temporary = `${journalPath}.writing`
  writeFileSync(temporary, JSON.stringify(journal))
  renameSync(temporary, journalPath)
  applyJournal(target, journalPath, journal)
}

/**
 * Finishes a journal a killed build left, if it is still for this output folder, and says whether it did. One that cannot be
 * finished (the disk refuses) is dropped with its staging folder: the next build finds the files that did not
 * move in unlike its record of them, and writes them again.
 */
export async function rollForward(target: string, journalPath: string): Promise<boolean> {
  let journal: Journal | undefined
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  } catch {
    // Only complete journals are ever renamed into place: one that cannot be read was never begun on.
  }
  const info = lstatSync(target, {throwIfNoEntry: false})
  if (journal && info?.isDirectory() && info.ino === journal.targetIno) {
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

/** Every step can run again: a file already moved or removed is passed over. */
function applyJournal(target: string, journalPath: string, journal: Journal): void {
  const staging = path.join(path.dirname(target), journal.staging)
  // ENOTDIR: a folder on the way is a file by now (an earlier pass of this journal moved it in), so the file is gone.
  // EISDIR: a folder where a file was, put there by hand, is among the folders removed next if no longer needed.
  for (const file of journal.removes) ignoring(['ENOENT', 'ENOTDIR', 'EISDIR'], () => unlinkSync(path.join(target, file)))
  // Something left in a folder (a file being written by another program) keeps the folder: nothing is lost.
  for (const dir of journal.removeDirs) ignoring(['ENOENT', 'ENOTDIR', 'ENOTEMPTY', 'EEXIST'], () => rmdirSync(path.join(target, dir)))
  const made = new Set<string>()
  for (const file of journal.moves) {
    const destination = path.join(target, file)
    const dir = path.dirname(destination)
    if (!made.has(dir)) {
      mkdirSync(dir, {recursive: true})
      made.add(dir)
    }
    ignoring(['ENOENT'], () => renameSync(path.join(staging, file), destination))
  }
  // What is left of the staging folder once its files moved out: the folders they were in.
  ignoring(['ENOENT'], () => removeTree(staging))
  unlinkSync(journalPath)
}

function ignoring(codes: string[], action: () => void): void {
  try {
    action()
  } catch (error) {
    if (!codes.includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
