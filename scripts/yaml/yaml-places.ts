// Turns offsets in a front matter or config YAML block into line and column in the whole file.
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {pathKey, type DataPath, type YamlPositions, type YamlSpan} from './parse-yaml.ts'

export interface YamlPlaces {
  /** The key holding the value at `path`, or the nearest enclosing value when there is no such key. */
  key(path: DataPath): Position
  /** The value at `path`, or the nearest enclosing value when it is missing. */
  value(path: DataPath): Position
  /** An offset into the YAML text. */
  at(offset: number): Position
}

export function yamlPlaces(file: VFile, yamlStart: number, positions: YamlPositions): YamlPlaces {
  const lines = location(file)
  const toPosition = (span: YamlSpan): Position => {
    const start = lines.toPoint(yamlStart + span.start)
    const end = lines.toPoint(yamlStart + span.end)
    // Offsets always fall inside the file; a fallback keeps a message placed even if they ever do not.
    const fallback = {line: 1, column: 1, offset: 0}
    return {start: start ?? fallback, end: end ?? start ?? fallback}
  }
  const nearest = (map: Map<string, YamlSpan>, path: DataPath): Position => {
    for (let length = path.length; length >= 0; length--) {
      const span = map.get(pathKey(path.slice(0, length))) ?? positions.values.get(pathKey(path.slice(0, length)))
      if (span) return toPosition(span)
    }
    return toPosition({start: 0, end: 0})
  }
  return {
    key: (path) => nearest(positions.keys, path),
    value: (path) => nearest(positions.values, path),
    at: (offset) => toPosition({start: offset, end: offset}),
  }
}

/** `in_depth[0].links[1].url`: how a path reads in a message. */
export function displayPath(path: DataPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('')
}
