// What `npm run build` and `npm run check` share as commands: reading options, `--help`, and how they end.
import {createHash} from 'node:crypto'
import path from 'node:path'
import {parseArgs, type ParseArgsConfig} from 'node:util'
import type {Embargoes} from './content/load-content.ts'
import {plural} from './report/format-problems.ts'
import {SetupError} from './setup-error.ts'
import {isIsoDateTime} from './yaml/field-schemas.ts'

type Options = NonNullable<ParseArgsConfig['options']>
type Values<T extends Options> = ReturnType<typeof parseArgs<{options: T; strict: true}>>['values']

/**
 * The parsed options (`--help` is added to them), or the exit code when there is nothing to run: 0 after
 * `--help`, 2 for a wrong option.
 */
export function readOptions<T extends Options>(options: T, usage: string): Values<T> | number {
  try {
    const {values} = parseArgs({options: {...options, help: {type: 'boolean'}}, strict: true})
    if ((values as {help?: boolean}).help) {
      console.log(usage)
      return 0
    }
    return values as Values<T>
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)
    return 2
  }
}

/** Runs a command to its exit code: a setup problem is told plainly, anything else is a bug and says so. */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      if (error instanceof SetupError) console.error(error.message)
      else {
        console.error(`The ${name} stopped on an unexpected error (a bug in the build, not in the stories):`)
        console.error(error)
      }
      process.exitCode = 1
    },
  )
}

/** The options `npm run build` and `npm run check` share, as the command line spells them. */
export const siteOptions = {
  site: {type: 'string'},
  drafts: {type: 'boolean', default: false},
  future: {type: 'boolean', default: false},
  now: {type: 'string'},
  strict: {type: 'boolean', default: false},
} as const satisfies Options

/** Those options as the build takes them, with the site's address from the environment. */
export function readSiteOptions(
  values: {site?: string | undefined; drafts: boolean; future: boolean; now?: string | undefined; strict: boolean},
  defaultSite: string,
) {
  return {
    siteDir: path.resolve(values.site ?? defaultSite),
    includeDrafts: values.drafts,
    includeFuture: values.future,
    now: readNow(values.now),
    siteUrl: siteUrlFromEnvironment(),
    strict: values.strict,
  }
}

/** `--now`: the moment to build the site for, to preview it as it will be (embargoes lifted) or to repeat a build. */
export function readNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const time = Date.parse(value)
  if (!isIsoDateTime(value) || Number.isNaN(time)) {
    throw new SetupError(`--now must be a date and time with a time zone, like 2010-05-15T18:00:00Z, not ${value}`)
  }
  return time
}

/**
 * Netlify sets `URL` to the site's main address. Canonical links, feeds and sitemaps use it over site.yaml's
 * `url`, so a site served from its own domain links to that domain. Deploy previews get the same `URL`, so
 * even their pages name the real site as canonical.
 */
export function siteUrlFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = environment.URL?.trim()
  if (!value) return undefined
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol) || new URL(value).pathname !== '/') {
    throw new SetupError(`The URL environment variable must be the site's address, like https://example.org, not ${value}: fix or unset it`)
  }
  return new URL(value).origin
}

/**
 * The cache lives with the repository's packages, where Netlify keeps it between deploys; one folder per site,
 * so building another site (a test's, the benchmark's) never evicts this one's.
 */
export function defaultCacheDir(repositoryRoot: string, siteDir: string): string {
  const site = createHash('sha256').update(path.resolve(siteDir)).digest('hex').slice(0, 12)
  return path.join(repositoryRoot, 'node_modules/.cache/desk', `site-${site}`)
}

/** What a scheduled deploy needs to know: when the next story under embargo may go out. */
export function describeEmbargoes(embargoes: Embargoes, siteDir: string): string | undefined {
  if (!embargoes.next) return undefined
  const next = path.relative(siteDir, embargoes.next.sourcePath)
  return (
    `${plural(embargoes.count, 'story')} under embargo, left out. The next lifts at ${embargoes.next.published.iso} (${next}): ` +
    'schedule a deploy for then.'
  )
}
