import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {reportError, reportWarning} from '../../scripts/problems.ts'
import {countProblems, formatProblems} from '../../scripts/report/format-problems.ts'

describe('formatProblems', () => {
  it('prints file:line:column, severity, message and rule, sorted by file and position, with hints indented', () => {
    const b = new VFile({path: '/desk/articles/b.md'})
    const a = new VFile({path: '/desk/articles/a.md'})
    reportWarning(b, 'Raw HTML is left out', {place: {line: 9, column: 6}, ruleId: 'raw-html'})
    reportError(b, 'Missing `title`', {place: {line: 2, column: 1}, ruleId: 'missing-field'})
    reportError(a, 'Not YAML', {place: {line: 3, column: 4}, ruleId: 'yaml-syntax', note: 'Check the indentation.'})

    expect(formatProblems([b, a], '/desk')).toBe(
      [
        'articles/a.md:3:4: error: Not YAML [yaml-syntax]',
        '    Check the indentation.',
        'articles/b.md:2:1: error: Missing `title` [missing-field]',
        'articles/b.md:9:6: warning: Raw HTML is left out [raw-html]',
      ].join('\n'),
    )
    expect(countProblems([a, b])).toEqual({errors: 2, warnings: 1, files: 2})
  })

  it('still gives a line and column when a problem has no place', () => {
    const file = new VFile({path: '/desk/site.yaml'})
    reportError(file, 'There is no site.yaml', {ruleId: 'missing-config'})
    expect(formatProblems([file], '/desk')).toBe('site.yaml:1:1: error: There is no site.yaml [missing-config]')
  })
})
