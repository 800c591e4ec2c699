// `npm run watch`: builds the site, serves it on this machine, and rebuilds what changed on every save, reloading the browser.
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {resolveLayoutsDir} from './pages/load-layouts.ts'
import {countProblems, formatProblems, plural} from './report/format-problems.ts'
import {startPreviewServer} from './serve/preview-server.ts'
import {SetupError} from './setup-error.ts'
import {createLiveReload} from './watch/live-reload.ts'
import {createRebuild, type SourceChanges} from './watch/rebuild-site.ts'
import {watchSources} from './watch/watch-sources.ts'
import {assertOutsideSite} from './output/write-site.ts'

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url))

const usage = `Usage: npm run watch -- [options]

  --site <dir>   folder holding site.yaml and articles/ (default: the repository)
  --out <dir>    folder the preview is written to (default: .preview/ in the repository; never dist/,
                 since a preview includes drafts)
  --port <n>     port to serve on (default: 8080)
  --host <addr>  address to serve on (default: 127.0.0.1, this machine only)
  --help         show this help`

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      site: {type: 'string'},
      out: {type: 'string'},
      port: {type: 'string', default: '8080'},
      host: {type: 'string', default: '127.0.0.1'},
      help: {type: 'boolean', default: false},
    },
    strict: true,
  })
  if (values.help) {
    console.log(usage)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SetupError(`--port must be a number from 0 to 65535, not ${values.port}`)

  const siteDir = path.resolve(values.site ?? repositoryRoot)
  const outDir = path.resolve(values.out ?? path.join(repositoryRoot, '.preview'))
  assertOutsideSite(outDir, siteDir)
  const cwd = process.cwd()

  const rebuild = createRebuild({siteDir, outDir, includeDrafts: true, includeFuture: true})
  const live = createLiveReload(outDir)

  const run = async (changes: SourceChanges, label: string) => {
    const started = performance.now()
    let result
    try {
      result = await rebuild(changes)
    } catch (error) {
      // Whatever goes wrong, the watcher keeps watching: the next save gets another try.
      console.error(`${time()} The rebuild stopped on an unexpected error:`, error)
      live.publish({changedUrls: [], problems: [`The rebuild stopped on an unexpected error: ${(error as Error).message}`]})
      return
    }
    const ms = Math.round(performance.now() - started)
    const problems = countProblems(result.files)
    if (problems.errors + problems.warnings > 0) console.error(formatProblems(result.files, cwd))
    const lines = formatProblems(result.files, cwd, {errorsOnly: true}).split('\n').filter(Boolean)
    if (result.ok) {
      console.log(`${time()} ${label}: ${plural(result.rendered, 'page')} drawn, ${plural(result.written + result.removed, 'file')} changed in ${ms} ms`)
    } else {
      console.error(`${time()} ${plural(problems.errors, 'error')}: the preview keeps the last good version until the next good save.`)
    }
    live.publish({changedUrls: result.changedUrls, problems: result.ok ? [] : lines})
  }

  // Watching starts before the first build, which goes through the same queue: a save made while a large
  // archive builds is built right after it.
  const watcher = watchSources({
    siteDir,
    layoutsDir: await resolveLayoutsDir(siteDir),
    rebuild: (changes) => run(changes, changes.everything && firstBuild ? 'Built the site' : describe(changes, siteDir)),
  })
  let firstBuild = true
  await watcher.ready
  watcher.request({articles: new Set(), everything: true})
  await watcher.idle()
  firstBuild = false

  const server = await startPreviewServer({
    root: await ensureDir(outDir),
    host: values.host,
    port,
    transformHtml: (html, served) => live.transformHtml(html, served),
    handle: (request, response) => live.handle(request, response),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new SetupError(`Port ${port} is in use: try --port ${port + 1}`)
    throw error
  })

  console.log(`Preview: ${server.url}  (watching ${path.relative(cwd, siteDir) || '.'}; Ctrl-C to stop)`)

  const stop = async () => {
    console.log('Stopping after the current rebuild (press Ctrl-C again to stop at once)...')
    // Let a rebuild in progress finish its writes, so nothing is left half-written.
    await watcher.close()
    live.close()
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function describe(changes: SourceChanges, siteDir: string): string {
  if (changes.everything) return 'Configuration or layouts changed'
  const files = [...changes.articles].map((file) => path.relative(siteDir, file))
  return files.length === 1 ? `${files[0]} changed` : `${files.length} stories changed`
}

function time(): string {
  return new Date().toTimeString().slice(0, 8)
}

async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, {recursive: true})
  return dir
}

main().catch((error: unknown) => {
  if (error instanceof SetupError || (error as {code?: string}).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${(error as Error).message}\n`)
  } else {
    console.error('Watch mode stopped on an unexpected error (a bug, not a problem in the stories):', error)
  }
  process.exitCode = 1
})
