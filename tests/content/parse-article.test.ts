import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import type {SiteConfig} from '../../scripts/config/site-config.ts'
import {parseArticle} from '../../scripts/content/parse-article.ts'
import {siteConfig} from '../helpers/fixture-site.ts'

const site = siteConfig

const valid = `title: Clashes erupt in south Kyrgyzstan
standfirst: One person killed and dozens hurt.
section: central-south-asia
published: 2010-05-15T15:43:00Z
byline: Al Jazeera and agencies`

async function parse(text: string, name = 'clashes.md') {
  const file = new VFile({path: `/site/articles/${name}`, value: text})
  const result = await parseArticle(file, site)
  const problems = file.messages.map((m) => ({line: m.line, column: m.column, rule: m.ruleId, reason: m.reason, fatal: m.fatal}))
  return {...result, problems}
}

describe('parseArticle: a valid story', () => {
  it('becomes an article with its URL dated from `published`', async () => {
    const {article, problems} = await parse(`---\n${valid}\n---\n\nGunfire broke out.\n`)
    expect(problems).toEqual([])
    expect(article).toMatchObject({
      slug: 'clashes',
      url: '/central-south-asia/2010/05/15/clashes/',
      title: 'Clashes erupt in south Kyrgyzstan',
      published: {iso: '2010-05-15T15:43:00Z', epochMs: Date.parse('2010-05-15T15:43:00Z')},
      topics: [],
      inDepth: [],
      draft: false,
    })
  })

  it('accepts slugs in scripts that need combining marks', async () => {
    expect((await parse(`---\n${valid}\nslug: हिन्दी-समाचार\n---\nText\n`)).article?.slug).toBe('हिन्दी-समाचार')
  })

  it('takes the slug from the file name unless `slug` is set', async () => {
    expect((await parse(`---\n${valid}\n---\nText\n`, 'Osh Clashes.md')).article?.slug).toBe('osh-clashes')
    expect((await parse(`---\n${valid}\nslug: osh\n---\nText\n`)).article?.slug).toBe('osh')
  })

  it('gives each topic a slug and a URL', async () => {
    const {article} = await parse(`---\n${valid}\ntopics: [Kyrgyzstan, Kurmanbek Bakiyev]\n---\nText\n`)
    expect(article?.topics).toEqual([
      {name: 'Kyrgyzstan', slug: 'kyrgyzstan', url: '/topics/kyrgyzstan/'},
      {name: 'Kurmanbek Bakiyev', slug: 'kurmanbek-bakiyev', url: '/topics/kurmanbek-bakiyev/'},
    ])
  })

  it('renders the body, crossheads included, as HTML for the layout', async () => {
    const {article} = await parse(`---\n${valid}\n---\n\nFirst \"quoted\" & <not HTML>.\n\n## Power base\n`)
    expect(article?.body).toEqual({
      type: 'root',
      children: [{type: 'raw', value: '<p>First "quoted" &#x26; .</p>\n<h2>Power base</h2>'}],
    })
  })
})

