// The plain reader's tree is remark-parse's own, or it gives none: checked on written examples, on the desk's
// stories and on random text built from the characters that change Markdown's meaning.
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {storyText} from '../../scripts/bench/generate-archive.ts'
import {parsePlainMarkdown} from '../../scripts/content/plain-markdown.ts'
import {splitFrontMatter} from '../../scripts/content/split-front-matter.ts'

const remark = unified().use(remarkParse)
const reference = (text: string) => remark.parse(text)

/** A story's text as the build hands it over: front matter blanked out, line for line. */
function maskedBody(text: string): string {
  const split = splitFrontMatter(text)
  if (!split.ok) throw new Error('no front matter')
  return text.slice(0, split.bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(split.bodyStart)
}

describe('parsePlainMarkdown', () => {
  const readable: Record<string, string> = {
    'paragraphs over several lines': 'First line\nsecond line.\n\nAnother paragraph.\n',
    'blank lines of spaces, as the blanked front matter leaves': '     \n   \n\nText after them.',
    'headings of each depth': '# One\n\n## Two\n### Three\n#### Four\n##### Five\n###### Six\nText under it.\n',
    'quotes over several lines, and two quotes apart': '> Said one\n> and went on.\n\n> Said another.\n',
    'tight lists': '- one\n- two [link](https://example.org/a_b)\n\nAfter the list.',
    'loose lists': '- one\n\n- two\n- three\n',
    'links at the start and end of lines': '[Start](/a/) of it\nand the end [of it](https://example.org/x?y=1&z=2)\n[Whole](b)\n',
    'brackets that are not links': 'He said: "Teyit [his home village] was attacked [reportedly] [sic]."\nA stray ] and ( too.',
    'brackets beside a link': '[note][b](c) and [a] (d)',
    'text that looks like Markdown but is not': 'Science & Environment #1, 2010 - a +3 rise = 5 ~ 7 | x: y "q" \'s\n',
    'no final line ending': 'Just this',
    'an empty body': '',
    'headings with links and literal hashes': '## Read [more](/x/) on #hashtags\n',
  }
  for (const [name, text] of Object.entries(readable)) {
    it(`reads ${name} as remark-parse does`, () => {
      const tree = parsePlainMarkdown(text)
      expect(tree).toBeDefined()
      expect(tree).toStrictEqual(reference(text))
    })
  }

  // Each of these would come out differently if read as plain text and links.
  const declined: Record<string, string> = {
    emphasis: 'It was *very* **bad** _indeed_.',
    code: 'Type `npm run build`.',
    'raw HTML': 'A <abbr>UN</abbr> report.',
    'character references': 'Fish &amp; chips',
    escapes: 'Not a \\*star\\*.',
    images: '![A photo](photo.jpg)',
    'reference definitions': 'See [the report][r].\n\n[r]: https://example.org/',
    'underlined headings': 'Heading\n=======\n',
    'thematic breaks': 'Above\n\n---\n\nBelow',
    'indented code': '    code()\n',
    'ordered lists': '1. First\n2. Second\n',
    'numbered-looking paragraph starts': 'Intro\n2010. The year began.',
    'hard line breaks': 'Line one  \nline two',
    'lazy quote lines': '> Quote\ncontinued lazily',
    'lists interrupting a paragraph': 'Text\n- item',
    'links with titles': '[a](https://example.org "Title")',
    'links with nested brackets': '[a [b] c](d)',
    'links over two lines': '[two\nlines](e)',
    'carriage returns': 'One\r\nTwo',
    tabs: 'One\tTwo',
    'closing hashes on headings': '## Heading ##',
    'other list markers': '* one\n* two',
  }
  for (const [name, text] of Object.entries(declined)) {
    it(`leaves ${name} to remark-parse`, () => {
      expect(parsePlainMarkdown(text)).toBeUndefined()
    })
  }

  it('reads the desk’s first story and the benchmark’s stories, as remark-parse does', () => {
    const seed = readFileSync(new URL('../../articles/2010/05/clashes-erupt-in-south-kyrgyzstan.md', import.meta.url), 'utf8')
    const texts = [seed, ...Array.from({length: 40}, (_, index) => storyText(index * 7, 1000).text)]
    for (const text of texts.map(maskedBody)) {
      const tree = parsePlainMarkdown(text)
      expect(tree).toBeDefined()
      expect(tree).toStrictEqual(reference(text))
    }
  })

  it('reads a list of 150,000 items apart from the first by a blank line, without running out of stack', () => {
    const tree = parsePlainMarkdown(`- a\n\n${'- a\n'.repeat(150_000)}`)
    expect(tree?.children).toHaveLength(1)
    expect(tree?.children[0]).toMatchObject({type: 'list', spread: true})
    expect((tree?.children[0] as {children: unknown[]}).children).toHaveLength(150_001)
  })

  it('on random text, gives remark-parse’s tree or none', () => {
    const pieces = [
      ...['a', 'b c', 'Word', 'é', '😀', '.', '1', ':', '"', "'", '|', '#', '&', '!', ')', '(', '[', ']', '](', '-', '>', '=', ' ', '  '],
      ...['\n', '\n', '\n\n', '\n  \n', '# ', '## ', '####### ', '> ', '- ', '1. ', '2) ', '10.', '--- ', '---', '==', '* ', '+ '],
      ...['[a](b)', '[x](http://e.org/a_b)', '[x]', '[]', '[a](b c)', '[a](<b>)', '](x)', '![', ']:', '[a]: b'],
      ...['*', '_', '**', '&amp;', '&#35;', '&foo;', '<', '`', '\\', '\t', '\r\n', '\u00a0', '\u2028', '~~~', '```', '    '],
    ]
    const text = fc.array(fc.constantFrom(...pieces), {maxLength: 30}).map((parts) => parts.join(''))
    let read = 0
    fc.assert(
      fc.property(text, (text) => {
        const tree = parsePlainMarkdown(text)
        if (tree === undefined) return
        read++
        expect(tree).toStrictEqual(reference(text))
      }),
      {numRuns: 3000},
    )
    // Else the property says little: most random text should be declined, but not all of it.
    expect(read).toBeGreaterThan(300)
  })
})
