// Records problems on a story's (or the config's) VFile, so every stage reports the same way and the build decides the exit code once.
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'

export interface ProblemOptions {
  /** Where the problem is: a point or a range in the file. */
  place?: Point | Position | undefined
  /** A stable name for the rule, e.g. `unknown-field`, so messages can be searched and tested. */
  ruleId: string
  /** What to do about it, when the reason alone does not say. */
  note?: string | undefined
}

const source = 'desk'

/** A problem that stops the build. */
export function reportError(file: VFile, reason: string, options: ProblemOptions): void {
  const message = file.message(reason, {place: options.place, ruleId: options.ruleId, source})
  message.fatal = true
  if (options.note) message.note = options.note
}

/** A problem worth telling the reporter about that does not stop the build. */
export function reportWarning(file: VFile, reason: string, options: ProblemOptions): void {
  const message = file.message(reason, {place: options.place, ruleId: options.ruleId, source})
  message.fatal = false
  if (options.note) message.note = options.note
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}
