// One build at a time changes an output folder: a lock file beside it (`.dist.lock`) holding the process id.
// Two builds swapping in, or moving files into, the same folder at once could leave a mix of both sites.
import {readFileSync, unlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {SetupError} from '../setup-error.ts'

/** Long enough for another build of a large archive to finish writing. */
const patienceMs = 10 * 60_000

/** Locks this process holds: a lock file with this process's id and not among them was left by a killed build
 * that had the same id (in a container, every build can be process 1). */
const held = new Set<string>()

export async function withOutputLock<T>(target: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.lock`)
  const started = Date.now()
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), {flag: 'wx'})
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(readText(lock))
    if (holder === process.pid ? !held.has(lock) : !isAlive(holder)) {
      // Left by a build that was killed. (Two builds finding it at the same moment could both take it over; the
      // window is a few microseconds, after a kill.)
      try {
        unlinkSync(lock)
      } catch {
        // Taken over by another build meanwhile: try again.
      }
      continue
    }
    if (Date.now() - started > patienceMs) {
      throw new SetupError(
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
    unlinkSync(lock)
  }
}

/** Whether the process `pid` is running (this one's counts). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
