// Prints problems as `file:line:column: severity: message`, the form editors and CI logs link back to the source.
import path from 'node:path'
import type {VFile} from 'vfile'

export interface ProblemCount {
  errors: number
  warnings: number
  /** Files with at least one problem. */
  files: number
}

export function countProblems(files: readonly VFile[]): ProblemCount {
  let errors = 0
  let warnings = 0
  let withProblems = 0
  for (const file of files) {
    if (file.messages.length > 0) withProblems++
    for (const message of file.messages) {
      if (message.fatal) errors++
      else warnings++
    }
  }
  return {errors, warnings, files: withProblems}
}

export interface FormatOptions {
  /** Leave out warnings and hints: watch mode's overlay shows only what stops the build. */
  errorsOnly?: boolean | undefined
}

/** One line per problem (plus an indented hint where there is one), sorted by file and position. */
export function formatProblems(files: readonly VFile[], cwd: string = process.cwd(), options: FormatOptions = {}): string {
  const lines: string[] = []
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const file of sorted) {
    const name = path.relative(cwd, file.path) || file.path
    const messages = [...file.messages].sort(
      (a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1),
    )
    for (const message of messages) {
      if (options.errorsOnly && !message.fatal) continue
      const severity = message.fatal ? 'error' : 'warning'
      const rule = message.ruleId ? ` [${message.ruleId}]` : ''
      lines.push(`${name}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.reason}${rule}`)
      if (message.note && !options.errorsOnly) lines.push(`    ${message.note}`)
    }
  }
  return lines.join('\n')
}

export function plural(count: number, word: string): string {
  if (count === 1) return `${count} ${word}`
  return `${count} ${/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`}`
}
