// One build at a time writes an output folder: a lock file beside it (`.dist.lock`) holding the process id, from
// its first file to its last. Two builds swapping in, or moving files into, the same folder at once could leave
// a mix of both sites; and under the lock, whatever another build left beside the folder is a killed build's.
import {unlinkSync} from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {createLockFile, isRunning, lockHolder} from '../lock-file.ts'
import {SetupError} from '../setup-error.ts'

/** Long enough for another build of a large archive to finish writing. */
const patienceMs = 10 * 60_000

/**
 * Locks this process holds. A lock file with this process's id that is not among them was left by a killed
 * build that had the same id (in a container, every build can be process 1).
 */
const held = new Set<string>()

/** Another build kept the folder locked for longer than a build should take: nothing was written. */
export class OutputLocked extends SetupError {
  override name = 'OutputLocked'
}

export async function withOutputLock<T>(target: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.lock`)
  const started = Date.now()
  while (!createLockFile(lock)) {
    const holder = lockHolder(lock) ?? 0
    if (holder === process.pid ? !held.has(lock) : !isRunning(holder)) {
      // Left by a killed build. (Two builds finding it at the same moment could both take it over; the window
      // is a few microseconds, after a kill.)
      try {
        unlinkSync(lock)
        continue
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new SetupError(`A build that has stopped left ${lock}, which cannot be removed (${(error as NodeJS.ErrnoException).code}): delete it and build again.`)
        }
      }
    }
    if (Date.now() - started > patienceMs) {
      throw new OutputLocked(
        `Another build (process ${holder}) has been writing ${target} for ${patienceMs / 60_000} minutes. If no build is running, delete ${lock} and build again.`,
      )
    }
    await sleep(50)
  }
  held.add(lock)
  try {
    return await work()
  } finally {
    held.delete(lock)
    // Only our own: a lock deleted by hand meanwhile, and taken by another build, is theirs.
    if (lockHolder(lock) === process.pid) unlinkSync(lock)
  }
}
