// Updates a built site in place for watch mode: each changed file replaced atomically, removed pages deleted, the rest untouched.
import {mkdir, rename, rm, rmdir, writeFile, copyFile} from 'node:fs/promises'
import path from 'node:path'
import {withOutputLock} from './output-lock.ts'
import type {OutputFile} from './write-site.ts'

/**
 * Rewriting 10,000 unchanged pages on every save would take seconds; a write to a temporary name and a rename
 * means a reader (or the preview server) never sees a half-written page, even if the process is stopped mid-way.
 */
export async function updateSite(outDir: string, files: Iterable<OutputFile>, removed: Iterable<string>): Promise<void> {
  // The folder's lock, as a build's: a build (or a second preview) writing the same folder meanwhile would
  // otherwise leave a mix of both.
  await withOutputLock(path.resolve(outDir), async () => {
    for (const file of files) {
      const destination = path.join(outDir, file.path)
      const temporary = `${destination}.tmp-${process.pid}`
      await mkdir(path.dirname(destination), {recursive: true})
      if ('copyFrom' in file) await copyFile(file.copyFrom, temporary)
      else await writeFile(temporary, 'load' in file ? await file.load() : file.contents)
      await rename(temporary, destination)
    }
    for (const relative of removed) {
      const target = path.join(outDir, relative)
      await rm(target, {force: true})
      await removeEmptyFolders(path.dirname(target), outDir)
    }
  })
}

/** A deleted story leaves its dated folders behind; remove those that are now empty, up to the output folder. */
async function removeEmptyFolders(dir: string, outDir: string): Promise<void> {
  for (let current = dir; current.startsWith(outDir + path.sep); current = path.dirname(current)) {
    try {
      await rmdir(current)
    } catch {
      return
    }
  }
}
