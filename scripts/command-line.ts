// What `npm run build` and `npm run check` share as commands: reading options, `--help`, and how they end.
import {parseArgs, type ParseArgsConfig} from 'node:util'
import {SetupError} from './setup-error.ts'

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
