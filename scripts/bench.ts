// `npm run bench`: builds a generated archive and times what reporters wait for in watch mode. Prints figures; asserts nothing.
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {generateArchive, storyText} from './bench/generate-archive.ts'

const repository = fileURLToPath(new URL('..', import.meta.url))
const tsx = path.join(repository, 'node_modules/.bin/tsx')
const chromiumPath = '/usr/bin/chromium'

const {values} = parseArgs({
  options: {
    stories: {type: 'string', default: '1000'},
    edits: {type: 'string', default: '20'},
    // tmpfs when there is one: this machine's disk slows down sharply when many files follow a large delete.
    dir: {type: 'string', default: existsSync('/dev/shm') ? '/dev/shm/desk-bench' : path.join(tmpdir(), 'desk-bench')},
  },
})
const stories = Number(values.stories)
const edits = Number(values.edits)
const root = path.resolve(values.dir)
const site = path.join(root, 'site')

console.log(`Generating ${stories} stories in ${site} ...`)
await generateArchive(site, stories)

// Cold build, as CI runs it: a fresh process, output folder absent.
await rm(path.join(root, 'out'), {recursive: true, force: true})
const cold = await timeCommand([tsx, path.join(repository, 'scripts/build.ts'), '--site', site, '--out', path.join(root, 'out')])
console.log(`\ncold build        ${seconds(cold.ms)}  ${Math.round((stories / cold.ms) * 1000)} stories/s  peak ${cold.peakMiB ?? '?'} MiB`)

await watchEdits()

async function watchEdits(): Promise<void> {
  const child = spawn(tsx, [path.join(repository, 'scripts/watch.ts'), '--site', site, '--out', path.join(root, 'preview'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const started = performance.now()
  while (!/Preview: (\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`watch mode exited:\n${output}`)
    await sleep(20)
  }
  const url = /Preview: (\S+)/.exec(output)![1]!
  console.log(`watch: first build and serve ${seconds(performance.now() - started)}`)

  // The story edited: the newest, whose change also redraws the front page, its section and its topics.
  const index = stories - 1
  const {file, text} = storyText(index)
  const source = path.join(site, 'articles', file)
  const match = /^published: (\d{4})-(\d{2})-(\d{2})/m.exec(text)!
  const section = /^section: (.+)$/m.exec(text)![1]!
  const pageUrl = `${section}/${match[1]}/${match[2]}/${match[3]}/${path.basename(file, '.md')}/`
  const output_ = path.join(root, 'preview', pageUrl, 'index.html')

  const browser = existsSync(chromiumPath) ? await openBrowser() : undefined
  const page = browser ? await browser.newPage() : undefined
  if (page) {
    const connected = page.waitForResponse((response) => response.url().includes('/__desk/events'))
    await page.goto(url + pageUrl)
    await connected
  }

  const written: number[] = []
  const reloaded: number[] = []
  const drawn: number[] = []
  for (let edit = 1; edit <= edits; edit++) {
    const headline = `Edited headline number ${edit}`
    const load = page?.waitForEvent('load', {timeout: 10_000})
    const before = output.length
    const t0 = performance.now()
    await writeFile(source, text.replace(/^title: .*$/m, `title: ${JSON.stringify(headline)}`))
    while (!(await readFile(output_, 'utf8').catch(() => '')).includes(headline)) await sleep(1)
    written.push(performance.now() - t0)
    if (load) {
      await load
      reloaded.push(performance.now() - t0)
    }
    while (!/pages? drawn/.test(output.slice(before))) await sleep(1)
    drawn.push(Number(/(\d+) pages? drawn/.exec(output.slice(before))![1]))
    // Let the watcher's re-check window pass so the next edit is a fresh save, as a reporter's would be.
    await sleep(150)
  }

  console.log(`\n${edits} edits of one story in an archive of ${stories} (pages drawn per edit: ${median(drawn)})`)
  console.log(`  save -> page written      median ${ms(median(written))}  worst ${ms(Math.max(...written))}`)
  if (reloaded.length > 0) console.log(`  save -> browser reloaded  median ${ms(median(reloaded))}  worst ${ms(Math.max(...reloaded))}`)
  else console.log('  save -> browser reloaded  not measured: no /usr/bin/chromium')

  await browser?.close()
  child.kill('SIGINT')
}

async function openBrowser() {
  const {chromium} = await import('playwright-core')
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Wall time, and peak memory through GNU time where the machine has it. */
async function timeCommand(command: string[]): Promise<{ms: number; peakMiB?: number | undefined}> {
  const gnuTime = existsSync('/usr/bin/time')
  const [program, ...args] = gnuTime ? ['/usr/bin/time', '-f', 'peak-kb %M', ...command] : command
  const started = performance.now()
  const child = spawn(program!, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`${command.join(' ')} failed:\n${stderr}`)
  const kb = /peak-kb (\d+)/.exec(stderr)?.[1]
  return {ms, peakMiB: kb ? Math.round(Number(kb) / 1024) : undefined}
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(2)} s`
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}

function sleep(duration: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, duration))
}
