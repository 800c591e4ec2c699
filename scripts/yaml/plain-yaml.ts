// Reads the usual shape of front matter (`key: value` lines; values plain, in double quotes, or lists of them) into
// the data and positions parse-yaml.ts gets from js-yaml, in a tenth of the time: js-yaml's event parser was the
// largest cost of reading a story once its Markdown was fast. At the first sign of anything else (comments, nested
// fields, escapes, single quotes, anchors, multi-line values...) it declines and js-yaml reads the block, so its
// answer, when it gives one, is js-yaml's own (tests/yaml/plain-yaml.test.ts compares them).
import {CORE_SCHEMA, NOT_RESOLVED} from 'js-yaml'
import type {ParsedYaml, YamlPositions, YamlSpan} from './parse-yaml.ts'

// Characters js-yaml refuses in values (its own pattern), and what this reader leaves to it: tabs, carriage
// returns, BOMs. (Lines with U+2028 or U+2029 are declined too: `.` in the patterns below does not match them.)
const nonPrintable = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/
const beyond = /[\t\r\uFEFF]/
const field = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/
const listItem = /^( *)- (.*)$/
// Characters that give a plain value's first character another meaning.
const indicators = '-?:,[]{}#&*!|>\'"%@` '

class Decline extends Error {}

const decline = (): never => {
  throw new Decline()
}

/** js-yaml's parse of `source`, or undefined when the YAML uses more than this reader knows. */
export function parsePlainYaml(source: string): Extract<ParsedYaml, {ok: true}> | undefined {
  if (beyond.test(source) || nonPrintable.test(source)) return undefined
  try {
    return read(source)
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
}

function read(source: string): Extract<ParsedYaml, {ok: true}> | undefined {
  const lines = source.split('\n')
  const starts: number[] = []
  for (let index = 0, at = 0; index < lines.length; at += lines[index]!.length + 1, index++) starts.push(at)
  const isBlank = (index: number) => /^ *$/.test(lines[index]!)

  const data: Record<string, unknown> = {}
  const positions: YamlPositions = {keys: new Map(), values: new Map()}
  for (let index = 0; index < lines.length; index++) {
    if (isBlank(index)) continue
    const match = field.exec(lines[index]!) ?? decline()
    const key = match[1]!
    if (Object.hasOwn(data, key) || key === '__proto__' || !isPlainString(key)) decline()
    const start = starts[index]!
    // The document's mapping, pointed at by its first key.
    if (positions.values.size === 0) positions.values.set('', {start, end: start + 1})
    positions.keys.set(key, {start, end: start + key.length})
    const text = match[2]
    if (text === undefined) {
      // `key:` alone: a list of items below it, each `- value` at one indentation.
      const items: unknown[] = []
      const spans: YamlSpan[] = []
      let indent: string | undefined
      let listStart = 0
      for (let next = index + 1; next < lines.length; next++) {
        if (isBlank(next)) continue
        const item = listItem.exec(lines[next]!)
        if (!item || (indent !== undefined && item[1] !== indent)) break
        if (indent === undefined) {
          indent = item[1]!
          listStart = starts[next]! + indent.length
        }
        const [value, span] = scalar(item[2]!, starts[next]! + indent.length + 2)
        items.push(value)
        spans.push(span)
        index = next
      }
      if (indent === undefined) decline()
      positions.values.set(key, {start: listStart, end: listStart + 1})
      spans.forEach((span, item) => positions.values.set(`${key}.${item}`, span))
      data[key] = items
    } else if (text.startsWith('[')) {
      const valueStart = start + key.length + 2
      const {items, spans} = flowList(text, valueStart)
      positions.values.set(key, {start: valueStart, end: valueStart + 1})
      spans.forEach((span, item) => positions.values.set(`${key}.${item}`, span))
      data[key] = items
    } else {
      const [value, span] = scalar(text, start + key.length + 2)
      positions.values.set(key, span)
      data[key] = value
    }
  }
  if (positions.values.size === 0) return undefined
  return {ok: true, data, positions}
}

/** A value on one line: `"text"` without escapes, or plain text that YAML's core schema reads as a string. */
function scalar(text: string, start: number): [string, YamlSpan] {
  if (text.startsWith('"')) {
    const close = text.indexOf('"', 1)
    if (close !== text.length - 1 || text.includes('\\')) decline()
    return [text.slice(1, -1), {start, end: start + text.length}]
  }
  if (text === '' || indicators.includes(text[0]!) || text.endsWith(' ') || text.endsWith(':') || text.includes(': ') || text.includes(' #')) decline()
  if (!isPlainString(text)) decline()
  return [text, {start, end: start + text.length}]
}

/** `["a", "b"]`: items in double quotes, on one line. */
function flowList(text: string, start: number): {items: string[]; spans: YamlSpan[]} {
  const items: string[] = []
  const spans: YamlSpan[] = []
  let at = 1
  const skipSpaces = () => {
    while (text[at] === ' ') at++
  }
  skipSpaces()
  if (text[at] === ']') at++
  else {
    for (;;) {
      if (text[at] !== '"') decline()
      const close = text.indexOf('"', at + 1)
      if (close === -1) decline()
      const value = text.slice(at + 1, close)
      if (value.includes('\\')) decline()
      items.push(value)
      spans.push({start: start + at, end: start + close + 1})
      at = close + 1
      skipSpaces()
      if (text[at] === ']') {
        at++
        break
      }
      if (text[at] !== ',') decline()
      at++
      skipSpaces()
    }
  }
  if (at !== text.length) decline()
  return {items, spans}
}

/** Whether YAML's core schema leaves a plain scalar a string (rather than null, a boolean or a number). */
function isPlainString(text: string): boolean {
  return CORE_SCHEMA.implicitScalarTags.every((tag) => tag.resolve(text, false, tag.tagName) === NOT_RESOLVED)
}
