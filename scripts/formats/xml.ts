// Serializes the XML trees the feeds and sitemaps are built as, with the declaration every consumer expects.
import type {Element, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'

/**
 * Characters XML 1.0 cannot carry, even escaped: control characters, lone surrogates, U+FFFE and U+FFFF.
 * A headline can hold one (a YAML escape, a paste from a PDF), and a single one makes a strict feed reader
 * refuse the whole feed; xast-util-to-xml drops only some of them.
 */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function xmlDocument(element: Element): string {
  const tree: Root = {type: 'root', children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, element]}
  // xast-util-to-xml leaves `>` as it is, but XML forbids `]]>` outside a CDATA section (the build writes none).
  return `${toXml(tree, {closeEmptyElements: true}).replace(notXml, '').replaceAll(']]>', ']]&gt;')}\n`
}
