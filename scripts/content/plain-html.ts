// Writes the HTML of a plain story's tree (see plain-markdown.ts) straight from Markdown's syntax tree, as
// remark-rehype and serialize-html.ts together would write it: building the HTML tree in between was the largest
// cost left in reading such a story. Any other node (emphasis, code, images, ordered lists...) and it declines.
import type {Nodes, Root} from 'mdast'
import {normalizeUri} from 'micromark-util-sanitize-uri'
import {escapeAttribute, escapeText} from '../serialize-html.ts'

class Decline extends Error {}

/** The body's HTML, or undefined when the tree has more than paragraphs, headings, quotes, lists, text and links. */
export function plainHtml(tree: Root): string | undefined {
  const parts: string[] = []
  try {
    blocks(tree.children, false, parts)
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
  return parts.join('')
}

/** Block nodes one per line, as remark-rehype puts them; a `loose` container also opens and closes with a line. */
function blocks(nodes: readonly Nodes[], loose: boolean, parts: string[]): void {
  if (loose) parts.push('\n')
  nodes.forEach((node, index) => {
    if (index > 0) parts.push('\n')
    write(node, parts)
  })
  if (loose && nodes.length > 0) parts.push('\n')
}

function write(node: Nodes, parts: string[]): void {
  // `data` can rename an element or add attributes (hName, hProperties): a plugin's business, not ours.
  if (node.data !== undefined) throw new Decline()
  switch (node.type) {
    case 'paragraph':
      parts.push('<p>')
      node.children.forEach((child) => write(child, parts))
      parts.push('</p>')
      return
    case 'heading':
      parts.push(`<h${node.depth}>`)
      node.children.forEach((child) => write(child, parts))
      parts.push(`</h${node.depth}>`)
      return
    case 'blockquote':
      parts.push('<blockquote>')
      blocks(node.children, true, parts)
      parts.push('</blockquote>')
      return
    case 'list': {
      if (node.ordered || (typeof node.start === 'number' && node.start !== 1)) throw new Decline()
      // A list is loose when it says so or any item does; then every item's paragraphs keep their <p>.
      const loose = Boolean(node.spread) || node.children.some((item) => (item.spread ?? item.children.length > 1))
      parts.push('<ul>\n')
      node.children.forEach((item, index) => {
        if (index > 0) parts.push('\n')
        if (item.type !== 'listItem' || item.data !== undefined || typeof item.checked === 'boolean') throw new Decline()
        parts.push('<li>')
        item.children.forEach((child, childIndex) => {
          const paragraph = child.type === 'paragraph'
          if (loose || childIndex > 0 || !paragraph) parts.push('\n')
          if (paragraph && !loose) child.children.forEach((phrase) => write(phrase, parts))
          else write(child, parts)
        })
        const last = item.children.at(-1)
        if (last && (loose || last.type !== 'paragraph')) parts.push('\n')
        parts.push('</li>')
      })
      if (node.children.length > 0) parts.push('\n')
      parts.push('</ul>')
      return
    }
    case 'text':
      parts.push(escapeText(trimLines(node.value)))
      return
    case 'link':
      if (node.title !== null && node.title !== undefined) throw new Decline()
      parts.push(`<a href="${escapeAttribute(normalizeUri(node.url))}">`)
      node.children.forEach((child) => write(child, parts))
      parts.push('</a>')
      return
    default:
      throw new Decline()
  }
}

/** As trim-lines does for remark-rehype: spaces and tabs around each line ending go. */
function trimLines(value: string): string {
  return value.includes('\n') || value.includes('\r') ? value.replace(/[ \t]*(\r?\n|\r)[ \t]*/g, '$1') : value
}
