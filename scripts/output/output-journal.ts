// Applies a build's changes to an output folder it updates in place, through a journal: the list of files to
// move in from the staging folder and to remove, written before the first of them is touched. A build killed
// while applying it is finished by the next run, so the folder ends up holding one whole site, never a mix.
import {mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {removeBuiltSite} from './remove-built-site.ts'

export interface Journal {
  /** Name of the staging folder, beside the output folder, holding the files to move in. */
  staging: string
  /** Files to move from the staging folder into the output folder, by path inside both. */
  moves: string[]
  /** Files to remove from the output folder, then folders (deepest first), which are empty by then. */
  removes: string[]
  removeDirs: string[]
}

/**
 * Writes the journal under `journalPath` (whole, by rename: a half-written journal is never found), then
 * applies it. From the moment it exists, the build has happened.
 */
export async function commitJournal(target: string, journalPath: string, journal: Journal): Promise<void> {
  const temporary = `${journalPath}.writing`
  writeFileSync(temporary, JSON.stringify(journal))
  renameSync(temporary, journalPath)
  await applyJournal(target, journalPath, journal)
}

/** Finishes a journal a killed build left. */
export async function rollForward(target: string, journalPath: string): Promise<void> {
  let journal: Journal
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  } catch {
    // Only complete journals are ever renamed into place; one that cannot be read was never begun on.
    unlinkSync(journalPath)
    return
  }
  await applyJournal(target, journalPath, journal)
}

/** Every step can run again: a file already moved or removed is passed over. */
async function applyJournal(target: string, journalPath: string, journal: Journal): Promise<void> {
  const parent = path.dirname(target)
  const staging = path.join(parent, journal.staging)
  // A folder where a file was (put there by hand) is among the folders removed next, if no longer needed.
  for (const file of journal.removes) ignoring(['ENOENT', 'EISDIR'], () => unlinkSync(path.join(target, file)))
  // Something left in a folder (a file being written by another program) keeps the folder: nothing is lost.
  for (const dir of journal.removeDirs) ignoring(['ENOENT', 'ENOTEMPTY', 'EEXIST'], () => rmdirSync(path.join(target, dir)))
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
  // What is left of the staging folder: the folders the moved files were in.
  await removeBuiltSite(staging)
  unlinkSync(journalPath)
}

function ignoring(codes: string[], action: () => void): void {
  try {
    action()
  } catch (error) {
    if (!codes.includes((error as NodeJS.ErrnoException).code ?? '')) throw error
  }
}
