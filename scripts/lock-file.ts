// Lock files holding a process id, shared by the build's cache and its output folder. A lock is created whole:
// written under another name and linked into place, since a file created and then written could be read empty
// in between, and taken for a dead build's.
import {randomBytes} from 'node:crypto'
import {linkSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs'

/** Creates `lock` holding this process's id; false if it exists already. */
export function createLockFile(lock: string): boolean {
  const temporary = `${lock}-${process.pid}-${randomBytes(4).toString('hex')}`
  writeFileSync(temporary, String(process.pid))
  try {
    linkSync(temporary, lock)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    unlinkSync(temporary)
  }
}

/** The process id a lock holds, or undefined when it is gone (released meanwhile) or unreadable. */
export function lockHolder(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, 'utf8'))
  } catch {
    return undefined
  }
}

/** Whether the process `pid` is running. */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
