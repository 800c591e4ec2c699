// plainHtml writes what remark-rehype and rehype-stringify write, or declines: on written examples, the desk's
// stories and random Markdown.
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import type {Root as HastRoot} from 'hast'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {storyText} from '../../scripts/bench/generate-archive.ts'
import {plainHtml} from '../../scripts/content/plain-html.ts'
import {splitFrontMatter} from '../../scripts/content/split-front-matter.ts'

const parser = unified().use(remarkParse)
const toHast = unified().use(remarkRehype)
const stringify = unified().use(rehypeStringify)

/** The body as the general pipeline writes it. */
async function reference(text: string): Promise<string> {
  return stringify.stringify((await toHast.run(parser.parse(text))) as HastRoot)
}

function expectSame(text: string) {
  return async () => {
    const html = plainHtml(parser.parse(text))
    expect(html).toBeDefined()
    expect(html).toBe(await reference(text))
  }
}

describe('plainHtml', () => {
  const written: Record<string, string> = {
    'paragraphs and headings': '## Calls for calm\n\nFirst line\nsecond & third < fourth.\n',
    'quotes of several paragraphs': '> One\n>\n> Two [link](https://example.org/a b?c="d"&e=\'f\')\n',
    'tight lists': '- one\n- two [x](/central-south-asia/ü)\n',
    'loose lists, and items of several paragraphs': '- one\n\n- two\n\n  more\n- three\n',
    'lists in quotes and quotes in lists': '> - a\n> - b\n\n- > c\n',
    'an empty body': '',
    'spaces written as references beside line endings, which go': 'a&#32;\nb&#9;\n&#32;c\n',
  }
  for (const [name, text] of Object.entries(written)) it(`writes ${name} as the pipeline does`, expectSame(text))

  it('declines what it does not write: emphasis, code, images, breaks, ordered lists, rules, titles, HTML', () => {
    for (const text of ['*a*', '`a`', '![a](b)', 'a\\\nb', '1. a', '---', '[a](b "t")', '<b>a</b>']) {
      expect(plainHtml(parser.parse(text)), text).toBeUndefined()
    }
  })

  it('declines trees a plugin has marked up with data, and lists it does not know', () => {
    const paragraph = {type: 'paragraph', data: {hName: 'div'}, children: [{type: 'text', value: 'a'}]}
    const numbered = {type: 'list', ordered: false, start: 3, spread: false, children: []}
    expect(plainHtml({type: 'root', children: [paragraph]} as never)).toBeUndefined()
    expect(plainHtml({type: 'root', children: [numbered]} as never)).toBeUndefined()
  })

  it('writes the desk’s first story and the benchmark’s stories as the pipeline does', async () => {
    const seed = readFileSync(new URL('../../articles/2010/05/clashes-erupt-in-south-kyrgyzstan.md', import.meta.url), 'utf8')
    for (const story of [seed, ...Array.from({length: 20}, (_, index) => storyText(index * 11, 1000).text)]) {
      const split = splitFrontMatter(story)
      if (!split.ok) throw new Error('no front matter')
      await expectSame(story.slice(split.bodyStart))()
    }
  })

  it('on random Markdown, writes what the pipeline writes or nothing', async () => {
    const pieces = [
      ...['a', 'b c', 'é', '😀', '.', '1', '"', "'", '&', '<', '>', '[', ']', '(', ')', ' ', '  ', '\t', '\n', '\n', '\n\n', '\n  \n'],
      ...['# ', '## ', '> ', '- ', '  - ', '* ', '1. ', '[a](b)', '[x](http://e.org/a_b c)', '[y](<a b>)', '[z](%41%zz)', '*', '_', '`', '\\'],
      ...['\r\n', '\r', '\u00a0', '&amp;', '&#32;', '&#9;', '<br>', '---', '    code', '[a]: /b', '[a]', '![i](j)'],
    ]
    const text = fc.array(fc.constantFrom(...pieces), {maxLength: 30}).map((parts) => parts.join(''))
    let written = 0
    await fc.assert(
      fc.asyncProperty(text, async (text) => {
        const html = plainHtml(parser.parse(text))
        if (html === undefined) return
        written++
        expect(html).toBe(await reference(text))
      }),
      {numRuns: 2000},
    )
    expect(written).toBeGreaterThan(300)
  })
})
