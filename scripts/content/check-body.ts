// Checks a story's Markdown body for what would break the page: no text, a second headline, unsafe links, HTML the pipeline drops.
import type {Nodes, Root} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {reportError, reportWarning} from '../problems.ts'

/** Link targets a reader's browser may follow: web pages, mail, phone numbers, and paths within the site. */
export function isSafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase()
  return scheme === undefined || ['http', 'https', 'mailto', 'tel'].includes(scheme)
}

export function checkBody(tree: Root, file: VFile, bodyStartPoint: Point): void {
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
        reportWarning(file, 'Raw HTML is left out of the page: write it as Markdown instead', {
          place: node.position,
          ruleId: 'raw-html',
        })
        break
      case 'link':
      case 'image':
      case 'definition':
        if (!isSafeUrl(node.url)) {
          reportError(file, `Link to \`${node.url}\` is not allowed: links must go to web pages (https://…), mail or phone numbers`, {
            place: node.position,
            ruleId: 'unsafe-link',
          })
        }
        break
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}
