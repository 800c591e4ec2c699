// Raw HTML in a story reaches the page only through the desk's allow-list: a table of the classic ways to run script.
import type {Element, Nodes} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {SiteConfig} from '../../scripts/config/site-config.ts'
import {parseArticle} from '../../scripts/content/parse-article.ts'
import {siteConfig} from '../helpers/fixture-site.ts'

const site: SiteConfig = {...siteConfig, embedHosts: ['www.youtube-nocookie.com']}

const frontMatter = '---\ntitle: T\nstandfirst: S\nsection: central-south-asia\npublished: 2010-05-15T15:43:00Z\nbyline: B\n---\n\n'

const attacks = [
  '<script>alert(1)</script>',
  '<img src="x" onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
  '<iframe src="http://www.youtube-nocookie.com/embed/x"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<style>body{display:none}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/"><button>Go</button></form>',
  '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p id="main" name="x">clobber</p>',
  '<scr<script>ipt>alert(1)</script>',
  '<!--><script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]

/** Everything in a body that could run script, load something or break out of the page. */
function dangers(html: string): string[] {
  const found: string[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'element') {
      const element = node as Element
      if (['script', 'style', 'object', 'embed', 'link', 'meta', 'base', 'form', 'svg', 'math', 'noscript'].includes(element.tagName)) {
        found.push(`<${element.tagName}>`)
      }
      for (const [name, value] of Object.entries(element.properties)) {
        if (/^on/i.test(name) || name === 'style' || name === 'srcDoc') found.push(`${name} on <${element.tagName}>`)
        // Browsers drop tabs and newlines from URLs: `java\tscript:` runs.
        if (/^(?:javascript|data|vbscript):/i.test(String(value).replace(/[\t\n\r]/g, '').trim())) found.push(`${name}=${String(value)}`)
      }
      if (element.tagName === 'iframe' && !String(element.properties['src']).startsWith('https://www.youtube-nocookie.com/')) {
        found.push(`iframe from ${String(element.properties['src'])}`)
      }
      if (typeof element.properties['id'] === 'string' && !element.properties['id'].startsWith('user-content-')) found.push('unprefixed id')
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(fromHtml(html, {fragment: true}))
  return found
}

describe('raw HTML in a story', () => {
  it.each(attacks)('%s: nothing dangerous reaches the page, and the reporter is told', async (attack) => {
    const file = new VFile({path: '/site/articles/a.md', value: `${frontMatter}Before.\n\n${attack}\n\nAfter.\n`})
    const {article} = await parseArticle(file, site)
    const html = article?.body.children.map((node) => (node.type === 'raw' ? node.value : '')).join('') ?? ''
    expect(html).toContain('<p>Before.</p>')
    expect(html).toContain('<p>After.</p>')
    expect(dangers(html)).toEqual([])
    if (attack !== '<p id="main" name="x">clobber</p>') {
      expect(file.messages.length).toBeGreaterThan(0)
      expect(file.messages.every((message) => message.line !== undefined && message.line >= 9)).toBe(true)
    }
  })

  it('the detector above finds each attack when it is not sanitized', () => {
    // Parsed as HTML, `<scr<script>` is an element named `scr<script`: no script at all.
    expect(attacks.filter((attack) => dangers(attack).length === 0)).toEqual(['<scr<script>ipt>alert(1)</script>'])
  })
})

describe('where the reporter is told about removed HTML', () => {
  /** Each message about the body, as `line:column rule`. */
  const places = async (body: string) => {
    const file = new VFile({path: '/site/articles/a.md', value: `${frontMatter}${body}`})
    await parseArticle(file, site)
    return file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
  }

  it('points into a quotation and a list item, whose `> ` and indentation the HTML parser does not see', async () => {
    expect(await places('> <div>\n> <script>x</script>\n> </div>\n')).toEqual(['10:3 unsafe-html'])
    expect(await places('- <div>\n  <span onclick="x">y</span>\n  </div>\n')).toEqual(['10:3 unsafe-html'])
    expect(await places('> Quoted.\n> <div>\n> text <iframe src="https://evil.example/x"></iframe>\n> </div>\n')).toEqual(['11:8 embed-host'])
  })

  it('keeps count of lines in a list item indented with tabs, which reach the HTML parser as spaces', async () => {
    expect(await places('- <div>\n' + '\tline\n'.repeat(50) + '\t<script>x</script></div>\n\n  After.\n')).toEqual(['60:2 unsafe-html'])
  })

  it('tells a tab-indented HTML block apart from what follows it, though its text reaches the parser longer', async () => {
    const tabbed = '- <div>\n' + '\tline\n'.repeat(50)
    expect(await places(`${tabbed}\t<script>x</script></div>\n\n  <b onclick="y">z</b>\n`)).toEqual(['60:2 unsafe-html', '62:3 unsafe-html'])
    expect(await places(`${tabbed}\t</div>\n\n  [x](javascript:alert(1))\n`)).toEqual(['62:3 unsafe-link', '62:3 unsafe-html'])
  })

  it('spans the whole element, to the end of its closing tag', async () => {
    const file = new VFile({path: '/site/articles/a.md', value: `${frontMatter}> <div onclick="x">\n> y\n> </div>\n`})
    await parseArticle(file, site)
    expect(file.messages.map((message) => message.place)).toEqual([{start: {line: 9, column: 3}, end: {line: 11, column: 9}}])
  })

  it('places what it removed from a Markdown link by the Markdown, among raw HTML', async () => {
    expect(await places('<abbr onclick="x">A</abbr> and [x](javascript:alert(1))\n\n> <b>q</b>\n> [y](javascript:alert(2)) <i onclick="z">w</i>\n')).toEqual([
      '9:32 unsafe-link',
      '12:3 unsafe-link',
      '9:1 unsafe-html',
      '9:32 unsafe-html',
      '12:3 unsafe-html',
      '12:28 unsafe-html',
    ])
  })
})
