// Writes an HTML syntax tree (hast) out as rehype-stringify does, byte for byte, in a third of the time: with its
// general options, hast-util-to-html looked up and escaped every attribute afresh, a tenth of a cold build. This
// knows the trees a build makes (HTML elements, text, comments, doctypes, our own raw HTML); given anything else
// (SVG, templates, a node it does not know), it hands the whole tree to rehype-stringify.
import type {Nodes, Parents, Properties, Root} from 'hast'
import {find, html} from 'property-information'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'

export interface SerializeOptions {
  /** Writes `raw` nodes as they are (else they are escaped as text). Only for HTML the build made itself. */
  allowDangerousHtml?: boolean | undefined
  /** `<!DOCTYPE html>` rather than `<!doctype html>`. */
  upperDoctype?: boolean | undefined
}

export function serializeHtml(tree: Nodes, options: SerializeOptions = {}): string {
  // One list of parts joined at the end: a string built up by `+=` stays a tree of pieces in memory, and drawn
  // parts are kept for the whole build.
  const parts: string[] = []
  try {
    write(tree, undefined, options, parts)
  } catch (error) {
    if (!(error instanceof Unfamiliar)) throw error
    const root: Root = tree.type === 'root' ? tree : {type: 'root', children: [tree as Root['children'][number]]}
    return unified().use(rehypeStringify, options).stringify(root)
  }
  return parts.join('')
}

class Unfamiliar extends Error {}

// As html-void-elements lists them, which hast-util-to-html uses.
const voids = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

// Characters written as hexadecimal references (`&#x26;`), as stringify-entities writes them, in each context.
const inText = /[<&]/g
const inAttributeValue = /[\0"&'`]/g
const inAttributeName = /[\0\t\n\f\r "&'/<=>`]/g
const inComment = /^>|^->|<!--|-->|--!>|<!-$/g

const reference = (character: string) => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
const escape = (value: string, characters: RegExp) => value.replace(characters, reference)

/** Text as it is written outside `<script>` and `<style>`. */
export const escapeText = (value: string) => escape(value, inText)
/** An attribute's value, to go inside double quotes. */
export const escapeAttribute = (value: string) => escape(value, inAttributeValue)

function write(node: Nodes, parent: Parents | undefined, options: SerializeOptions, parts: string[]): void {
  switch (node.type) {
    case 'root':
      for (const child of node.children ?? []) write(child, node, options, parts)
      return
    case 'element': {
      const {tagName} = node
      // SVG and MathML have their own attribute names and closing rules; a template's content is apart.
      if (tagName === 'svg' || tagName === 'math' || tagName === 'template') throw new Unfamiliar()
      const attributes = serializeAttributes(node.properties)
      parts.push(attributes ? `<${tagName} ${attributes}>` : `<${tagName}>`)
      const first = parts.length
      for (const child of node.children ?? []) write(child, node, options, parts)
      // A void element is left open, unless it has content after all.
      if (voids.has(tagName.toLowerCase()) && parts.slice(first).join('') === '') return
      parts.push(`</${tagName}>`)
      return
    }
    case 'text':
      parts.push(parent?.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style') ? node.value : escape(node.value, inText))
      return
    case 'raw':
      if (options.allowDangerousHtml) parts.push(node.value)
      else write({type: 'text', value: node.value}, parent, options, parts)
      return
    case 'comment':
      parts.push(`<!--${node.value.replace(inComment, (match) => escape(match, /[<>]/g))}-->`)
      return
    case 'doctype':
      parts.push(options.upperDoctype ? '<!DOCTYPE html>' : '<!doctype html>')
      return
    default:
      throw new Unfamiliar()
  }
}

interface AttributeInfo {
  /** The attribute's name, escaped. */
  name: string
  attribute: string
  boolean: boolean
  overloadedBoolean: boolean
  commaSeparated: boolean
}

// property-information's lookup, done once per property name rather than once per attribute written. (For a name
// like `dataa-b`, its own answer alternates from call to call, a global regular expression's leftover state;
// here it is the first answer every time.)
const infos = new Map<string, AttributeInfo>()

function infoOf(key: string): AttributeInfo {
  let info = infos.get(key)
  if (!info) {
    const found = find(html, key)
    info = {
      name: escape(found.attribute, inAttributeName),
      attribute: found.attribute,
      boolean: found.boolean,
      overloadedBoolean: found.overloadedBoolean,
      commaSeparated: found.commaSeparated,
    }
    infos.set(key, info)
  }
  return info
}

function serializeAttributes(properties: Properties | undefined): string {
  let result = ''
  for (const key in properties) {
    const written = serializeAttribute(key, properties[key])
    if (written) result = result ? `${result} ${written}` : written
  }
  return result
}

function serializeAttribute(key: string, given: Properties[string]): string {
  if (given === null || given === undefined) return ''
  const info = infoOf(key)
  let value: unknown = given
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) {
    value = Boolean(value)
  }
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
  if (value === true) return info.name
  const text = Array.isArray(value) ? (info.commaSeparated ? commaSeparated(value) : value.join(' ').trim()) : String(value)
  return `${info.name}="${escape(text, inAttributeValue)}"`
}

/** As comma-separated-tokens writes a list: a final empty entry is kept. */
function commaSeparated(values: unknown[]): string {
  return (values.at(-1) === '' ? [...values, ''] : values).join(', ').trim()
}
