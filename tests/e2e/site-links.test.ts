import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {makeSite, readPage, story} from '../helpers/fixture-site.ts'

/** Every problem of a build, as `file:line:column rule: reason`, in file order. */
async function build(files: Record<string, string>, options: {drafts?: boolean; strict?: boolean} = {}) {
  const site = await makeSite(files)
  const out = path.join(site, 'dist')
  const result = await buildSite({siteDir: site, outDir: out, includeDrafts: options.drafts, strict: options.strict})
  const problems = result.files
    .flatMap((file) => file.messages.map((m) => `${path.relative(site, file.path)}:${m.line}:${m.column} ${m.ruleId}: ${m.reason}`))
    .sort()
  return {result, problems, out}
}

const osh = story({title: 'Curfew in Osh', published: '2010-05-14T08:00:00Z', slug: 'osh-curfew'})

describe('links between stories', () => {
  it('rewrites a link to another story’s file into that story’s URL, keeping its fragment', async () => {
    const {result, problems, out} = await build({
      'articles/2010/05/15/clashes.md': story({}, 'See [the curfew](../14/osh.md#reaction) and [again][curfew].\n\n[curfew]: ../14/osh.md\n'),
      'articles/2010/05/14/osh.md': osh,
    })
    expect(problems).toEqual([])
    expect(result.ok).toBe(true)
    const page = await readPage(out, '/central-south-asia/2010/05/15/clashes/')
    expect(page.all('.story-body a').map((a) => a.properties['href'])).toEqual([
      '/central-south-asia/2010/05/14/osh-curfew/#reaction',
      '/central-south-asia/2010/05/14/osh-curfew/',
    ])
    expect(page.html).not.toContain('desk-story-link')
  })

  it('reports a link to a file that is not a story, and one to a draft, at the link', async () => {
    const {result, problems} = await build({
      'articles/clashes.md': story({}, 'See [the curfew](osh.md) and\n[the draft](draft.md).\n'),
      'articles/draft.md': story({slug: 'draft', draft: 'true'}),
    })
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      'articles/clashes.md:10:1 broken-link: Link to `draft.md` goes to a draft, which is not published: publish it first, or take the link out',
      'articles/clashes.md:9:5 broken-link: Link to `osh.md` goes to no story: there is no story at articles/osh.md; check the path',
    ])
  })

  it('rewrites a dozen links in one story each to its own story (no link’s stand-in is the start of another’s)', async () => {
    const stories: Record<string, string> = {}
    for (let i = 0; i < 12; i++) stories[`articles/s${i}.md`] = story({slug: `s${i}`, published: `2010-05-${String(i + 1).padStart(2, '0')}T08:00:00Z`})
    const body = Array.from({length: 12}, (_, i) => `[link ${i}](s${i}.md)`).join(' ') + '\n'
    const {result, out} = await build({...stories, 'articles/a.md': story({slug: 'a', published: '2010-05-20T08:00:00Z'}, body)})
    expect(result.ok).toBe(true)
    const hrefs = (await readPage(out, '/central-south-asia/2010/05/20/a/')).all('.story-body a').map((a) => a.properties['href'])
    expect(hrefs).toEqual(Array.from({length: 12}, (_, i) => `/central-south-asia/2010/05/${String(i + 1).padStart(2, '0')}/s${i}/`))
  })

  it('reports a link to a draft even when the draft has errors of its own', async () => {
    const {result, problems} = await build({
      'articles/clashes.md': story({}, 'See [the draft](draft.md).\n'),
      'articles/draft.md': story({slug: 'draft', draft: 'true', section: 'nope'}),
    })
    expect(result.ok).toBe(false)
    expect(problems).toContain(
      'articles/clashes.md:9:5 broken-link: Link to `draft.md` goes to a draft, which is not published: publish it first, or take the link out',
    )
  })

  it('lets a preview with drafts link to a draft', async () => {
    const {result, problems} = await build(
      {'articles/clashes.md': story({}, 'See [the draft](draft.md).\n'), 'articles/draft.md': story({slug: 'draft', draft: 'true'})},
      {drafts: true},
    )
    expect(problems).toEqual([])
    expect(result.ok).toBe(true)
  })
})

