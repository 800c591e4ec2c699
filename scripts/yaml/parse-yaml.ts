// Parses YAML with js-yaml's event stream, remembering where every key and value stands so errors can point at them.
import {CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, YAMLException, constructFromEvents, getScalarValue, parseEvents, type Event} from 'js-yaml'
import {parsePlainYaml} from './plain-yaml.ts'

/** Where a key or value stands: offsets into the YAML text, end exclusive. */
export interface YamlSpan {
  start: number
  end: number
}

/** A path into the parsed data: `['in_depth', 0, 'links']`. */
export type DataPath = ReadonlyArray<string | number>

export interface YamlPositions {
  /** The span of the key that holds the value at `path`. */
  keys: Map<string, YamlSpan>
  /** The span of the value at `path`. */
  values: Map<string, YamlSpan>
}

export type ParsedYaml =
  | {ok: true; data: unknown; positions: YamlPositions}
  | {ok: false; reason: string; offset: number}

export function pathKey(path: DataPath): string {
  return path.join('.')
}

export function parseYaml(source: string): ParsedYaml {
  // Most front matter is a few `key: value` lines, read without js-yaml's general machinery.
  return parsePlainYaml(source) ?? parseAnyYaml(source)
}

/** Any YAML, through js-yaml's events. */
export function parseAnyYaml(source: string): ParsedYaml {
  try {
    const events = parseEvents(source, {})
    const second = secondDocumentStart(events)
    if (second !== undefined) {
      return {ok: false, reason: 'a second YAML document starts here: remove the `---` line above it', offset: second}
    }
    // The core schema keeps dates as the strings the reporter wrote; our schema checks them.
    const [data] = constructFromEvents(events, {source, schema: CORE_SCHEMA})
    return {ok: true, data, positions: locate(events, source)}
  } catch (error) {
    if (error instanceof YAMLException) {
      return {ok: false, reason: error.reason, offset: error.mark?.position ?? 0}
    }
    throw error
  }
}

/** Where a second document's content starts, if the YAML holds more than one. */
function secondDocumentStart(events: Event[]): number | undefined {
  let documents = 0
  for (const [index, event] of events.entries()) {
    if (event.type !== EVENT_ID.DOCUMENT) continue
    documents++
    if (documents === 2) {
      const next = events[index + 1]
      const span = next && next.type !== EVENT_ID.DOCUMENT && next.type !== EVENT_ID.POP ? spanOf(next) : undefined
      return span?.start ?? 0
    }
  }
  return undefined
}

type Frame =
  | {kind: 'mapping'; path: Array<string | number>; key: string | undefined}
  | {kind: 'sequence'; path: Array<string | number>; index: number}
  // A mapping or sequence used as a key: nothing inside it is addressable.
  | {kind: 'complex-key'}

function locate(events: Event[], source: string): YamlPositions {
  const positions: YamlPositions = {keys: new Map(), values: new Map()}
  const stack: Frame[] = []

  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) continue
    if (event.type === EVENT_ID.POP) {
      stack.pop()
      continue
    }

    const parent = stack.at(-1)
    let path: Array<string | number>

    if (parent === undefined) {
      path = []
    } else if (parent.kind === 'complex-key') {
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) stack.push({kind: 'complex-key'})
      continue
    } else if (parent.kind === 'sequence') {
      path = [...parent.path, parent.index++]
    } else if (parent.key === undefined) {
      // This node is a key; the next node is its value.
      if (event.type === EVENT_ID.SCALAR) {
        parent.key = getScalarValue(source, event)
        positions.keys.set(pathKey([...parent.path, parent.key]), spanOf(event) ?? {start: 0, end: 0})
      } else {
        parent.key = '(complex key)'
        if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) stack.push({kind: 'complex-key'})
      }
      continue
    } else {
      path = [...parent.path, parent.key]
      parent.key = undefined
    }

    // An empty value (`alt:`) has no text of its own: point at its key, or at its list.
    const span = spanOf(event) ?? positions.keys.get(pathKey(path)) ?? positions.values.get(pathKey(path.slice(0, -1)))
    if (span) positions.values.set(pathKey(path), span)
    if (event.type === EVENT_ID.MAPPING) stack.push({kind: 'mapping', path, key: undefined})
    if (event.type === EVENT_ID.SEQUENCE) stack.push({kind: 'sequence', path, index: 0})
  }

  return positions
}

function spanOf(event: Exclude<Event, {type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP}>): YamlSpan | undefined {
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      if (event.valueStart < 0) return undefined
      // A quoted value starts at its opening quote, which is where the reporter sees it (`""` has no text inside).
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
      return quoted ? {start: event.valueStart - 1, end: event.valueEnd + 1} : {start: event.valueStart, end: event.valueEnd}
    }
    case EVENT_ID.ALIAS:
      return {start: event.anchorStart, end: event.anchorEnd}
    default:
      return {start: event.start, end: event.start + 1}
  }
}
