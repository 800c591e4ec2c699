// The plain YAML reader's data and positions are js-yaml's own, or it gives none: checked on written examples, on
// the benchmark's front matter and on random front matter built from what changes YAML's meaning.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {storyText} from '../../scripts/bench/generate-archive.ts'
import {splitFrontMatter} from '../../scripts/content/split-front-matter.ts'
import {parseAnyYaml, type ParsedYaml} from '../../scripts/yaml/parse-yaml.ts'
import {parsePlainYaml} from '../../scripts/yaml/plain-yaml.ts'

/** Everything a caller can see: the data, and the keys' and values' spans in their order. */
function seen(parsed: ParsedYaml | undefined) {
  if (!parsed?.ok) return parsed
  return {data: parsed.data, keys: [...parsed.positions.keys], values: [...parsed.positions.values]}
}

function expectAsJsYaml(source: string) {
  const plain = parsePlainYaml(source)
  expect(plain).toBeDefined()
  expect(seen(plain)).toStrictEqual(seen(parseAnyYaml(source)))
}

describe('parsePlainYaml', () => {
  const readable: Record<string, string> = {
    'plain and quoted values': 'title: "Clashes erupt: one dead"\nsection: central-south-asia\nbyline: Al Jazeera and agencies\n',
    'dates and times, kept as text': 'published: 2010-05-15T15:43:00Z\nmodified: 2010-05-15\n',
    'lists in brackets': 'topics: ["Kyrgyzstan", "Roza Otunbayeva"]\nempty: []\nspaced: [ "a" , "b" ]\n',
    'lists of items, indented or not': 'topics:\n  - Kyrgyzstan\n  - "Kurmanbek Bakiyev"\n\n  - Osh\naliases:\n- /old/\nslug: x\n',
    'blank lines and a missing final line ending': '\n\ntitle: T\n   \nsection: s',
    'text with hashes, colons and dashes inside': 'title: No. 1, a#b, a:b - c [d] {e}\nstandfirst: "a # b: c"\n',
  }
  for (const [name, source] of Object.entries(readable)) {
    it(`reads ${name} as js-yaml does`, () => expectAsJsYaml(source))
  }

  // Each of these would read differently, or not at all, if taken as plain text.
  const declined: Record<string, string> = {
    'numbers, booleans and nulls': 'count: 3\n',
    booleans: 'draft: true\n',
    nulls: 'image: ~\n',
    'keys read as other types': 'true: x\n',
    comments: '# A note\ntitle: T\n',
    'comments after values': 'title: T # note\n',
    'nested fields': 'image:\n  src: a.jpg\n',
    'escapes in quotes': 'title: "a\\"b"\n',
    'single quotes': "title: 'T'\n",
    'values over several lines': 'title: T\n  continued\n',
    'duplicate keys': 'title: A\ntitle: B\n',
    anchors: 'title: &a T\n',
    'plain items in brackets': 'topics: [a, b]\n',
    'a second document': 'title: T\n---\ntitle: U\n',
    tabs: 'title:\tT\n',
    'carriage returns': 'title: T\r\n',
    'empty values': 'title:\nsection: s\n',
    'trailing spaces': 'title: T \n',
    'list items at two indentations': 'topics:\n  - a\n - b\n',
  }
  for (const [name, source] of Object.entries(declined)) {
    it(`leaves ${name} to js-yaml`, () => {
      expect(parsePlainYaml(source)).toBeUndefined()
    })
  }

  it('reads the benchmark’s front matter as js-yaml does', () => {
    for (let index = 0; index < 200; index += 7) {
      const split = splitFrontMatter(storyText(index, 1000).text)
      if (!split.ok) throw new Error('no front matter')
      expectAsJsYaml(split.yaml)
    }
  })

  it('on random front matter, gives js-yaml’s reading or none', () => {
    const word = fc.oneof(
      {weight: 6, arbitrary: fc.constantFrom('a', 'Osh', 'b c', '2010-05-15T15:43:00Z', 'é', '😀', 'a#b', ':', '-', '.', ',', '[', ']')},
      {weight: 1, arbitrary: fc.constantFrom('1', '1.5', '.inf', '0x1F', '1e3', 'true', 'null', '~', 'yes', ' #', ': ', '"', "'", '\\', '{')},
      {weight: 1, arbitrary: fc.constantFrom('&', '*', '!', '|', '>', '%', '@', '`', '?', ' ', '\u00a0', '\u2028', '\u0085', '\t', '\r', '\x01')},
    )
    const plain = fc.array(word, {minLength: 1, maxLength: 4}).map((words) => words.join(''))
    const quoted = plain.map((text) => `"${text}"`)
    const inBrackets = fc.tuple(fc.array(fc.oneof(quoted, plain), {maxLength: 3}), fc.constantFrom(', ', ',', ' , ')).map(([items, comma]) => `[${items.join(comma)}]`)
    const items = fc.tuple(fc.constantFrom('', ' ', '  '), fc.array(fc.oneof(quoted, plain), {maxLength: 3}), fc.constantFrom('\n', '\n\n', '\n  \n'))
    const line = fc.oneof(
      {weight: 6, arbitrary: fc.tuple(fc.constantFrom(': ', ': ', ': ', ':', ' : '), fc.oneof(plain, quoted, inBrackets)).map(([colon, value]) => `${colon}${value}`)},
      {weight: 2, arbitrary: items.map(([indent, values, gap]) => `:\n${values.map((value) => `${indent}- ${value}`).join(gap)}`)},
    )
    const keys = ['title', 'true', 'null', 'x', '__proto__', 'e1']
    const source = fc
      .tuple(fc.array(fc.tuple(fc.constantFrom(...keys), line), {maxLength: 5}), fc.constantFrom('', '\n', '\n\n'))
      .map(([lines, end]) => lines.map(([key, rest], index) => `${key}${index}${rest}`).join('\n') + end)
    let read = 0
    fc.assert(
      fc.property(source, (source) => {
        const plain = parsePlainYaml(source)
        if (plain === undefined) return
        read++
        expect(seen(plain)).toStrictEqual(seen(parseAnyYaml(source)))
      }),
      {numRuns: 3000},
    )
    // Most random front matter is declined, but not all of it, else the property says little.
    expect(read).toBeGreaterThan(150)
  })
})
