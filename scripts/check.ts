// `npm run check`: every check the build makes, and the house style, without writing anything. For editors and CI.
import {fileURLToPath} from 'node:url'
import {planSiteWithCache} from './build-site.ts'
import {isHtmlPage} from './pages/render-page.ts'
import {defaultCacheDir, describeEmbargoes, readOptions, readSiteOptions, runCommand, siteOptions} from './command-line.ts'
import {progressLine} from './report/progress-line.ts'
import {countProblems, formatProblems, plural} from './report/format-problems.ts'

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url))

const usage = `Usage: npm run check -- [options]

  --site <dir>   folder holding site.yaml and articles/ (default: the repository)
  --strict       treat the desk's warnings as errors, as CI builds do
  --drafts       check drafts as strictly as published stories
  --future       include stories whose published time is still to come, as a preview build would
  --now <time>   check the site as it will be at this time, like 2010-05-16T06:00:00Z (default: now)
  --no-cache     read every story afresh, neither using nor keeping the build's cache
  --help         show this help`

async function main(): Promise<number> {
  const values = readOptions({...siteOptions, 'no-cache': {type: 'boolean', default: false}}, usage)
  if (typeof values === 'number') return values

  const options = readSiteOptions(values, repositoryRoot)
  const progress = progressLine()
  const plan = await planSiteWithCache({
    ...options,
    cacheDir: values['no-cache'] ? undefined : defaultCacheDir(repositoryRoot, options.siteDir),
    onProgress: progress.update,
  })
  progress.end()
  const problems = countProblems(plan.files)
  if (problems.errors + problems.warnings > 0) console.error(formatProblems(plan.files))

  const summary = `${plural(problems.errors, 'error')} and ${plural(problems.warnings, 'warning')}`
  if (!plan.content || !plan.pages) {
    console.error(`\nCheck failed: ${summary} in ${plural(problems.files, 'file')}. Fix the errors above, then check again.`)
    return 1
  }
  console.log(
    `Checked ${plural(plan.content.articles.length, 'article')} and ${plural(plan.pages.filter(isHtmlPage).length, 'page')}: ${summary}. Nothing was written.`,
  )
  const embargoes = describeEmbargoes(plan.embargoes, options.siteDir)
  if (embargoes) console.log(embargoes)
  return 0
}

runCommand('check', main)
