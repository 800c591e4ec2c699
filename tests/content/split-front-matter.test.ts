import {describe, expect, it} from 'vitest'
import {splitFrontMatter} from '../../scripts/content/split-front-matter.ts'

describe('splitFrontMatter', () => {
  it('returns the YAML between the fences with offsets into the file', () => {
    const text = '---\ntitle: A\n---\nBody\n'
    const split = splitFrontMatter(text)
    expect(split).toEqual({ok: true, yaml: 'title: A\n', yamlStart: 4, bodyStart: 17})
    if (split.ok) expect(text.slice(split.bodyStart)).toBe('Body\n')
  })

  it('accepts Windows line endings and `...` as the closing fence', () => {
    const split = splitFrontMatter('---\r\ntitle: A\r\n...\r\nBody')
    expect(split.ok && split.yaml).toBe('title: A\r\n')
  })

  it('says the front matter is missing when the file does not open with a fence', () => {
    expect(splitFrontMatter('title: A\n---\n')).toEqual({ok: false, problem: 'missing'})
    expect(splitFrontMatter('')).toEqual({ok: false, problem: 'missing'})
  })

  it('says the front matter is unclosed when no closing fence follows', () => {
    expect(splitFrontMatter('---\ntitle: A\nBody\n')).toEqual({ok: false, problem: 'unclosed'})
  })

  it('does not take a horizontal rule inside a line as a fence', () => {
    const split = splitFrontMatter('---\ntitle: a --- b\n---\n')
    expect(split.ok && split.yaml).toBe('title: a --- b\n')
  })
})
