// Watches a site's stories, configuration and layouts, and turns bursts of saves into one rebuild at a time.
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {watch} from 'chokidar'
import {otherMarkdown} from '../content/find-articles.ts'
import {isWithin} from '../is-within.ts'
import type {SourceChanges} from './rebuild-site.ts'

const imageFile = /\.(?:jpe?g|png|gif|webp|avif|svg)$/i

export interface WatchOptions {
  siteDir: string
  /** The layouts in use: the site's own, or the repository's. */
  layoutsDir: string
  /** Called with everything that changed since the last call; never while an earlier call is still running. */
  rebuild: (changes: SourceChanges) => Promise<void>
  /**
   * How long to wait for more saves before rebuilding, restarted by each save: an editor saving several files or
   * a `git checkout` becomes one rebuild. Saves that arrive during a rebuild are built together right after it.
   */
  settleMs?: number | undefined
}

export interface SourceWatcher {
  /** Resolves once the watcher sees changes. */
  ready: Promise<void>
  /** Queues a rebuild as if these changes had been seen (the first build, so saves made during it are not lost). */
  request(changes: SourceChanges): void
  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void>
  close(): Promise<void>
}

export function watchSources(options: WatchOptions): SourceWatcher {
  const articlesDir = path.join(options.siteDir, 'articles')
  const configFile = path.join(options.siteDir, 'site.yaml')

  let pending: SourceChanges | undefined
  let running: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined

  const flush = () => {
    timer = undefined
    if (running || !pending) return
    const changes = pending
    pending = undefined
    running = options.rebuild(changes).finally(() => {
      running = undefined
      // Saves that arrived during the rebuild are built right after it, together.
      if (pending) schedule()
    })
  }
  const schedule = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, options.settleMs ?? 30)
  }
  const merge = (changes: SourceChanges) => {
    pending ??= {articles: new Set(), everything: false, contentsOnly: true}
    for (const file of changes.articles) pending.articles.add(file)
    pending.everything ||= changes.everything
    pending.contentsOnly &&= changes.contentsOnly ?? false
    schedule()
  }
  const record = (file: string, isStory: boolean, contentsOnly: boolean) =>
    merge({articles: new Set(isStory ? [file] : []), everything: !isStory, contentsOnly})

  // The site folder itself is watched, not articles/, so that deleting and recreating articles/ is seen.
  const startWatcher = () =>
    watch([options.siteDir, options.layoutsDir], {
      ignoreInitial: true,
      ignored: (file) => {
        const name = path.basename(file)
        if (name.startsWith('.') && file !== options.siteDir) return true
        return !(
          file === options.siteDir ||
          file === configFile ||
          isWithin(articlesDir, file) ||
          isWithin(options.layoutsDir, file)
        )
      },
    })
  const classify = (absolute: string, event: string) => {
    const contentsOnly = event === 'change'
    if (absolute === configFile || isWithin(options.layoutsDir, absolute)) record(absolute, false, contentsOnly)
    else if (!isWithin(articlesDir, absolute)) return
    // Folders come and go with stories in them: the list of story files is made again.
    else if (event === 'addDir' || event === 'unlinkDir') record(absolute, true, false)
    // Stories, and Markdown under another name (reported as an error until renamed, so its removal must be seen).
    else if (otherMarkdown.test(absolute)) record(absolute, true, contentsOnly && /\.md$/.test(absolute))
    // A photo changed: the stories beside it, or above its folder, are read again (its size and hashed name may change).
    else if (imageFile.test(absolute)) record(path.join(path.dirname(absolute), '*'), true, contentsOnly)
    // Anything else (an editor's temporary file, `sedX1b2c3`, `notes.txt~`) is not part of the site.
  }

  // chokidar drops a second change to one file within 50 ms of the first, so a quick second save (or an
  // editor writing twice) would leave the preview showing the first. Look again once that window has passed.
  const recheckAfterMs = 75
  const rechecks = new Map<string, NodeJS.Timeout>()
  const recheck = async (absolute: string, seen: number | undefined) => {
    rechecks.delete(absolute)
    const now = await modifiedAt(absolute)
    if (now !== seen) {
      classify(absolute, now !== undefined && seen !== undefined ? 'change' : 'add')
      rechecks.set(absolute, setTimeout(() => void recheck(absolute, now), recheckAfterMs))
    }
  }

  // chokidar can lose sight of a folder deleted and made again (its watchers are shared by path, and the old
  // folder's may outlive it): a save in the new one was once missed for good. When a folder seen removed comes
  // back, the watcher is started afresh, and everything is read again for what it may have missed meanwhile.
  const removedDirs = new Set<string>()
  let restarting: Promise<void> | undefined
  let closed = false
  const restart = () => {
    restarting ??= (async () => {
      // Once the burst of saves that made the folder is over.
      await new Promise((resolve) => setTimeout(resolve, 100))
      if (closed) return
      removedDirs.clear()
      // Closed first: a new watcher would otherwise share the old one's watchers of the same paths.
      await watcher.close()
      if (closed) return
      watcher = listen(startWatcher())
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
      merge({articles: new Set(), everything: true, contentsOnly: false})
    })().finally(() => (restarting = undefined))
  }

  const listen = (started: ReturnType<typeof startWatcher>) =>
    started.on('all', (event, file) => {
      const absolute = path.resolve(file)
      classify(absolute, event)
      if (event === 'unlinkDir') removedDirs.add(absolute)
      if (event === 'addDir' && removedDirs.has(absolute)) restart()
      if (event === 'change' || event === 'add') {
        void modifiedAt(absolute).then((seen) => {
          clearTimeout(rechecks.get(absolute))
          rechecks.set(absolute, setTimeout(() => void recheck(absolute, seen), recheckAfterMs))
        })
      }
    })
  let watcher = listen(startWatcher())

  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    request: merge,
    async idle() {
      while (running || pending || timer || rechecks.size > 0 || restarting) await (running ?? new Promise((resolve) => setTimeout(resolve, 5)))
    },
    async close() {
      closed = true
      await restarting
      if (timer) clearTimeout(timer)
      for (const pendingCheck of rechecks.values()) clearTimeout(pendingCheck)
      rechecks.clear()
      pending = undefined
      await watcher.close()
      await running
    },
  }
}

async function modifiedAt(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs
  } catch {
    return undefined
  }
}
