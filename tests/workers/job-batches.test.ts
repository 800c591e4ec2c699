import {describe, expect, it} from 'vitest'
import {batchSize, jobBatches} from '../../scripts/workers/job-batches.ts'

/** A sender that records each batch and answers each job with its double. */
function recorder() {
  const sent: number[][] = []
  const send = async (jobs: number[]) => {
    sent.push(jobs)
    return jobs.map((job) => job * 2)
  }
  return {sent, send}
}

describe('jobBatches', () => {
  it('sends a batch as soon as it is full, and each job gets its own result', async () => {
    const {sent, send} = recorder()
    const batches = jobBatches(3, send)
    const results = [1, 2, 3].map((job) => batches.add(job))
    // Sent at once: before the event loop turns (which sends a batch that is not full).
    await null
    expect(sent).toEqual([[1, 2, 3]])
    expect(await Promise.all(results)).toEqual([2, 4, 6])
  })

  it('sends what waits, without waiting for jobs that do not come', async () => {
    const {sent, send} = recorder()
    const batches = jobBatches(8, send)
    const results = Promise.all([batches.add(1), batches.add(2)])
    expect(sent).toEqual([])
    expect(await results).toEqual([2, 4])
    expect(sent).toEqual([[1, 2]])
  })

  it('splits a run of jobs into full batches and one partial batch', async () => {
    const {sent, send} = recorder()
    const batches = jobBatches(4, send)
    const results = await Promise.all(Array.from({length: 10}, (_, job) => batches.add(job)))
    expect(results).toEqual(Array.from({length: 10}, (_, job) => job * 2))
    expect(sent).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
  })

  it('rejects every job of a batch that failed, and only those', async () => {
    let calls = 0
    const batches = jobBatches(2, async (jobs: number[]) => {
      if (calls++ === 0) throw new Error('the thread ran out of memory')
      return jobs
    })
    const outcomes = await Promise.allSettled([batches.add(1), batches.add(2), batches.add(3), batches.add(4)])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled'])
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe('the thread ran out of memory')
  })

  it('fails the batch, not the process, when sending it throws or comes back short', async () => {
    const throwing = jobBatches(2, (): Promise<number[]> => {
      throw new Error('could not clone the job')
    })
    const thrown = await Promise.allSettled([throwing.add(1), throwing.add(2)])
    expect(thrown.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])

    const short = jobBatches(2, async (jobs: number[]) => jobs.slice(1))
    await expect(Promise.all([short.add(1), short.add(2)])).rejects.toThrow('A batch of 2 jobs came back with 1 results')
  })
})

describe('batchSize', () => {
  it('gives every thread several batches of a small run', () => {
    expect(batchSize(12, 2)).toBe(1)
    expect(batchSize(40, 2)).toBe(5)
  })

  it('stops at eight jobs a batch', () => {
    expect(batchSize(10_000, 2)).toBe(8)
    expect(batchSize(0, 2)).toBe(1)
  })
})
