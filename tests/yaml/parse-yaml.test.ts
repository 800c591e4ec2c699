import {describe, expect, it} from 'vitest'
import {parseYaml, pathKey} from '../../scripts/yaml/parse-yaml.ts'

const source = `title: Hi
image:
  alt: A crowd
  src:
topics: [Osh, Bishkek]
in_depth:
  - label: Inside Story
    links:
      - title: One
        url: https://example.org/one
`

describe('parseYaml', () => {
  const parsed = parseYaml(source)
  if (!parsed.ok) throw new Error('fixture must parse')
  const at = (map: 'keys' | 'values', path: Array<string | number>) => {
    const span = parsed.positions[map].get(pathKey(path))
    return span && source.slice(span.start, span.end)
  }

  it('keeps dates and plain text as strings (core schema)', () => {
    const result = parseYaml('published: 2010-05-15T15:43:00Z\n')
    expect(result.ok && result.data).toEqual({published: '2010-05-15T15:43:00Z'})
  })

  it('locates every key and scalar value, nested in mappings and lists', () => {
    expect(at('keys', ['title'])).toBe('title')
    expect(at('values', ['title'])).toBe('Hi')
    expect(at('values', ['image', 'alt'])).toBe('A crowd')
    expect(at('values', ['topics', 1])).toBe('Bishkek')
    expect(at('keys', ['in_depth', 0, 'links', 0, 'url'])).toBe('url')
    expect(at('values', ['in_depth', 0, 'links', 0, 'url'])).toBe('https://example.org/one')
  })

  it('places an empty value at its key', () => {
    expect(at('values', ['image', 'src'])).toBe('src')
  })

  it('reports syntax errors with the offset where the parser stopped', () => {
    expect(parseYaml('title: [Hi\nbyline: B\n')).toEqual({ok: false, reason: 'deficient indentation', offset: 11})
    const duplicate = parseYaml('title: A\ntitle: B\n')
    expect(duplicate).toEqual({ok: false, reason: 'duplicated mapping key', offset: 9})
  })
})
