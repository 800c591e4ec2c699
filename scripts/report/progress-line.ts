// A progress line for long builds on a terminal: rewritten in place, at most a few times a second, and never
// printed into a log (CI, Netlify, a pipe), where only the summary line belongs.
export type ProgressStage = 'reading' | 'drawing'

const labels: Record<ProgressStage, string> = {reading: 'Reading stories', drawing: 'Drawing pages'}

export interface ProgressLine {
  update(stage: ProgressStage, done: number, total: number): void
  /** Clears the line before the summary is printed. */
  end(): void
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, environment: NodeJS.ProcessEnv = process.env): ProgressLine {
  if (!stream.isTTY || environment.CI) return {update() {}, end() {}}
  let last = 0
  let shown = false
  return {
    update(stage, done, total) {
      const now = performance.now()
      // Small sites build before a line would be worth reading; large ones get a fresh figure every 100 ms.
      if (total < 500 || (now - last < 100 && done !== total)) return
      last = now
      shown = true
      stream.write(`\r\x1b[K${labels[stage]}: ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`)
    },
    end() {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
