// Serializes the XML trees the feeds and sitemaps are built as, with the declaration every consumer expects.
import type {Element, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'

export function xmlDocument(element: Element): string {
  const tree: Root = {type: 'root', children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, element]}
  return `${toXml(tree, {closeEmptyElements: true})}\n`
}
