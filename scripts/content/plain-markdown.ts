// Reads the usual shape of a story (paragraphs, headings, quotes, lists of one-line items, plain links) straight into
// the tree remark-parse would build, in some 0.05 ms a story against remark-parse's 1 ms: micromark's general
// machinery was over half of a cold build's time. At the first sign of anything else, however small, it declines and the story goes to remark-parse,
// so its answer, when it gives one, is remark-parse's own tree (tests/content/plain-markdown.test.ts compares them).
import type {Blockquote, Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import type {Point, Position} from 'unist'

// Anywhere in a story, these take more than this reader knows: escapes, code, HTML, images, reference definitions,
// character references; tabs (columns), carriage returns (line endings), NUL and byte-order marks (replaced).
const beyondAnywhere = /[\\`<\t\r\0\uFEFF]|!\[|\]:|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/
// In running text (not in a link's address), emphasis too.
const beyondInText = /[*_]/
// An ordered list's marker, which could start a list where a paragraph is expected.
const orderedMarker = /\d{1,9}[.)](?: |\n|$)/y

/** One line's content: the text after its marker (`# `, `> `, `- `), from `start` to `end`. */
interface Line {
  /** Offset of the line's first character. */
  lineStart: number
  start: number
  end: number
}

class Decline extends Error {}

/** The tree remark-parse builds from `text`, or undefined when the text uses more of Markdown than this reader knows. */
export function parsePlainMarkdown(text: string): Root | undefined {
  if (beyondAnywhere.test(text)) return undefined
  try {
    return new PlainReader(text).read()
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
}

const decline = (): never => {
  throw new Decline()
}

class PlainReader {
  readonly text: string
  readonly lineStarts: number[] = []

  constructor(text: string) {
    this.text = text
    this.lineStarts.push(0)
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1)
  }

  read(): Root {
    const children: RootContent[] = []
    const lineCount = this.lineStarts.length
    let index = 0
    while (index < lineCount) {
      if (this.isBlank(index)) {
        index++
        continue
      }
      const start = this.lineStarts[index]!
      const first = this.text.charCodeAt(start)
      let block: RootContent
      if (first === 35 /* # */) {
        block = this.heading(index)
        index++
      } else if (first === 62 /* > */) {
        const lines = this.markedLines(index, '> ')
        block = this.blockquote(lines)
        index += lines.length
      } else if (first === 45 /* - */) {
        // Items apart from each other by blank lines are still one list, a loose one.
        const lines = this.markedLines(index, '- ')
        index += lines.length
        let spread = false
        for (let next = index; next < lineCount; next++) {
          if (this.isBlank(next)) continue
          if (this.text.charCodeAt(this.lineStarts[next]!) !== 45) break
          const more = this.markedLines(next, '- ')
          // One at a time: spread as arguments, a list of 100,000 items would overflow the stack.
          for (const line of more) lines.push(line)
          index = next + more.length
          next = index - 1
          spread = true
        }
        block = this.list(lines, spread)
      } else {
        const lines: Line[] = []
        while (index < lineCount && !this.isBlank(index)) {
          lines.push(this.content(index, this.lineStarts[index]!))
          index++
        }
        block = this.paragraph(lines)
      }
      children.push(block)
    }
    return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end: this.point(this.text.length)}}
  }

  heading(index: number): Heading {
    const lineStart = this.lineStarts[index]!
    let depth = 0
    while (this.text.charCodeAt(lineStart + depth) === 35) depth++
    if (depth > 6 || this.text.charCodeAt(lineStart + depth) !== 32) decline()
    const end = this.lineEnd(index)
    const start = lineStart + depth + 1
    // No closing `#`s, no spaces to trim, no empty heading.
    if (start >= end || this.text.charCodeAt(start) === 32 || this.text.charCodeAt(end - 1) === 35 || this.text.charCodeAt(end - 1) === 32) decline()
    return {
      type: 'heading',
      depth: depth as Heading['depth'],
      children: this.inline([{lineStart, start, end}]),
      position: this.span(lineStart, end),
    }
  }

  /** The run of lines from `index` that start with `marker`; a line after them must be blank. */
  markedLines(index: number, marker: string): Line[] {
    const lines: Line[] = []
    while (index < this.lineStarts.length && !this.isBlank(index)) {
      const lineStart = this.lineStarts[index]!
      if (!this.text.startsWith(marker, lineStart)) decline()
      lines.push(this.content(index, lineStart + marker.length))
      index++
    }
    return lines
  }

  blockquote(lines: Line[]): Blockquote {
    return {type: 'blockquote', children: [this.paragraph(lines)], position: this.span(lines[0]!.lineStart, lines.at(-1)!.end)}
  }

  list(lines: Line[], spread: boolean): List {
    const children = lines.map(
      (line): ListItem => ({
        type: 'listItem',
        spread: false,
        checked: null,
        children: [this.paragraph([line])],
        position: this.span(line.lineStart, line.end),
      }),
    )
    return {type: 'list', ordered: false, start: null, spread, children, position: this.span(lines[0]!.lineStart, lines.at(-1)!.end)}
  }

  paragraph(lines: Line[]): Paragraph {
    return {type: 'paragraph', children: this.inline(lines), position: this.span(lines[0]!.start, lines.at(-1)!.end)}
  }

  /** A line's content from `start`, which must read as the text of a paragraph and nothing else. */
  content(index: number, start: number): Line {
    const end = this.lineEnd(index)
    const first = this.text.charCodeAt(start)
    if (start >= end || this.text.charCodeAt(end - 1) === 32) decline()
    // Characters that can open a block (indented code, headings, quotes, lists, rules, underlines, fences, HTML).
    if (' #>-+*=_`~<'.includes(this.text[start]!)) decline()
    if (first >= 48 && first <= 57) {
      orderedMarker.lastIndex = start
      if (orderedMarker.test(this.text)) decline()
    }
    return {lineStart: this.lineStarts[index]!, start, end}
  }

  /** Text and links, with line endings kept in the text as remark-parse keeps them. */
  inline(lines: Line[]): PhrasingContent[] {
    const children: PhrasingContent[] = []
    let open: {value: string; start: number; end: number} | undefined
    const addText = (start: number, end: number) => {
      if (start === end) return
      const value = this.text.slice(start, end)
      if (beyondInText.test(value)) decline()
      if (open) {
        open.value += value
        open.end = end
      } else open = {value, start, end}
    }
    const closeText = () => {
      if (open) children.push({type: 'text', value: open.value, position: this.span(open.start, open.end)})
      open = undefined
    }
    lines.forEach((line, lineIndex) => {
      if (lineIndex > 0) {
        // The line ending belongs to the text, from the end of the line before to the start of this one.
        const ending = lines[lineIndex - 1]!.end
        if (open) {
          open.value += '\n'
          open.end = ending + 1
        } else open = {value: '\n', start: ending, end: ending + 1}
      }
      let at = line.start
      for (let bracket = this.text.indexOf('[', at); bracket !== -1 && bracket < line.end; bracket = this.text.indexOf('[', bracket + 1)) {
        const link = this.link(bracket, line.end)
        // Without definitions (declined above), brackets that are not a link are text, as in “said [the minister]”.
        if (!link) continue
        addText(at, bracket)
        closeText()
        children.push(link)
        at = link.position!.end.offset!
        bracket = at - 1
      }
      addText(at, line.end)
    })
    closeText()
    return children
  }

  /**
   * `[text](address)` on one line, its text plain and its address without spaces, parentheses or a title; undefined
   * for brackets around plain text, which are not followed by an address.
   */
  link(start: number, lineEnd: number): Link | undefined {
    const close = this.text.indexOf(']', start)
    if (close === -1 || close >= lineEnd || close === start + 1) decline()
    const inner = this.text.indexOf('[', start + 1)
    if (inner !== -1 && inner < close) decline()
    if (this.text.charCodeAt(close + 1) !== 40 /* ( */) return undefined
    const urlStart = close + 2
    const urlEnd = this.text.indexOf(')', urlStart)
    if (urlEnd === -1 || urlEnd >= lineEnd || urlEnd === urlStart) decline()
    const url = this.text.slice(urlStart, urlEnd)
    const label = this.text.slice(start + 1, close)
    if (/[\0-\x20\x7f(]/.test(url) || beyondInText.test(label)) decline()
    return {
      type: 'link',
      title: null,
      url,
      children: [{type: 'text', value: label, position: this.span(start + 1, close)}],
      position: this.span(start, urlEnd + 1),
    }
  }

  isBlank(index: number): boolean {
    for (let at = this.lineStarts[index]!, end = this.lineEnd(index); at < end; at++) {
      if (this.text.charCodeAt(at) !== 32) return false
    }
    return true
  }

  lineEnd(index: number): number {
    const next = this.lineStarts[index + 1]
    return next === undefined ? this.text.length : next - 1
  }

  span(start: number, end: number): Position {
    return {start: this.point(start), end: this.point(end)}
  }

  point(offset: number): Point {
    // Binary search: the line whose start is the last at or before `offset`.
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - this.lineStarts[low]! + 1, offset}
  }
}
