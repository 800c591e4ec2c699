// Where a place the HTML parser gives in a story's raw HTML falls in the reporter's file, for the warnings and
// errors about that HTML (its links, what the sanitizer removed).
import type {Nodes, Root} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

/** A piece of raw HTML as the Markdown parser passed it on. */
export interface RawHtml {
  /** Line and column of its first character in the file. */
  line: number
  column: number
  /** Without the `> ` or indentation of a quotation or list it is in. */
  value: string
  /** Where the HTML parser counts it from: past the end of the file, apart from every other piece. */
  htmlOffset: number
}

declare module 'vfile' {
  interface DataMap {
    /** The story's raw HTML, in file order (see setHtmlApart), for the plugins that report on it. */
    rawHtml: RawHtml[]
  }
}

/**
 * Gives each piece of raw HTML in the tree offsets of its own, past the end of the file, for the HTML parser to
 * count from. Its value is not the file's text (a quotation's `> ` and a list's indentation are gone, a tab may
 * have become spaces), so offsets counted in it would run into the next piece's, or into the Markdown's own
 * elements after it; apart, every offset the parser gives names one piece, or none (an element the Markdown made).
 */
export function setHtmlApart(tree: Root, file: VFile): RawHtml[] {
  const pieces: RawHtml[] = []
  let next = String(file.value).length + 1
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'html' && node.position?.start.offset !== undefined) {
      const {start, end} = node.position
      pieces.push({line: start.line, column: start.column, value: node.value, htmlOffset: next})
      node.position = {start: {...start, offset: next}, end: {...end, offset: next + node.value.length}}
      next += node.value.length + 1
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return pieces
}

/**
 * Where an offset the HTML parser gives falls in the file: its piece is the one it was counted in (see
 * setHtmlApart); the line is counted in the HTML's own text (the parser can also lose count of lines, after a
 * line ending in `&`), and the column from the end of the file's line, which the HTML's line ends. An offset
 * in no piece is the file's own.
 */
export function placeInHtml(offset: number, html: readonly RawHtml[], file: VFile): Point {
  const piece = pieceAt(offset, html)
  if (!piece) return location(file).toPoint(offset) ?? {line: 1, column: 1}
  const lines = piece.value.slice(0, offset - piece.htmlOffset).split(/\r\n|\r|\n/)
  const column = lines.at(-1)!.length
  if (lines.length === 1) return {line: piece.line, column: piece.column + column}
  const line = piece.line + lines.length - 1
  const fileLine = String(file.value).split(/\r\n|\r|\n/)[line - 1] ?? ''
  const htmlLine = piece.value.split(/\r\n|\r|\n/)[lines.length - 1] ?? ''
  // The line's text after its indentation is the same in both; the indentation may not be (a tab, in part
  // taken by a list item, is passed on as spaces).
  const indent = htmlLine.length - htmlLine.trimStart().length
  const textStart = Math.max(0, fileLine.length - (htmlLine.length - indent))
  return {line, column: textStart + Math.max(0, column - indent) + 1}
}

/** The piece of raw HTML the parser counted `offset` in, or undefined for an offset of the Markdown's own. */
export function pieceAt(offset: number, html: readonly RawHtml[]): RawHtml | undefined {
  return html.find((piece) => offset >= piece.htmlOffset && offset <= piece.htmlOffset + piece.value.length)
}
