// Parses a YAML block of a file and checks it against a schema: syntax errors and schema issues both land on the file with positions.
import type {VFile} from 'vfile'
import type * as z from 'zod'
import {reportError} from '../problems.ts'
import {checkSchema} from './check-schema.ts'
import {parseYaml} from './parse-yaml.ts'
import {yamlPlaces, type YamlPlaces} from './yaml-places.ts'

export interface YamlBlock<Schema extends z.ZodType> {
  file: VFile
  /** The YAML text, and where it starts in the file. */
  yaml: string
  yamlStart: number
  schema: Schema
  help: Record<string, string>
  /** How the block is named in messages: `front matter`, `site.yaml`. */
  name: string
}

export interface CheckedYaml<Data> {
  /** The validated data, or undefined when any problem was reported. */
  data?: Data | undefined
  /** The top-level fields that are valid on their own: later checks use them even when other fields are wrong. */
  validFields: Partial<Data>
  /** The data as parsed, before validation: lets callers read a field (`draft`) even when others are wrong. */
  raw: unknown
  places: YamlPlaces
}

export function validateYaml<Schema extends z.ZodType>(block: YamlBlock<Schema>): CheckedYaml<z.output<Schema>> {
  const {file, yaml, yamlStart} = block
  const parsed = parseYaml(yaml)
  if (!parsed.ok) {
    const places = yamlPlaces(file, yamlStart, {keys: new Map(), values: new Map()})
    reportError(file, `The ${block.name} is not valid YAML: ${parsed.reason}`, {
      place: places.at(parsed.offset),
      ruleId: 'yaml-syntax',
      note: 'Check the indentation, and put text containing `: ` or starting with a quote or `[` inside double quotes.',
    })
    return {raw: undefined, validFields: {}, places}
  }

  const places = yamlPlaces(file, yamlStart, parsed.positions)
  if (parsed.data === undefined || parsed.data === null) {
    reportError(file, `The ${block.name} is empty: write its fields as \`key: value\` lines`, {
      place: places.at(0),
      ruleId: 'empty-front-matter',
    })
    return {raw: parsed.data, validFields: {}, places}
  }

  const {data, validFields} = checkSchema({schema: block.schema, data: parsed.data, file, places, help: block.help, name: block.name})
  return {data, validFields, raw: parsed.data, places}
}
