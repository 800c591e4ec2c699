// Starts `npm run watch` on a fixture site as a reporter would, and waits for what it serves.
import {spawn, type ChildProcess} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const repository = fileURLToPath(new URL('../../', import.meta.url))

export interface WatchProcess {
  url: string
  /** Everything printed so far, on both streams. */
  output(): string
  /** Stops it with Ctrl-C and resolves with its exit code. */
  stop(): Promise<number | null>
}

export async function startWatch(site: string, out: string): Promise<WatchProcess> {
  const child: ChildProcess = spawn(
    path.join(repository, 'node_modules/.bin/tsx'),
    [path.join(repository, 'scripts/watch.ts'), '--site', site, '--out', out, '--port', '0'],
    {cwd: repository, stdio: ['ignore', 'pipe', 'pipe']},
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await waitFor(() => /Preview: (http:\/\/\S+)/.exec(output)?.[1], 20_000, () => output)
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGINT')
      return exited
    },
  }
}

/** Polls until `probe` gives a value: the watcher reacts within milliseconds, but tests must not sleep blindly. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, explain?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms${explain ? `:\n${explain()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export async function fetchText(url: string): Promise<{status: number; body: string}> {
  const response = await fetch(url)
  return {status: response.status, body: await response.text()}
}
