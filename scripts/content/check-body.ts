// Checks a story's Markdown body for what would break the page (no text, a second headline, unsafe links) and
// collects its links to the rest of the site, which can only be checked once every page is known.
import {randomBytes} from 'node:crypto'
import path from 'node:path'
import type {Nodes as HastNodes, Root as HastRoot} from 'hast'
import type {Nodes, Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {HouseStyle} from '../config/site-config.ts'
import {reportError, reportWarning} from '../problems.ts'
import type {SiteLink, StoryLink} from './article.ts'
import {classifyLink} from './classify-link.ts'
import {pieceAt, placeInHtml, type RawHtml} from './raw-html-place.ts'

/** Link targets a reader's browser may follow: web pages, mail, phone numbers, and paths within the site. */
export function isSafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase()
  return scheme === undefined || ['http', 'https', 'mailto', 'tel'].includes(scheme)
}

export interface BodyContext {
  /** The site's own address: links starting with it are links within the site. */
  siteUrl: string
  quotes: HouseStyle['quotes']
}

export interface BodyFindings {
  siteLinks: SiteLink[]
  storyLinks: StoryLink[]
  /** The body has raw HTML, so it needs the sanitizing pipeline. */
  hasHtml: boolean
}

// Random per process, so no text a reporter writes can look like one; it never reaches a built page. Each ends
// in `-`, so no token is the start of another (`…-1-` is not the start of `…-10-`).
const tokenPrefix = `desk-story-link-${randomBytes(6).toString('hex')}-`
let tokenCount = 0

/** Checks the tree and collects its links; a link to a story's file gets a token in place of its URL. */
export function checkBody(tree: Root, file: VFile, bodyStartPoint: Point, context: BodyContext): BodyFindings {
  const findings: BodyFindings = {siteLinks: [], storyLinks: [], hasHtml: false}
  if (tree.children.length === 0) {
    reportError(file, 'The story has no text: write it below the front matter’s closing `---`', {
      place: bodyStartPoint,
      ruleId: 'empty-body',
    })
  }

  // An explicit stack rather than recursion: a pathological body (thousands of nested quotes) must not overflow it.
  const stack: Nodes[] = [...tree.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    switch (node.type) {
      case 'heading':
        if (node.depth === 1) {
          reportError(file, 'A `#` heading in the story would be a second headline: use `##` for crossheads', {
            place: node.position,
            ruleId: 'heading-level',
            note: 'The headline comes from `title` in the front matter.',
          })
        }
        break
      case 'html':
        findings.hasHtml = true
        break
      case 'text':
        if (context.quotes === 'typographic') checkQuotes(node.value, node.position?.start, file)
        break
      case 'link':
      case 'image':
      case 'definition':
        checkLink(node, file, context, findings)
        break
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return findings
}

function checkLink(node: Nodes & {url: string}, file: VFile, context: BodyContext, findings: BodyFindings): void {
  const place = node.position?.start ?? {line: 1, column: 1}
  if (!isSafeUrl(node.url)) {
    reportError(file, `Link to \`${node.url}\` is not allowed: links must go to web pages (https://…), mail or phone numbers`, {
      place: node.position,
      ruleId: 'unsafe-link',
    })
    return
  }
  // `MAILTO:` works in every browser, but the sanitizer a story with raw HTML goes through compares schemes as written.
  node.url = node.url.replace(/^\s*[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase())
  const target = classifyLink(node.url, context.siteUrl)
  switch (target.kind) {
    case 'external':
      if (target.insecure) warnInsecure(file, node.url, node.position)
      break
    case 'site':
      findings.siteLinks.push({href: node.url, place, written: node.type === 'image' ? 'image' : undefined})
      break
    case 'story':
      if (node.type === 'image') {
        findings.siteLinks.push({href: node.url, place, written: 'image'})
        break
      }
      findings.storyLinks.push({
        href: node.url,
        place,
        target: path.resolve(path.dirname(file.path), target.path),
        suffix: target.suffix,
        token: `${tokenPrefix}${tokenCount++}-`,
      })
      node.url = findings.storyLinks.at(-1)!.token
      break
    case 'same-page':
      break
  }
}

/** Flags the first straight quote in a run of text, for a desk that writes typographic quotes by hand. */
export function checkQuotes(text: string, start: Point | undefined, file: VFile, field?: string): void {
  const index = text.search(/["']/)
  if (index === -1) return
  const quote = text[index]
  const curly = quote === '"' ? '“ ”' : '‘ ’'
  reportWarning(file, `Straight quote \`${quote}\` in ${field ? `\`${field}\`` : 'the text'}: the desk uses typographic quotes (${curly})`, {
    place: start && (field ? start : pointWithin(text, index, start)),
    ruleId: 'straight-quotes',
    note: 'Type them, or set `quotes: smart` under `house_style` in site.yaml to have the build curl them.',
  })
}

/** Where `index` of a text node's value falls in the file (exact unless the text spans escapes or entities). */
function pointWithin(text: string, index: number, start: Point): Point {
  const before = text.slice(0, index).split(/\r\n|\r|\n/)
  return before.length === 1
    ? {line: start.line, column: start.column + index}
    : {line: start.line + before.length - 1, column: before.at(-1)!.length + 1}
}

/**
 * Links in the story's raw HTML, once it is parsed and sanitized: those to pages of this site are checked with
 * the Markdown's, once every page is known. The Markdown's own links, checked above, are told apart by their
 * offsets, which are in none of the HTML's pieces (see raw-html-place.ts); an element the HTML parser copied (a
 * link left open across paragraphs) is checked once.
 */
export function checkHtmlLinks(tree: HastRoot, file: VFile, context: BodyContext, findings: BodyFindings, html: readonly RawHtml[]): void {
  const seen = new Set<string>()
  const stack: HastNodes[] = [...tree.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'element' && (node.tagName === 'a' || node.tagName === 'img')) {
      const url = node.properties[node.tagName === 'a' ? 'href' : 'src']
      const offset = node.position?.start.offset
      const key = `${node.tagName}@${offset}`
      if (typeof url === 'string' && offset !== undefined && pieceAt(offset, html) && !seen.has(key)) {
        seen.add(key)
        checkHtmlLink(url, node.tagName, placeInHtml(offset, html, file), file, context, findings)
      }
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}

function checkHtmlLink(url: string, tagName: 'a' | 'img', place: Point, file: VFile, context: BodyContext, findings: BodyFindings): void {
  const target = classifyLink(url, context.siteUrl)
  if (target.kind === 'site' || (target.kind === 'story' && tagName === 'img')) findings.siteLinks.push({href: url, place, written: tagName === 'a' ? 'html-a' : 'html-img'})
  else if (target.kind === 'story') {
    reportError(file, `Link to \`${url}\` in HTML does not become the story’s address: write it in Markdown, \`[words](${url})\``, {
      place,
      ruleId: 'html-story-link',
    })
  } else if (target.kind === 'external' && target.insecure) {
    warnInsecure(file, url, place)
  }
}

/** The same warning for a plain `http:` link, whether written in Markdown or in HTML. */
function warnInsecure(file: VFile, url: string, place: Point | Position | undefined): void {
  reportWarning(file, `Link to \`${url}\` is not secure: use \`https://\` if the site offers it`, {place, ruleId: 'insecure-link'})
}
