// A pool of worker threads (piscina) for the build's per-story work, so every core parses and draws.
import {createRequire} from 'node:module'
import {availableParallelism} from 'node:os'
import type {Piscina as PiscinaPool} from 'piscina'
import type {DrawBatch, ParseBatch, ParseResult} from './tasks.ts'

export interface WorkerPool {
  readonly threads: number
  parseStories(batch: ParseBatch): Promise<ParseResult[]>
  drawPages(batch: DrawBatch): Promise<string[]>
  close(): Promise<void>
}

/**
 * Threads for a machine: one per core (the main thread mostly waits for them), but no more than 8: beyond that
 * the main thread cannot keep them busy, and each costs its own heap.
 */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), 8)
}

let warned = false

/** A thread that failed left its work to the main thread; say so once, so a problem with threads is seen. */
export function warnOnce(error: unknown): void {
  if (warned) return
  warned = true
  console.warn(`A worker thread failed, so the main thread did its work: ${(error as Error)?.message ?? String(error)}`)
}

export function startWorkerPool(threads: number): WorkerPool {
  // Loaded when threads start, not with every command: a cached build starts none, and loading piscina took
  // a tenth of its start. Required, not imported, so the threads still start at once, while the caller goes on.
  const {Piscina} = createRequire(import.meta.url)('piscina') as {Piscina: typeof PiscinaPool}
  const pool = new Piscina({
    filename: new URL('./worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // The entry registers the TypeScript loader itself; inheriting the command line's as well would load it twice.
    execArgv: [],
    idleTimeout: 60_000,
    // A thread keeps nothing from one story to the next, yet V8 lets garbage grow its heap to hundreds of
    // megabytes before collecting it. Small heaps keep a 10,000-story build under 400 MiB for a few percent of
    // time; a story too large for them is parsed again on the main thread (see load-stories.ts, draw-pages.ts).
    resourceLimits: {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8},
  })
  return {
    threads,
    parseStories: (batch) => pool.run(batch, {name: 'parseStories'}) as Promise<ParseResult[]>,
    drawPages: (batch) => pool.run(batch, {name: 'drawPages'}) as Promise<string[]>,
    close: () => pool.destroy(),
  }
}
