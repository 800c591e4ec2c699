// Lets raw HTML in a story through the desk's allow-list only, telling the reporter what was taken out and where.
import type {Element, Nodes, Root} from 'hast'
import type {Point, Position} from 'unist'
import {defaultSchema, sanitize, type Schema} from 'hast-util-sanitize'
import {find, html} from 'property-information'
import type {VFile} from 'vfile'
import {reportWarning} from '../problems.ts'
import {placeInHtml} from './raw-html-place.ts'

/**
 * GitHub's allow-list (no scripts, styles, forms or event handlers; links only to http, https, mail and
 * phone), plus the elements a news story uses, plus `<iframe>` for embeds. The headline is the only `<h1>`.
 */
export const deskSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => name !== 'h1'), 'abbr', 'cite', 'figure', 'figcaption', 'iframe', 'mark', 'small', 'time', 'u'],
  attributes: {
    ...defaultSchema.attributes,
    abbr: ['title'],
    time: ['dateTime'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy'],
  },
  // `tel:` links, as Markdown allows them; embeds are held to https by dropForeignEmbeds.
  protocols: {...defaultSchema.protocols, href: [...(defaultSchema.protocols?.['href'] ?? []), 'tel']},
  // A style sheet's text would show on the page as words: it goes with its tag.
  strip: [...(defaultSchema.strip ?? []), 'style'],
}

/** Hosts whose embeds are allowed; everything else about an `<iframe>` is left to the schema. */
export interface SanitizeOptions {
  embedHosts: readonly string[]
}

/**
 * A unified transformer for the tree of a story with raw HTML in it. The sanitizer decides what stays;
 * comparing its output with its input (positions survive it) says what went, so the warning can point there.
 */
export function rehypeSanitizeStory(options: SanitizeOptions) {
  return (tree: Root, file: VFile): Root => {
    dropForeignEmbeds(tree, file, options.embedHosts)
    const clean = sanitize(tree, deskSchema) as Root
    reportRemoved(tree, clean, file)
    return clean
  }
}

function dropForeignEmbeds(tree: Root, file: VFile, hosts: readonly string[]): void {
  visitElements(tree, (element, parent) => {
    if (element.tagName !== 'iframe') return
    const src = String(element.properties['src'] ?? '')
    const url = URL.canParse(src) ? new URL(src) : undefined
    const host = url?.host ?? ''
    if (url?.protocol === 'https:' && hosts.includes(host)) return
    if (url && url.protocol !== 'https:' && hosts.includes(host)) {
      reportWarning(file, `Removed an embed from \`${host}\`: embeds must use \`https://\``, {place: placeOf(element, file), ruleId: 'embed-host'})
      parent.children.splice(parent.children.indexOf(element), 1)
      return 'removed'
    }
    const allowed = hosts.length > 0 ? `only embeds from ${hosts.map((h) => `\`${h}\``).join(', ')} are allowed` : 'no embed hosts are allowed'
    reportWarning(file, `Removed an embed from \`${host || src || 'nowhere'}\`: ${allowed}`, {
      place: placeOf(element, file),
      ruleId: 'embed-host',
      note: 'A desk editor can add the host to `embed_hosts` in site.yaml; embeds must use https.',
    })
    parent.children.splice(parent.children.indexOf(element), 1)
    return 'removed'
  })
}

/**
 * Where an element is in the reporter's file. The HTML parser's own lines and columns are those of the HTML
 * without the `> ` or indentation of a quotation or list it sits in (see raw-html-place.ts).
 */
function placeOf(element: Element, file: VFile): Position | Point | undefined {
  const {start, end} = element.position ?? {}
  const pieces = file.data.rawHtml
  if (start?.offset === undefined || !pieces) return element.position
  const from = placeInHtml(start.offset, pieces, file)
  return end?.offset === undefined ? from : {start: from, end: placeInHtml(end.offset, pieces, file)}
}

/** Warns, at each place, about the elements and attributes the sanitizer took out of a story. */
function reportRemoved(before: Root, after: Root, file: VFile): void {
  const kept = new Map<string, Element>()
  visitElements(after, (element) => {
    const key = positionKey(element)
    if (key) kept.set(key, element)
  })
  visitElements(before, (element) => {
    const key = positionKey(element)
    if (!key) return
    const survivor = kept.get(key)
    if (!survivor) {
      const stripped = (deskSchema.strip ?? []).includes(element.tagName)
      reportWarning(
        file,
        stripped
          ? `Removed \`<${element.tagName}>\` and its contents: ${element.tagName === 'script' ? 'scripts cannot run in a story' : 'the desk’s stylesheet styles every story'}`
          : `Removed the \`<${element.tagName}>\` tag (its text is kept): the desk’s pages do not allow it`,
        {place: placeOf(element, file), ruleId: 'unsafe-html', note: 'Write it as Markdown, or ask a desk editor about an embed.'},
      )
      return stripped ? 'removed' : undefined
    }
    const lost = Object.keys(element.properties).filter((name) => element.properties[name] != null && survivor.properties[name] == null)
    if (lost.length > 0) {
      reportWarning(file, `Removed ${lost.map((name) => `\`${attributeName(name)}\``).join(', ')} from \`<${element.tagName}>\`: the desk’s pages do not allow ${lost.length === 1 ? 'it' : 'them'}`, {
        place: placeOf(element, file),
        ruleId: 'unsafe-html',
        note: 'Event handlers, styles and links other than https, http, mail and phone are always removed.',
      })
    }
    return undefined
  })
}

/** Visits elements depth first; a visitor returning `removed` has taken the element out, so its children are skipped. */
function visitElements(tree: Root, visit: (element: Element, parent: Root | Element) => 'removed' | undefined): void {
  // An explicit stack: raw HTML can nest deeper than recursion allows.
  const stack: Array<{node: Nodes; parent: Root | Element}> = [...tree.children].reverse().map((node) => ({node, parent: tree}))
  while (stack.length > 0) {
    const {node, parent} = stack.pop()!
    if (node.type !== 'element') continue
    if (visit(node, parent) === 'removed') continue
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({node: node.children[i]!, parent: node})
  }
}

function positionKey(element: Element): string | undefined {
  const start = element.position?.start
  return start && start.offset !== undefined ? `${element.tagName}@${start.offset}` : undefined
}

/** `onClick` -> `onclick`, `className` -> `class`: the attribute as the reporter wrote it. */
function attributeName(property: string): string {
  return find(html, property).attribute
}
