// Checks a story's Markdown body for what would break the page: no text, a second headline, HTML the pipeline drops.
import type {Root} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {reportError, reportWarning} from '../problems.ts'

export function checkBody(tree: Root, file: VFile, bodyStartPoint: Point): void {
  if (tree.children.length === 0) {
    reportError(file, 'The story has no text: write it below the front matter’s closing `---`', {
      place: bodyStartPoint,
      ruleId: 'empty-body',
    })
  }

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      reportError(file, 'A `#` heading in the story would be a second headline: use `##` for crossheads', {
        place: node.position,
        ruleId: 'heading-level',
        note: 'The headline comes from `title` in the front matter.',
      })
    }
  }

  visitHtml(tree.children, file)
}

type Content = Root['children'][number]

function visitHtml(nodes: readonly Content[], file: VFile): void {
  for (const node of nodes) {
    if (node.type === 'html') {
      reportWarning(file, 'Raw HTML is left out of the page: write it as Markdown instead', {
        place: node.position,
        ruleId: 'raw-html',
      })
    } else if ('children' in node) {
      visitHtml(node.children as Content[], file)
    }
  }
}
