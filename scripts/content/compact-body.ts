// Keeps a rendered story body small: the HTML our own pipeline serialized, in a tree that layouts drop in like any other.
import type {Root} from 'hast'
import {serializeHtml} from '../serialize-html.ts'
import type {} from 'mdast-util-to-hast'

/**
 * A syntax tree with positions takes some 50 times the memory of its HTML. Holding 10,000 of them kept
 * 700 MiB live and made every rebuild pay for garbage collection over it; the serialized body costs a few KB.
 * The `raw` node is written out as it is, which is safe here and only here: its HTML comes from our own
 * Markdown pipeline, which escapes text and drops raw HTML from the story.
 */
export function compactBody(tree: Root): Root {
  return compactHtml(serializeHtml(tree))
}

/** A body already written as HTML by our own code (see plain-html.ts). */
export function compactHtml(html: string): Root {
  return {type: 'root', children: [{type: 'raw', value: html}]}
}
