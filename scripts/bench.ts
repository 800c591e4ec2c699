// `npm run bench`: builds a generated archive cold, warm and with one story changed, against the floor of only
// reading and writing the files, then times what reporters wait for in watch mode. Prints figures; asserts nothing.
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {generateArchive, storyText} from './bench/generate-archive.ts'
import {recordPath} from './output/output-record.ts'

const repository = fileURLToPath(new URL('..', import.meta.url))
const chromiumPath = '/usr/bin/chromium'

const {values} = parseArgs({
  options: {
    stories: {type: 'string', default: '1000'},
    edits: {type: 'string', default: '20'},
    runs: {type: 'string', default: '1'},
    watch: {type: 'boolean', default: true},
    'no-watch': {type: 'boolean', default: false},
    // tmpfs when there is one: this machine's disk slows down sharply when many files follow a large delete.
    dir: {type: 'string', default: existsSync('/dev/shm') ? '/dev/shm/desk-bench' : path.join(tmpdir(), 'desk-bench')},
  },
})
const stories = Number(values.stories)
const edits = Number(values.edits)
const runs = Number(values.runs)
const root = path.resolve(values.dir)
const site = path.join(root, 'site')
const cacheDir = path.join(root, 'cache')

console.log(`Generating ${stories} stories in ${site} ...`)
await generateArchive(site, stories)

// Every case runs as CI runs it: a fresh process (`npm run build`'s own command), writing to a folder that does
// not exist yet, as on Netlify. The cases alternate run by run, so a noisy machine slows them alike.
const launch = path.join(repository, 'scripts/launch.mjs')
const edited = storyText(stories - 1, stories)
const editedPath = path.join(site, 'articles', edited.file)
let editCount = 0
// A local build writes into the last `dist/` (Netlify starts without one): that case writes to one folder, kept,
// made afresh by this run (a stopped run's would have no record in the new cache).
const keptOut = path.join(root, 'out-kept')
/** The edit of the newest story the kept folder was last built with. */
let keptEdit = -1
await rm(keptOut, {recursive: true, force: true})
const build = (outDir: string) => [process.execPath, launch, 'build', '--site', site, '--out', outDir, '--cache-dir', cacheDir]
const cases: Array<{name: string; what: string; prepare?: () => Promise<void>; command: (outDir: string) => string[]; out?: string}> = [
  {name: 'floor', what: 'read each story, write one file per story', command: (outDir) => [process.execPath, path.join(repository, 'scripts/bench/floor.mjs'), path.join(site, 'articles'), outDir]},
  {
    name: 'floor, paged',
    what: 'the same, each file at its page’s address (a folder per page, as a build writes)',
    command: (outDir) => [process.execPath, path.join(repository, 'scripts/bench/floor.mjs'), path.join(site, 'articles'), outDir, '--site-shaped'],
  },
  {
    name: 'cold',
    what: 'no cache, nothing built',
    prepare: () => rm(cacheDir, {recursive: true, force: true}),
    command: build,
  },
  {name: 'warm', what: 'cache present, nothing changed', command: build},
  {
    name: 'one changed',
    what: 'cache present, the newest story edited',
    prepare: () => writeFile(editedPath, edited.text.replace(/^title: .*$/m, `title: "Edited for the benchmark, edit ${++editCount}"`)),
    command: build,
  },
  {
    name: 'warm, local',
    what: 'cache present, nothing changed, into the last output (left in place)',
    prepare: async () => {
      // The cold case empties the cache, records and all: the folder is built again into the new one. A folder's
      // files are recorded from the second build into it (see scripts/output/write-site.ts).
      if (!existsSync(recordPath(cacheDir, keptOut))) {
        if (!existsSync(keptOut)) await timeCommand(build(keptOut))
        await timeCommand(build(keptOut))
      } else if (keptEdit !== editCount) {
        // The story was edited since the folder was last built: nothing changed means since then.
        await timeCommand(build(keptOut))
      }
      keptEdit = editCount
    },
    command: build,
    out: keptOut,
  },
  {
    name: 'one changed, local',
    what: 'cache present, the newest story edited, into the last output',
    prepare: async () => {
      await writeFile(editedPath, edited.text.replace(/^title: .*$/m, `title: "Edited for the benchmark, edit ${++editCount}"`))
      keptEdit = editCount
    },
    command: build,
    out: keptOut,
  },
]
// Each build writes to a folder of its own under the bench folder, removed after it.
let outputs = 0
const freshOut = () => path.join(root, `out-${++outputs}`)