// Each broken story, with the exact message and where it points. Line 1 is the opening `---`.
const broken: Array<{name: string; text: string; line: number; column: number; rule: string; reason: string}> = [
  {
    name: 'no front matter',
    text: 'Just text\n',
    line: 1, column: 1, rule: 'missing-front-matter',
    reason: 'The story has no front matter: start the file with a line `---`, then `title:`, `standfirst:` and the other fields, then another `---`',
  },
  {
    name: 'front matter never closed',
    text: `---\n${valid}\n\nText\n`,
    line: 1, column: 1, rule: 'unclosed-front-matter',
    reason: 'The front matter is not closed: add a line `---` after its last field',
  },
  {
    name: 'empty front matter',
    text: '---\n---\nText\n',
    line: 2, column: 1, rule: 'empty-front-matter',
    reason: 'The front matter is empty: write its fields as `key: value` lines',
  },
  {
    name: 'malformed YAML',
    text: `---\n${valid}\ntopics: [Osh\n---\nText\n`,
    line: 8, column: 1, rule: 'yaml-syntax',
    reason: 'The front matter is not valid YAML: deficient indentation',
  },
  {
    name: 'a key given twice',
    text: `---\n${valid}\ntitle: Again\n---\nText\n`,
    line: 7, column: 1, rule: 'yaml-syntax',
    reason: 'The front matter is not valid YAML: duplicated mapping key',
  },
  {
    name: 'a misspelt key',
    text: `---\n${valid}\ntitel: Oops\n---\nText\n`,
    line: 7, column: 1, rule: 'unknown-field',
    reason: 'Unknown field `titel`: did you mean `title`?',
  },
  {
    name: 'an unknown key with no near match',
    text: `---\n${valid}\ncolour: red\n---\nText\n`,
    line: 7, column: 1, rule: 'unknown-field',
    reason:
      'Unknown field `colour`: the fields here are `title`, `standfirst`, `section`, `published`, `modified`, `byline`, `image`, `topics`, `in_depth`, `corrections`, `slug`, `aliases`, `draft`',
  },
  {
    name: 'a missing headline',
    text: `---\n${valid.replace(/^title: .*\n/, '')}\n---\nText\n`,
    line: 2, column: 1, rule: 'missing-field',
    reason: 'Missing `title`: add `title:` with the headline',
  },
  {
    name: 'an empty standfirst',
    text: `---\n${valid.replace(/^standfirst: .*$/m, 'standfirst: "  "')}\n---\nText\n`,
    line: 3, column: 13, rule: 'empty-field',
    reason: '`standfirst` is empty: write the one-sentence summary under the headline',
  },
  {
    name: 'a byline key with no value',
    text: `---\n${valid.replace(/^byline: .*$/m, 'byline:')}\n---\nText\n`,
    line: 6, column: 1, rule: 'empty-field',
    reason: '`byline` is empty: write the credit line, like `Al Jazeera and agencies`',
  },
  {
    name: 'a date without a time zone',
    text: `---\n${valid.replace('2010-05-15T15:43:00Z', '2010-05-15T15:43:00')}\n---\nText\n`,
    line: 5, column: 12, rule: 'invalid-value',
    reason: '`published` must be an ISO 8601 date and time with a time zone, like `2010-05-15T15:43:00Z` or `2010-05-15T21:43:00+06:00`',
  },
  {
    name: 'a date that does not exist',
    text: `---\n${valid.replace('2010-05-15T15:43:00Z', '2010-02-30T15:43:00Z')}\n---\nText\n`,
    line: 5, column: 12, rule: 'invalid-value',
    reason: '`published` must be an ISO 8601 date and time with a time zone, like `2010-05-15T15:43:00Z` or `2010-05-15T21:43:00+06:00`',
  },
  {
    name: '`modified` before `published`',
    text: `---\n${valid}\nmodified: 2010-05-14T10:00:00Z\n---\nText\n`,
    line: 7, column: 11, rule: 'modified-before-published',
    reason: '`modified` is before `published`: a story cannot change before it is published',
  },
  {
    name: 'an unknown section, near a real one',
    text: `---\n${valid.replace('section: central-south-asia', 'section: middle-eats')}\n---\nText\n`,
    line: 4, column: 10, rule: 'unknown-section',
    reason: 'Unknown section `middle-eats`: did you mean `middle-east`?',
  },
  {
    name: 'an unknown section, far from every real one',
    text: `---\n${valid.replace('section: central-south-asia', 'section: sport')}\n---\nText\n`,
    line: 4, column: 10, rule: 'unknown-section',
    reason: 'Unknown section `sport`: use one of `central-south-asia`, `middle-east`',
  },
  {
    name: 'an image without alt text',
    text: `---\n${valid}\nimage:\n  src: photo.jpg\n---\nText\n`,
    line: 8, column: 3, rule: 'missing-field',
    reason: 'Missing `image.alt`: add `alt:` under `image` with a description of the photo for readers who cannot see it',
  },
  {
    name: 'an unknown key inside image',
    text: `---\n${valid}\nimage:\n  src: photo.jpg\n  alt: A crowd\n  credits: AFP\n---\nText\n`,
    line: 10, column: 3, rule: 'unknown-field',
    reason: 'Unknown field `credits` in `image`: did you mean `credit`?',
  },
  {
    name: 'topics written as text instead of a list',
    text: `---\n${valid}\ntopics: Kyrgyzstan\n---\nText\n`,
    line: 7, column: 9, rule: 'wrong-type',
    reason: '`topics` must be a list (lines starting with `- `), not text',
  },
  {
    name: 'an empty topic',
    text: `---\n${valid}\ntopics:\n  - Kyrgyzstan\n  - ""\n---\nText\n`,
    line: 9, column: 5, rule: 'empty-field',
    reason: '`topics[1]` is empty: write a list of topic names',
  },
  {
    name: 'a topic listed twice',
    text: `---\n${valid}\ntopics: [Kyrgyzstan, kyrgyzstan]\n---\nText\n`,
    line: 7, column: 22, rule: 'duplicate-topic',
    reason: 'Topic `kyrgyzstan` is listed twice: remove one',
  },
  {
    name: 'an in-depth group with no links',
    text: `---\n${valid}\nin_depth:\n  - label: Inside Story\n    links: []\n---\nText\n`,
    line: 9, column: 12, rule: 'empty-field',
    reason: '`in_depth[0].links` is empty: list at least 1 (a list of links, each with `title` and `url`)',
  },
  {
    name: 'an in-depth link without a URL',
    text: `---\n${valid}\nin_depth:\n  - links:\n      - title: Profile\n---\nText\n`,
    line: 9, column: 9, rule: 'missing-field',
    reason: 'Missing `in_depth[0].links[0].url`: add `url:` under `in_depth[0].links[0]` with the address the link goes to',
  },
  {
    name: 'a slug that is not URL-safe',
    text: `---\n${valid}\nslug: Clashes in Osh\n---\nText\n`,
    line: 7, column: 7, rule: 'invalid-value',
    reason: '`slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
  },
  {
    name: 'a slug that climbs out of the output folder',
    text: `---\n${valid}\nslug: ../../etc\n---\nText\n`,
    line: 7, column: 7, rule: 'invalid-value',
    reason: '`slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
  },
  {
    name: 'an absolute path as the slug',
    text: `---\n${valid}\nslug: /etc/passwd\n---\nText\n`,
    line: 7, column: 7, rule: 'invalid-value',
    reason: '`slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
  },
  {
    name: 'a slug with a backslash',
    text: `---\n${valid}\nslug: 'osh\\..\\clashes'\n---\nText\n`,
    line: 7, column: 7, rule: 'invalid-value',
    reason: '`slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
  },
  {
    name: 'a slug with a control character',
    text: `---\n${valid}\nslug: "osh\\tclashes"\n---\nText\n`,
    line: 7, column: 7, rule: 'invalid-value',
    reason: '`slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
  },
  {
    name: 'a correction dated before the story was published',
    text: `---\n${valid}\nmodified: 2010-05-16T09:00:00Z\ncorrections:\n  - date: 2010-05-14T09:00:00Z\n    text: An earlier version misspelt Osh.\n---\nText\n`,
    line: 9, column: 11, rule: 'correction-before-published',
    reason: 'This correction is dated before the story was published: check its `date`',
  },
  {
    name: 'a correction without its text',
    text: `---\n${valid}\nmodified: 2010-05-16T09:00:00Z\ncorrections:\n  - date: 2010-05-16T09:00:00Z\n---\nText\n`,
    line: 9, column: 5, rule: 'missing-field',
    reason: 'Missing `corrections[0].text`: add `text:` under `corrections[0]` with what was wrong and what is right now',
  },
  {
    name: 'a link in the body running VBScript',
    text: `---\n${valid}\n---\n\nSee [this](vbscript:msgbox).\n`,
    line: 9, column: 5, rule: 'unsafe-link',
    reason: 'Link to `vbscript:msgbox` is not allowed: links must go to web pages (https://…), mail or phone numbers',
  },
  {
    name: '`draft` that is not true or false',
    text: `---\n${valid}\ndraft: yes\n---\nText\n`,
    line: 7, column: 8, rule: 'wrong-type',
    reason: '`draft` must be `true` or `false`, not text',
  },
  {
    name: 'front matter that is a list, not fields',
    text: '---\n- title\n- byline\n---\nText\n',
    line: 2, column: 1, rule: 'wrong-type',
    reason: 'The front matter must be a group of fields (`key: value` lines), not a list',
  },
  {
    name: 'no text after the front matter',
    text: `---\n${valid}\n---\n\n`,
    line: 8, column: 1, rule: 'empty-body',
    reason: 'The story has no text: write it below the front matter’s closing `---`',
  },
  {
    name: 'a second headline in the body',
    text: `---\n${valid}\n---\n\n# Another headline\n\nText\n`,
    line: 9, column: 1, rule: 'heading-level',
    reason: 'A `#` heading in the story would be a second headline: use `##` for crossheads',
  },
  {
    name: 'a file name with nothing to make a slug from',
    text: `---\n${valid}\n---\nText\n`,
    line: 2, column: 1, rule: 'missing-slug',
    reason: 'The file name has no letters or digits to make the story’s URL from: add a `slug:`',
  },
  {
    name: 'a headline YAML reads as a number',
    text: `---\n${valid.replace(/^title: .*$/m, 'title: 1984')}\n---\nText\n`,
    line: 2, column: 8, rule: 'wrong-type',
    reason: '`title` must be text: put it in quotes, `title: "1984"`',
  },
  {
    name: 'two topics that would share one page',
    text: `---\n${valid}\ntopics: [C, C++]\n---\nText\n`,
    line: 7, column: 13, rule: 'topic-collision',
    reason: 'Topics `C` and `C++` would share the page /topics/c/: rename one',
  },
  {
    name: 'an in-depth link that is not an address',
    text: `---\n${valid}\nin_depth:\n  - links:\n      - title: Archive\n        url: see the archive\n---\nText\n`,
    line: 10, column: 14, rule: 'invalid-value',
    reason: '`in_depth[0].links[0].url` must be a web address starting with `https://`, or a path on this site starting with `/`',
  },
  {
    name: 'an in-depth link running script',
    text: `---\n${valid}\nin_depth:\n  - links:\n      - title: Archive\n        url: "javascript:alert(1)"\n---\nText\n`,
    line: 10, column: 14, rule: 'invalid-value',
    reason: '`in_depth[0].links[0].url` must be a web address starting with `https://`, or a path on this site starting with `/`',
  },
  {
    name: 'a link in the body running script',
    text: `---\n${valid}\n---\n\nSee [this](javascript:alert(1)).\n`,
    line: 9, column: 5, rule: 'unsafe-link',
    reason: 'Link to `javascript:alert(1)` is not allowed: links must go to web pages (https://…), mail or phone numbers',
  },
  {
    name: 'quotes nested thousands deep',
    text: `---\n${valid}\n---\n\n${'>'.repeat(5000)} deep\n`,
    line: 8, column: 1, rule: 'too-deep',
    reason: 'The story is nested too deeply to publish (quotes or lists inside each other thousands of times): simplify it',
  },
]

