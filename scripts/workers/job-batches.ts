// Gathers single jobs for the worker threads into batches, so a thread spends its time working rather than waiting
// for its next job.

/**
 * Each job sent to a thread is a round trip: the thread posts its result, waits until the main thread reads it
 * and posts the next job, then wakes. On a busy 2-core machine that wait cost about a quarter of the threads' time
 * when each job was one story. A batch of a few makes it one wait per batch.
 */
export interface JobBatches<Job, Result> {
  /** Resolves with the job's own result, or rejects with its batch's failure. */
  add(job: Job): Promise<Result>
}

/**
 * Jobs are sent once `size` are waiting, and otherwise before the main thread next waits for I/O or a timer,
 * so a job never waits for others that will not come.
 */
export function jobBatches<Job, Result>(size: number, send: (jobs: Job[]) => Promise<Result[]>): JobBatches<Job, Result> {
  let waiting: Array<{job: Job; resolve: (result: Result) => void; reject: (error: unknown) => void}> = []
  let scheduled = false

  const flush = () => {
    scheduled = false
    if (waiting.length === 0) return
    const batch = waiting
    waiting = []
    // Through a promise, so a sender that throws fails its batch rather than leaving it unsettled.
    Promise.resolve()
      .then(() => send(batch.map((entry) => entry.job)))
      .then((results) => {
        if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} jobs came back with ${results.length} results`)
        batch.forEach((entry, index) => entry.resolve(results[index]!))
      })
      .catch((error: unknown) => batch.forEach((entry) => entry.reject(error)))
  }

  return {
    add(job) {
      return new Promise<Result>((resolve, reject) => {
        waiting.push({job, resolve, reject})
        if (waiting.length >= size) flush()
        else if (!scheduled) {
          scheduled = true
          setImmediate(flush)
        }
      })
    },
  }
}

/** Jobs a batch: enough to make a thread's wait for its next batch rare, few enough that every thread has some. */
export function batchSize(jobs: number, threads: number): number {
  return Math.max(1, Math.min(8, Math.floor(jobs / (threads * 4))))
}
