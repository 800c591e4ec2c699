// Where a place the HTML parser gives in a story's raw HTML falls in the reporter's file, for the warnings and
// errors about that HTML (its links, what the sanitizer removed).
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

/** A piece of raw HTML as the Markdown parser passed it on. */
export interface RawHtml {
  /** Offset, line and column of its first character in the file. */
  offset: number
  line: number
  column: number
  /** Without the `> ` or indentation of a quotation or list it is in. */
  value: string
}

declare module 'vfile' {
  interface DataMap {
    /** The story's raw HTML, in file order (see check-body.ts), for the plugins that report on it. */
    rawHtml: RawHtml[]
  }
}

/**
 * Where an offset the HTML parser gives falls in the file. It counts within the HTML as the Markdown parser
 * passed it on, without the `> ` or indentation of a quotation or list, so neither its offsets nor its lines
 * (which it can also lose count of, after a line ending in `&`) are the file's: the line is counted in the
 * HTML's own text, and the column from the end of the file's line, which the HTML's line ends. An offset in
 * none of the pieces (an element the Markdown made) is the file's own.
 */
export function placeInHtml(offset: number, html: readonly RawHtml[], file: VFile): Point {
  let piece: RawHtml | undefined
  for (const candidate of html) {
    if (candidate.offset > offset) break
    piece = candidate
  }
  if (!piece || offset >= piece.offset + piece.value.length) return location(file).toPoint(offset) ?? {line: 1, column: 1}
  const lines = piece.value.slice(0, offset - piece.offset).split(/\r\n|\r|\n/)
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