const results = new Map<string, Array<{ms: number; peakMiB?: number | undefined; summary: string}>>()
// The first build also makes the launcher's bundle, which is not what is measured here.
await timeCommand([process.execPath, launch, 'build', '--help'])
for (let run = 0; run < runs; run++) {
  for (const benchCase of cases) {
    await benchCase.prepare?.()
    const outDir = benchCase.out ?? freshOut()
    const result = await timeCommand(benchCase.command(outDir))
    if (!benchCase.out) await rm(outDir, {recursive: true, force: true})
    results.set(benchCase.name, [...(results.get(benchCase.name) ?? []), result])
  }
}
await writeFile(editedPath, edited.text)
await rm(keptOut, {recursive: true, force: true})

const floor = median(results.get('floor')!.map((result) => result.ms))
const pagedFloor = median(results.get('floor, paged')!.map((result) => result.ms))
console.log(`\n${stories} stories, median of ${runs} run${runs === 1 ? '' : 's'} (pages per second counts stories' pages)`)
console.log(`${'case'.padEnd(18)} ${'wall'.padStart(8)} ${'pages/s'.padStart(8)} ${'peak'.padStart(9)} ${'x floor'.padStart(8)} ${'x paged'.padStart(8)}  what`)
for (const benchCase of cases) {
  const list = results.get(benchCase.name)!
  const ms = median(list.map((result) => result.ms))
  const peaks = list.map((result) => result.peakMiB).filter((peak) => peak !== undefined)
  const peak = peaks.length > 0 ? `${Math.max(...peaks)} MiB` : '?'
  console.log(
    `${benchCase.name.padEnd(18)} ${seconds(ms).padStart(8)} ${String(Math.round((stories / ms) * 1000)).padStart(8)} ${peak.padStart(9)} ${(ms / floor).toFixed(2).padStart(8)} ${(ms / pagedFloor).toFixed(2).padStart(8)}  ${benchCase.what}`,
  )
}
for (const benchCase of cases.filter((each) => !each.name.startsWith('floor'))) console.log(`  ${benchCase.name}: ${results.get(benchCase.name)!.at(-1)!.summary}`)

if (values.watch && !values['no-watch']) await watchEdits()

async function watchEdits(): Promise<void> {
  const child = spawn(process.execPath, [path.join(repository, 'scripts/launch.mjs'), 'watch', '--site', site, '--out', path.join(root, 'preview'), '--port', '0'], {
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
  const {file, text} = storyText(index, stories)
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

/** Wall time, peak memory through GNU time where the machine has it, and the command's last line. */
async function timeCommand(command: string[]): Promise<{ms: number; peakMiB?: number | undefined; summary: string}> {
  const gnuTime = existsSync('/usr/bin/time')
  const [program, ...args] = gnuTime ? ['/usr/bin/time', '-f', 'peak-kb %M', ...command] : command
  const started = performance.now()
  const child = spawn(program!, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  let stdout = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`${command.join(' ')} failed:\n${stderr}`)
  const kb = /peak-kb (\d+)/.exec(stderr)?.[1]
  return {ms, peakMiB: kb ? Math.round(Number(kb) / 1024) : undefined, summary: stdout.trim().split('\n')[0] ?? ''}
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
