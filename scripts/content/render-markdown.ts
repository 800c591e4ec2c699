// Turns a story's Markdown body into an HTML syntax tree through the unified pipeline (remark-parse, remark-rehype).
import type {Root} from 'hast'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {reportError} from '../problems.ts'
import {checkBody} from './check-body.ts'

// Frozen once: each story reuses the same configured pipeline.
const pipeline = unified().use(remarkParse).use(remarkRehype).freeze()

/**
 * Renders the body that starts at `bodyStart` in `file`. The front matter is blanked out rather than cut
 * off, so every position in the trees (and in every message) is a position in the reporter's file.
 */
export async function renderMarkdown(file: VFile, bodyStart: number): Promise<Root> {
  const text = String(file.value)
  const masked = text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + text.slice(bodyStart)
  const start = location(file).toPoint(bodyStart) ?? {line: 1, column: 1}
  try {
    const markdown = pipeline.parse(masked)
    checkBody(markdown, file, start)
    return (await pipeline.run(markdown, file)) as Root
  } catch (error) {
    // The syntax-tree utilities recurse; thousands of nested quotes or lists exhaust the stack.
    if (!(error instanceof RangeError)) throw error
    reportError(file, 'The story is nested too deeply to publish (quotes or lists inside each other thousands of times): simplify it', {
      place: start,
      ruleId: 'too-deep',
    })
    return {type: 'root', children: []}
  }
}