describe('links to pages of this site', () => {
  it('accepts every way of writing a link to a page the build makes', async () => {
    const body = [
      '[Section](/central-south-asia/), [no slash](/middle-east), [file](/topics/index.html),',
      '[relative](../../14/osh-curfew/#top), [own address](https://news.example.org/topics/osh/?ref=story),',
      '[photo-free 404](/404.html), [page 2](/central-south-asia/page/2/).',
      '',
    ].join('\n')
    const {result, problems} = await build({
      'site.yaml': 'name: D\nurl: https://news.example.org\npage_size: 1\nsections:\n  - slug: central-south-asia\n    title: C\n  - slug: middle-east\n    title: M\n',
      'articles/clashes.md': story({topics: '[Osh]'}, body),
      'articles/osh.md': osh,
    })
    expect(problems).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('reports a link to a page the build does not make, in the body and in the in-depth box, suggesting the nearest', async () => {
    const {result, problems} = await build({
      'articles/clashes.md': story(
        {in_depth: '\n  - links:\n      - title: Old story\n        url: /central-south-asia/2010/05/13/osh-curfew/'},
        'See [the curfew](/central-south-asia/2010/05/14/osh-curfw/) and [sport](https://news.example.org/sport/).\n',
      ),
      'articles/osh.md': osh,
    })
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      'articles/clashes.md:10:14 broken-link: Link to `/central-south-asia/2010/05/13/osh-curfew/` goes to /central-south-asia/2010/05/13/osh-curfew/, which is not a page of this site: did you mean /central-south-asia/2010/05/14/osh-curfew/?',
      'articles/clashes.md:13:5 broken-link: Link to `/central-south-asia/2010/05/14/osh-curfw/` goes to /central-south-asia/2010/05/14/osh-curfw/, which is not a page of this site: did you mean /central-south-asia/2010/05/14/osh-curfew/?',
      'articles/clashes.md:13:65 broken-link: Link to `https://news.example.org/sport/` goes to /sport/, which is not a page of this site: check the address, or link to the story’s file (`../14/osh.md`)',
    ])
  })

  it('checks the links a story writes in HTML as it checks its Markdown links', async () => {
    const body = [
      'See <a href="/central-south-asia/2010/05/14/osh-curfw/">the curfew</a>, [the section](/central-south-asia/)',
      'and <a href="http://example.org/">a page</a>.',
      '',
      '<figure><img src="/images/none.jpg" alt="A photo"><figcaption><a href="/central-south-asia/">More</a></figcaption></figure>',
      '',
    ].join('\n')
    const {result, problems} = await build({'articles/clashes.md': story({}, body), 'articles/osh.md': osh})
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      'articles/clashes.md:10:5 insecure-link: Link to `http://example.org/` is not secure: use `https://` if the site offers it',
      'articles/clashes.md:12:9 broken-link: Link to `/images/none.jpg` goes to /images/none.jpg, which is not a page of this site: check the address',
      'articles/clashes.md:9:5 broken-link: Link to `/central-south-asia/2010/05/14/osh-curfw/` goes to /central-south-asia/2010/05/14/osh-curfw/, which is not a page of this site: did you mean /central-south-asia/2010/05/14/osh-curfew/?',
    ])
  })

  it('asks only for the address of a picture that is no page', async () => {
    const {problems} = await build({'articles/clashes.md': story({}, 'A map:\n\n![The valley](/images/none.jpg)\n')})
    expect(problems).toEqual([
      'articles/clashes.md:11:1 broken-link: Link to `/images/none.jpg` goes to /images/none.jpg, which is not a page of this site: check the address',
    ])
  })

  it('suggests Markdown, which alone links a story by its file, for an HTML link to no page', async () => {
    const {problems} = await build({'articles/clashes.md': story({}, 'See <a href="/nowhere/at-all/">the curfew</a>.\n')})
    expect(problems).toEqual([
      'articles/clashes.md:9:5 broken-link: Link to `/nowhere/at-all/` goes to /nowhere/at-all/, which is not a page of this site: check the address, or write the link in Markdown to the story’s file (`[words](../14/osh.md)`)',
    ])
  })

  it('asks for a link to a story’s file written in HTML to be written in Markdown', async () => {
    const {result, problems} = await build({'articles/clashes.md': story({}, 'See <a href="osh.md">the curfew</a>.\n'), 'articles/osh.md': osh})
    expect(result.ok).toBe(false)
    expect(problems).toEqual([
      'articles/clashes.md:9:5 html-story-link: Link to `osh.md` in HTML does not become the story’s address: write it in Markdown, `[words](osh.md)`',
    ])
  })

  it('points at each HTML link once, where it is in the reporter’s file', async () => {
    // Where the problems are, without what they say.
    const places = async (body: string) => (await build({'articles/clashes.md': story({}, body)})).problems.map((p) => p.slice(0, p.indexOf(': ')))
    // A link left open across paragraphs, which the HTML parser copies into the second.
    expect(await places('<a href="http://example.org/">one\n\ntwo</a>\n')).toEqual(['articles/clashes.md:9:1 insecure-link'])
    // After a line ending in a bare `&`, which the HTML parser counts as no line.
    expect(await places('<p>Marks &\nSpencer <a href="http://example.org/">x</a></p>\n')).toEqual(['articles/clashes.md:10:9 insecure-link'])
    // In a quotation and a list item, whose `> ` and indentation the HTML parser does not see.
    expect(await places('> <div>\n> <a href="http://example.org/">x</a>\n> </div>\n')).toEqual(['articles/clashes.md:10:3 insecure-link'])
    expect(await places('- <div>\n  <a href="http://example.org/">x</a>\n  </div>\n')).toEqual(['articles/clashes.md:10:3 insecure-link'])
    // In a list item indented with tabs, which reach the HTML parser as spaces.
    const tabbed = '- <div>\n' + '\tline\n'.repeat(50) + '\t<a href="/central-south-asia/nope/">x</a></div>\n\n  After.\n'
    expect(await places(tabbed)).toEqual(['articles/clashes.md:60:2 broken-link'])
    // With more HTML after such a block, which the block's longer text would otherwise run into.
    const before = '- <div>\n' + '\tline\n'.repeat(50) + '\t<a href="/central-south-asia/nope/">x</a></div>\n\n  <b>More.</b>\n'
    expect(await places(before)).toEqual(['articles/clashes.md:60:2 broken-link'])
  })

  it('leaves the Markdown links of a story with HTML to the Markdown’s checks, once each', async () => {
    const {result, problems, out} = await build({
      'articles/clashes.md': story({}, 'See <abbr title="Osh">the city</abbr>, [the curfew](osh.md) and [again][c].\n\n[c]: osh.md\n'),
      'articles/osh.md': osh,
    })
    expect(problems).toEqual([])
    expect(result.ok).toBe(true)
    const page = await readPage(out, '/central-south-asia/2010/05/15/clashes/')
    expect(page.all('.story-body a').map((a) => a.properties['href'])).toEqual([
      '/central-south-asia/2010/05/14/osh-curfew/',
      '/central-south-asia/2010/05/14/osh-curfew/',
    ])
  })

  it('treats a link to a draft’s page as broken in a published build', async () => {
    const {problems} = await build({
      'articles/clashes.md': story({}, 'See [the draft](/central-south-asia/2010/05/15/draft/).\n'),
      'articles/draft.md': story({slug: 'draft', draft: 'true'}),
    })
    expect(problems).toEqual([
      'articles/clashes.md:9:5 broken-link: Link to `/central-south-asia/2010/05/15/draft/` goes to /central-south-asia/2010/05/15/draft/, which is not a page of this site: check the address, or link to the story’s file (`../14/osh.md`)',
    ])
  })
})

describe('--strict', () => {
  const uncredited = {'articles/clashes.md': story({image: '\n  src: crowd.svg\n  alt: A crowd'}), 'articles/crowd.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'}

  it('builds, warning, without it', async () => {
    const {result, problems} = await build(uncredited)
    expect(result.ok).toBe(true)
    expect(problems).toEqual(['articles/clashes.md:7:1 image-credit: The photo has no `credit`: add who took or supplied it, like `credit: AFP`'])
  })

  it('fails on the same warning with it, saying why', async () => {
    const {result} = await build(uncredited, {strict: true})
    expect(result.ok).toBe(false)
    const [message] = result.files.flatMap((file) => file.messages)
    expect(message).toMatchObject({fatal: true, ruleId: 'image-credit', note: 'The build runs with `--strict`, which makes the desk’s warnings errors.'})
  })

  it('leaves a draft’s problems as warnings: a draft is not published', async () => {
    const {result} = await build({...uncredited, 'articles/clashes.md': story({draft: 'true', image: '\n  src: crowd.svg\n  alt: A crowd'})}, {strict: true})
    expect(result.ok).toBe(true)
  })
})
