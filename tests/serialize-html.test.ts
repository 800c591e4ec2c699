// serializeHtml writes what rehype-stringify writes: for every tree a build of a varied site serializes, and for
// random trees of elements, attributes, text, comments and raw HTML.
import fc from 'fast-check'
import type {Element, ElementContent, Nodes, Properties, Root} from 'hast'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {describe, expect, it, vi} from 'vitest'
import {buildSite} from '../scripts/build-site.ts'
import {serializeHtml, type SerializeOptions} from '../scripts/serialize-html.ts'
import {makeSite, siteYaml, story} from './helpers/fixture-site.ts'

const serialized = vi.hoisted(() => [] as Array<{tree: unknown; options: unknown; html: string}>)

vi.mock('../scripts/serialize-html.ts', async (original) => {
  const real = await original<typeof import('../scripts/serialize-html.ts')>()
  return {
    ...real,
    serializeHtml: (tree: Nodes, options?: SerializeOptions) => {
      const html = real.serializeHtml(tree, options)
      serialized.push({tree: structuredClone(tree), options, html})
      return html
    },
  }
})

function rehypeStringified(tree: Nodes, options: SerializeOptions = {}): string {
  const root: Root = tree.type === 'root' ? tree : {type: 'root', children: [tree as ElementContent]}
  return unified().use(rehypeStringify, options).stringify(root)
}

const richStory = `Plain text with *emphasis*, **strong**, \`code\`, a [link](https://example.org/a?b=1&c="2") and an
image ![A map of the region](https://example.org/map.png "The region").

1. An ordered
2. list

- A loose

- list

> A quote with a [link](/central-south-asia/)

<table><tr><td>A table, with <abbr title="United Nations">UN</abbr> figures</td></tr></table>

---

Fish &amp; chips, "quotes" and 'apostrophes' <br> and a line\\
break.
`

describe('serializeHtml', () => {
  it('writes every page, story and part of a build as rehype-stringify does', async () => {
    const siteDir = await makeSite({
      'site.yaml': siteYaml,
      'articles/2010/05/plain.md': story({title: 'Plain story'}),
      'articles/2010/05/rich.md': story({title: 'Rich story', topics: '[Kyrgyzstan, Osh]'}, richStory),
    })
    const result = await buildSite({siteDir, outDir: `${siteDir}/dist`, threads: 0, cacheDir: undefined})
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
    // Pages, story bodies and the parts drawn once.
    expect(serialized.filter((entry) => entry.html.startsWith('<!DOCTYPE html>')).length).toBeGreaterThan(5)
    expect(serialized.some((entry) => entry.html.includes('<em>emphasis</em>'))).toBe(true)
    for (const {tree, options, html} of serialized) expect(html).toBe(rehypeStringified(tree as Nodes, options as SerializeOptions))
  })

  it('hands SVG, whose attributes are named differently, to rehype-stringify', () => {
    const path: Element = {type: 'element', tagName: 'path', properties: {d: 'M0 0', strokeWidth: '2'}, children: []}
    const tree: Element = {type: 'element', tagName: 'svg', properties: {viewBox: '0 0 10 10'}, children: [path]}
    expect(serializeHtml(tree)).toBe('<svg viewBox="0 0 10 10"><path d="M0 0" stroke-width="2"></path></svg>')
  })

  it('writes trees missing parts as rehype-stringify does', () => {
    const trees = [
      {type: 'root'},
      {type: 'element', tagName: 'br', properties: {}, children: [{type: 'raw'}]},
      {type: 'element', tagName: 'p'},
    ] as unknown as Nodes[]
    for (const tree of trees) {
      expect(serializeHtml(tree, {allowDangerousHtml: true})).toBe(rehypeStringified(tree, {allowDangerousHtml: true}))
    }
  })

  it('writes random trees as rehype-stringify does', () => {
    const text = fc.string({unit: fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '`', '-', '!', '=', '/', 'é', '\n', '\0')})
    const tagName = fc.constantFrom('p', 'a', 'div', 'br', 'img', 'meta', 'link', 'input', 'script', 'style', 'span', 'option', 'td')
    const propertyName = fc.constantFrom('className', 'id', 'href', 'hidden', 'download', 'checked', 'accept', 'dataFooBar', 'ariaLabel', 'htmlFor', 'httpEquiv', 'title', 'width', 'onClick', 'a b')
    const value = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(Number.NaN), fc.constant(null), fc.array(fc.oneof(text, fc.integer()), {maxLength: 3}))
    const properties: fc.Arbitrary<Properties> = fc.dictionary(propertyName, value, {maxKeys: 4}) as fc.Arbitrary<Properties>
    const {node} = fc.letrec<{node: ElementContent}>((tie) => ({
      node: fc.oneof(
        {depthSize: 'small', withCrossShrink: true},
        text.map((value) => ({type: 'text' as const, value})),
        text.map((value) => ({type: 'comment' as const, value})),
        text.map((value) => ({type: 'raw' as const, value}) as unknown as ElementContent),
        fc.record({type: fc.constant('element' as const), tagName, properties, children: fc.array(tie('node'), {maxLength: 4})}),
      ),
    }))
    const tree = fc.array(node, {maxLength: 4}).map((children): Root => ({type: 'root', children: [{type: 'doctype'}, ...children]}))
    const options = fc.record({allowDangerousHtml: fc.boolean(), upperDoctype: fc.boolean()})
    fc.assert(
      fc.property(tree, options, (tree, options) => {
        expect(serializeHtml(tree, options)).toBe(rehypeStringified(tree, options))
      }),
      {numRuns: 2000},
    )
  })
})
