// Checks parsed YAML against a zod schema and reports every issue at the key or value it concerns, in words a reporter can act on.
import type {VFile} from 'vfile'
import * as z from 'zod'
import {reportError} from '../problems.ts'
import {didYouMean} from './did-you-mean.ts'
import type {DataPath} from './parse-yaml.ts'
import {displayPath, type YamlPlaces} from './yaml-places.ts'

export interface SchemaCheck<Schema extends z.ZodType> {
  schema: Schema
  data: unknown
  file: VFile
  places: YamlPlaces
  /** What each field is, keyed by its path without list indexes (`image.alt`, `in_depth.links.url`). */
  help: Record<string, string>
  /** How the whole block is named in messages: `front matter`, `site.yaml`. */
  name: string
}

export interface SchemaResult<Data> {
  /** The validated data, when there was no issue. */
  data?: Data | undefined
  /**
   * The top-level fields that are valid on their own, even when others are not, so that later checks (an
   * unknown section, a missing photo) still run and every problem is reported in one run.
   */
  validFields: Partial<Data>
}

export function checkSchema<Schema extends z.ZodType>(check: SchemaCheck<Schema>): SchemaResult<z.output<Schema>> {
  const result = check.schema.safeParse(check.data, {reportInput: true})
  if (result.success) return {data: result.data, validFields: result.data as Partial<z.output<Schema>>}
  for (const issue of result.error.issues) reportIssue(check, issue)
  return {validFields: validFieldsOf(check.schema, check.data) as Partial<z.output<Schema>>}
}

function validFieldsOf(schema: z.ZodType, data: unknown): Record<string, unknown> {
  const valid: Record<string, unknown> = {}
  const object = unwrap(schema)
  if (!(object instanceof z.ZodObject) || typeof data !== 'object' || data === null || Array.isArray(data)) return valid
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const result = field.safeParse((data as Record<string, unknown>)[key])
    if (result.success && result.data !== undefined) valid[key] = result.data
  }
  return valid
}

function reportIssue(check: SchemaCheck<z.ZodType>, issue: z.core.$ZodIssue): void {
  const {file, places} = check
  const path = issue.path as DataPath
  const name = displayPath(path)
  const help = check.help[path.filter((segment) => typeof segment === 'string').join('.')]
  const input = 'input' in issue ? issue.input : undefined

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(check.schema, path)
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known)
        const where = path.length > 0 ? ` in \`${name}\`` : ''
        reportError(
          file,
          suggestion
            ? `Unknown field \`${key}\`${where}: did you mean \`${suggestion}\`?`
            : `Unknown field \`${key}\`${where}: the fields here are ${known.map((k) => `\`${k}\``).join(', ')}`,
          {place: places.key([...path, key]), ruleId: 'unknown-field'},
        )
      }
      return
    }
    case 'invalid_type': {
      const last = path.at(-1)
      if (input === undefined && typeof last === 'string') {
        const parent = path.length > 1 ? ` under \`${displayPath(path.slice(0, -1))}\`` : ''
        reportError(file, `Missing \`${name}\`: add \`${last}:\`${parent}${help ? ` with ${help}` : ''}`, {
          place: places.value(path.slice(0, -1)),
          ruleId: 'missing-field',
        })
      } else if (input === null && issue.expected === 'string') {
        reportError(file, `\`${name}\` is empty: write ${help ?? 'a value'}`, {
          place: places.value(path),
          ruleId: 'empty-field',
        })
      } else if (issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
        // YAML reads `title: 1984` as a number: quotes make it text.
        reportError(file, `\`${name}\` must be text: put it in quotes, \`${displayKey(path)}: "${String(input)}"\``, {
          place: places.value(path),
          ruleId: 'wrong-type',
        })
      } else {
        const subject = path.length > 0 ? `\`${name}\`` : `The ${check.name}`
        reportError(file, `${subject} must be ${describeExpected(issue.expected)}, not ${describeValue(input)}`, {
          place: places.value(path),
          ruleId: 'wrong-type',
        })
      }
      return
    }
    case 'too_small': {
      const reason =
        issue.origin === 'array'
          ? `\`${name}\` is empty: list at least ${issue.minimum} ${help ? `(${help})` : 'item'}`
          : `\`${name}\` is empty: write ${help ?? 'a value'}`
      reportError(file, reason, {place: places.value(path), ruleId: 'empty-field'})
      return
    }
    default:
      // Format and refinement checks carry their own wording, written next to the schema.
      reportError(file, `\`${name}\` ${issue.message}`, {place: places.value(path), ruleId: 'invalid-value'})
  }
}

/** How the field is written in YAML: its key, or `-` for a list item. */
function displayKey(path: DataPath): string {
  const last = path.at(-1)
  return typeof last === 'string' ? last : '-'
}

/** The field names the schema accepts at `path`, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: DataPath): string[] {
  let current: z.ZodType | undefined = unwrap(schema)
  for (const segment of path) {
    if (current instanceof z.ZodArray && typeof segment === 'number') current = unwrap(current.element as z.ZodType)
    else if (current instanceof z.ZodObject && typeof segment === 'string') current = unwrap(current.shape[segment] as z.ZodType | undefined)
    else return []
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : []
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType
  return current
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text'
    case 'boolean':
      return '`true` or `false`'
    case 'array':
      return 'a list (lines starting with `- `)'
    case 'object':
      return 'a group of fields (`key: value` lines)'
    default:
      return `a ${expected}`
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a group of fields'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'boolean') return `\`${value}\``
  return `the ${typeof value} \`${String(value)}\``
}