describe('parseArticle: broken stories', () => {
  it.each(broken)('reports $name at $line:$column', async ({name, text, line, column, rule, reason}) => {
    const {article, problems} = await parse(text, name.startsWith('a file name') ? '___.md' : 'clashes.md')
    expect(article).toBeUndefined()
    expect(problems).toEqual([{line, column, rule, reason, fatal: true}])
  })

  it('reports every problem of a story in one run: fields, the checks on valid fields, and the body', async () => {
    const text = [
      '---',
      'titel: Oops',
      'standfirst: ""',
      'section: sport',
      'published: 2010-05-15T15:43:00Z',
      'modified: 2010-05-14T15:43:00Z',
      'byline:',
      'topics: [C, C++]',
      '---',
      '',
      '# Headline again',
      '',
      '[Click](javascript:alert(1))',
      '',
    ].join('\n')
    const {problems, image} = await parse(text)
    expect(problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual([
      '2:1 missing-field',
      '3:13 empty-field',
      '7:1 empty-field',
      '2:1 unknown-field',
      '11:1 heading-level',
      '13:1 unsafe-link',
      '4:10 unknown-section',
      '6:11 modified-before-published',
      '8:13 topic-collision',
    ])
    expect(image).toBeUndefined()
  })

  it('hands on the photo when `image` is valid though other fields are not, so its file is checked too', async () => {
    const {article, image} = await parse(`---\ntitle: T\nimage:\n  src: photo.jpg\n  alt: A crowd\n---\nText\n`)
    expect(article).toBeUndefined()
    expect(image).toMatchObject({src: 'photo.jpg', alt: 'A crowd', srcPlace: {start: {line: 4, column: 8}}})
  })

  it('keeps the raw HTML the desk allows, and warns, at its place, about each piece the sanitizer removed', async () => {
    const {article, problems} = await parse(
      `---\n${valid}\n---\n\nText <b onclick="steal()">bold</b> and <sup>2</sup>\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)">x</a>\n`,
    )
    expect(article?.body.children).toEqual([
      {type: 'raw', value: '<p>Text <b>bold</b> and <sup>2</sup></p>\n\n<p><a>x</a></p>'},
    ])
    expect(problems).toEqual([
      {line: 9, column: 6, rule: 'unsafe-html', reason: 'Removed `onclick` from `<b>`: the desk’s pages do not allow it', fatal: false},
      {line: 11, column: 1, rule: 'unsafe-html', reason: 'Removed `<script>` and its contents: scripts cannot run in a story', fatal: false},
      {line: 13, column: 1, rule: 'unsafe-html', reason: 'Removed `href` from `<a>`: the desk’s pages do not allow it', fatal: false},
    ])
  })

  it('knows a story is a draft even when its other fields are wrong', async () => {
    const {draft, article} = await parse(`---\ntitle: Half-written\ndraft: true\n---\nText\n`)
    expect(draft).toBe(true)
    expect(article).toBeUndefined()
  })
})

// The house style: warnings, each at its place, and the story still publishes.
const houseStyle: Array<{name: string; text: string; site?: Partial<SiteConfig>; line: number; column: number; rule: string; reason: string}> = [
  {
    name: 'a headline over the limit',
    text: `---\n${valid.replace('Clashes erupt in south Kyrgyzstan', 'Clashes erupt in south Kyrgyzstan as supporters of the ousted president seize buildings')}\n---\nText\n`,
    site: {houseStyle: {headlineLength: 60, standfirstLength: 300, quotes: 'as-written'}},
    line: 2, column: 8, rule: 'headline-length',
    reason: 'The headline is 87 characters long, over the desk’s 60: shorten it',
  },
  {
    name: 'a standfirst over the limit',
    text: `---\n${valid}\n---\nText\n`,
    site: {houseStyle: {headlineLength: 100, standfirstLength: 20, quotes: 'as-written'}},
    line: 3, column: 13, rule: 'standfirst-length',
    reason: 'The standfirst is 34 characters long, over the desk’s 20: shorten it',
  },
  {
    name: 'a standfirst that repeats the headline',
    text: `---\n${valid.replace('One person killed and dozens hurt.', 'Clashes erupt in south Kyrgyzstan, leaving one dead.')}\n---\nText\n`,
    line: 3, column: 13, rule: 'standfirst-repeats-headline',
    reason: 'The standfirst repeats the headline: say what the headline does not',
  },
  {
    name: 'a photo without a credit',
    text: `---\n${valid}\nimage:\n  src: crowd.jpg\n  alt: A crowd in Osh\n---\nText\n`,
    line: 7, column: 1, rule: 'image-credit',
    reason: 'The photo has no `credit`: add who took or supplied it, like `credit: AFP`',
  },
  {
    name: 'straight quotes in the headline, for a desk that types curly ones',
    text: `---\n${valid.replace('Clashes erupt in south Kyrgyzstan', 'Troops say "calm" returns to Osh')}\n---\nText\n`,
    site: {houseStyle: {headlineLength: 100, standfirstLength: 300, quotes: 'typographic'}},
    line: 2, column: 8, rule: 'straight-quotes',
    reason: 'Straight quote `"` in `title`: the desk uses typographic quotes (“ ”)',
  },
  {
    name: 'a straight apostrophe in the text, for a desk that types curly ones',
    text: `---\n${valid}\n---\n\nThe city’s mayor and\nthe region's governor met.\n`,
    site: {houseStyle: {headlineLength: 100, standfirstLength: 300, quotes: 'typographic'}},
    line: 10, column: 11, rule: 'straight-quotes',
    reason: 'Straight quote `\'` in the text: the desk uses typographic quotes (‘ ’)',
  },
  {
    name: 'a link over plain http',
    text: `---\n${valid}\n---\n\nSee [the report](http://example.com/report).\n`,
    line: 9, column: 5, rule: 'insecure-link',
    reason: 'Link to `http://example.com/report` is not secure: use `https://` if the site offers it',
  },
  {
    name: 'an in-depth link over plain http',
    text: `---\n${valid}\nin_depth:\n  - links:\n      - title: Profile\n        url: http://example.com/profile\n---\nText\n`,
    line: 10, column: 14, rule: 'insecure-link',
    reason: 'Link to `http://example.com/profile` is not secure: use `https://` if the site offers it',
  },
  {
    name: 'an embed from a host the desk has not allowed',
    text: `---\n${valid}\n---\n\n<iframe src="https://tracker.example.com/v/1" title="Video"></iframe>\n`,
    site: {embedHosts: ['www.youtube-nocookie.com']},
    line: 9, column: 1, rule: 'embed-host',
    reason: 'Removed an embed from `tracker.example.com`: only embeds from `www.youtube-nocookie.com` are allowed',
  },
  {
    name: 'a second headline in raw HTML',
    text: `---\n${valid}\n---\n\n<h1>Again</h1>\n`,
    line: 9, column: 1, rule: 'unsafe-html',
    reason: 'Removed the `<h1>` tag (its text is kept): the desk’s pages do not allow it',
  },
  {
    name: 'an inline style',
    text: `---\n${valid}\n---\n\nText <span style="color:red">red</span>\n`,
    line: 9, column: 6, rule: 'unsafe-html',
    reason: 'Removed `style` from `<span>`: the desk’s pages do not allow it',
  },
]

describe('parseArticle: house style', () => {
  it.each(houseStyle)('warns about $name at $line:$column', async ({text, site: overrides, line, column, rule, reason}) => {
    const file = new VFile({path: '/site/articles/clashes.md', value: text})
    const {article} = await parseArticle(file, {...site, ...overrides})
    expect(article).toBeDefined()
    expect(file.messages.map((m) => ({line: m.line, column: m.column, rule: m.ruleId, reason: m.reason, fatal: m.fatal}))).toEqual([
      {line, column, rule, reason, fatal: false},
    ])
  })

  it('curls quotes in the text and the front matter for a desk that asks the build to', async () => {
    const file = new VFile({
      path: '/site/articles/clashes.md',
      value: `---\n${valid.replace('Clashes erupt in south Kyrgyzstan', 'Calm "returns" to Osh\'s streets')}\n---\n\nHe said: "It's over." Code stays \`"as is"\`.\n`,
    })
    const {article} = await parseArticle(file, {...site, houseStyle: {...site.houseStyle, quotes: 'smart'}})
    expect(file.messages).toEqual([])
    expect(article?.title).toBe('Calm “returns” to Osh’s streets')
    expect(article?.body.children).toEqual([{type: 'raw', value: '<p>He said: “It’s over.” Code stays <code>"as is"</code>.</p>'}])
  })

  it('lets an embed from an allowed host through, with only the attributes an embed needs', async () => {
    const file = new VFile({
      path: '/site/articles/clashes.md',
      value: `---\n${valid}\n---\n\n<iframe src="https://www.youtube-nocookie.com/embed/x" title="Osh at night" width="560" height="315" allowfullscreen></iframe>\n`,
    })
    const {article} = await parseArticle(file, {...site, embedHosts: ['www.youtube-nocookie.com']})
    expect(file.messages).toEqual([])
    expect(article?.body.children).toEqual([
      {type: 'raw', value: '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Osh at night" width="560" height="315" allowfullscreen></iframe>'},
    ])
  })
})

describe('parseArticle: raw HTML beside Markdown', () => {
  it('keeps Markdown links a story without HTML would keep, and drops a style sheet with its text', async () => {
    const {article, problems} = await parse(
      `---\n${valid}\n---\n\n<b>Call</b> [the desk](tel:+44123) or [write](MAILTO:desk@example.org), see ![map](http://example.com/m.png).\n\n<style>body{display:none}</style>\n`,
    )
    expect(article?.body.children).toEqual([
      {
        type: 'raw',
        value: '<p><b>Call</b> <a href="tel:+44123">the desk</a> or <a href="mailto:desk@example.org">write</a>, see <img src="http://example.com/m.png" alt="map">.</p>\n',
      },
    ])
    expect(problems).toEqual([
      {line: 9, column: 77, rule: 'insecure-link', reason: 'Link to `http://example.com/m.png` is not secure: use `https://` if the site offers it', fatal: false},
      {line: 11, column: 1, rule: 'unsafe-html', reason: 'Removed `<style>` and its contents: the desk’s stylesheet styles every story', fatal: false},
    ])
  })
})

describe('parseArticle: links to the rest of the site', () => {
  it('collects links to pages of this site, with their places, for checking once every page is known', async () => {
    const {article, problems} = await parse(
      `---\n${valid}\nin_depth:\n  - links:\n      - title: Section\n        url: /central-south-asia/\n---\n\n[Topics](/topics/), [home](https://news.example.org/) and [elsewhere](https://example.com/), [here](#top).\n`,
    )
    expect(problems).toEqual([])
    expect(article?.siteLinks).toEqual([
      {href: '/topics/', place: {line: 13, column: 1, offset: expect.any(Number)}},
      {href: 'https://news.example.org/', place: {line: 13, column: 21, offset: expect.any(Number)}},
      {href: '/central-south-asia/', place: {line: 10, column: 14, offset: expect.any(Number)}},
    ])
  })

  it('holds a link to another story’s file as a token in the body, to be rewritten to that story’s URL', async () => {
    const {article} = await parse(`---\n${valid}\n---\n\nSee [the curfew](../14/osh%20curfew.md#reaction).\n`)
    const [link] = article?.storyLinks ?? []
    expect(link).toMatchObject({href: '../14/osh%20curfew.md#reaction', target: '/site/14/osh curfew.md', suffix: '#reaction', place: {line: 9, column: 5}})
    expect(article?.body.children).toEqual([{type: 'raw', value: `<p>See <a href="${link?.token}">the curfew</a>.</p>`}])
  })
})
