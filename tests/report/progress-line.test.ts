import {describe, expect, it} from 'vitest'
import {progressLine} from '../../scripts/report/progress-line.ts'

function fakeStream(isTTY: boolean) {
  const written: string[] = []
  return {stream: {isTTY, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream, written}
}

describe('the progress line', () => {
  it('counts a long build on a terminal, in place, and clears itself', () => {
    const {stream, written} = fakeStream(true)
    const line = progressLine(stream, {})
    line.update('reading', 1, 10_000)
    line.update('reading', 2, 10_000)
    line.update('drawing', 11_528, 11_528)
    line.end()
    expect(written).toEqual(['\r\x1b[KReading stories: 1 of 10,000', '\r\x1b[KDrawing pages: 11,528 of 11,528', '\r\x1b[K'])
  })

  it('stays out of logs: not in CI, not into a pipe, not for a small site', () => {
    for (const [isTTY, environment, total] of [
      [true, {CI: 'true'}, 10_000],
      [false, {}, 10_000],
      [true, {}, 20],
    ] as const) {
      const {stream, written} = fakeStream(isTTY)
      const line = progressLine(stream, environment)
      line.update('reading', total, total)
      line.end()
      expect(written).toEqual([])
    }
  })
})
