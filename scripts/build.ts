// `npm run build`: builds a site into its output folder, printing every problem and one summary line.
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {buildSite} from './build-site.ts'
import {defaultCacheDir, describeEmbargoes, readOptions, readSiteOptions, runCommand, siteOptions} from './command-line.ts'
import {countProblems, formatProblems, plural} from './report/format-problems.ts'
import {progressLine} from './report/progress-line.ts'
import {SetupError} from './setup-error.ts'

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url))

const usage = `Usage: npm run build -- [options]

  --site <dir>   folder holding site.yaml and articles/ (default: the repository)
  --out <dir>    folder to write the site to (default: dist/ in the repository)
  --drafts       include stories marked draft: true (for previews; never deploy this)
  --future       include stories whose published time is still to come (for previews; never deploy this)
  --now <time>   build the site as it will be at this time, like 2010-05-16T06:00:00Z (default: now)
  --strict       treat the desk's warnings (house style, removed HTML, insecure links) as errors; CI builds use it
  --cache-dir <dir>  where to keep parsed stories and drawn pages for the next build
                 (default: node_modules/.cache/desk/ in the repository, which Netlify keeps between builds)
  --no-cache     neither use nor keep the cache
  --threads <n>  worker threads for parsing and drawing (default: one per core; 0 for none)
  --timings      say where the build's time went
  --help         show this help`

async function main(): Promise<number> {
  const values = readOptions(
    {
      ...siteOptions,
      out: {type: 'string'},
      'cache-dir': {type: 'string'},
      'no-cache': {type: 'boolean', default: false},
      threads: {type: 'string'},
      timings: {type: 'boolean', default: false},
    },
    usage,
  )
  if (typeof values === 'number') return values

  const started = performance.now()
  const options = readSiteOptions(values, repositoryRoot)
  const outDir = path.resolve(values.out ?? path.join(repositoryRoot, 'dist'))
  const progress = progressLine()
  const result = await buildSite({
    ...options,
    outDir,
    cacheDir: values['no-cache'] ? undefined : path.resolve(values['cache-dir'] ?? defaultCacheDir(repositoryRoot, options.siteDir)),
    threads: readThreads(values.threads),
    onProgress: progress.update,
  })
  progress.end()

  const problems = countProblems(result.files)
  if (problems.errors + problems.warnings > 0) console.error(formatProblems(result.files))

  const shownOut = path.relative(process.cwd(), outDir) || '.'
  if (!result.ok || !result.stats) {
    console.error(
      `\nBuild failed: ${plural(problems.errors, 'error')} in ${plural(problems.files, 'file')}. ` +
        `Nothing was written; ${shownOut}/ still holds the previous build.`,
    )
    return 1
  }

  const {stats} = result
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const warnings = problems.warnings > 0 ? ` (${plural(problems.warnings, 'warning')})` : ''
  const cached =
    stats.parsed < stats.articles || stats.drawn < stats.planned
      ? `; ${plural(stats.parsed, 'story')} parsed and ${plural(stats.drawn, 'file')} drawn, the rest from the cache`
      : ''
  const kept = stats.filesKept > 0 ? `, ${stats.filesKept} of them unchanged and left in place` : ''
  console.log(
    `Built ${plural(stats.articles, 'article')} in ${plural(stats.sections, 'section')}: ` +
      `${plural(stats.pages, 'page')} (${plural(stats.filesWritten, 'file')}${kept}) written to ${shownOut}/ in ${seconds} s${cached}${warnings}`,
  )
  if (values.timings) {
    const {reading, planning, writing} = stats.seconds
    console.log(`Timings: reading stories ${reading.toFixed(2)} s, planning ${planning.toFixed(2)} s, drawing and writing ${writing.toFixed(2)} s`)
  }
  const embargoes = describeEmbargoes(result.embargoes, options.siteDir)
  if (embargoes) console.log(embargoes)
  return 0
}

function readThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new SetupError(`--threads must be a whole number (0 for none), not ${value}`)
  return Number(value)
}

runCommand('build', main)
