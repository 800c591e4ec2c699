import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadContent} from '../../scripts/content/load-content.ts'
import {makeSite, story} from '../helpers/fixture-site.ts'

// A 1x1 transparent PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

function problems(files: Awaited<ReturnType<typeof loadContent>>['files']) {
  return files.flatMap((file) =>
    file.messages.map((m) => `${file.path.replace(/.*\/articles\//, 'articles/')}:${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`),
  )
}

describe('loadContent', () => {
  it('orders stories newest first, whatever their file names', async () => {
    const siteDir = await makeSite({
      'articles/a.md': story({title: 'Older', published: '2010-05-14T09:00:00Z'}),
      'articles/z/b.md': story({title: 'Newer', published: '2010-05-15T09:00:00Z'}),
      'articles/c.md': story({title: 'Newest', published: '2010-05-15T10:00:00+00:00'}),
    })
    const {content} = await loadContent({siteDir})
    expect(content?.articles.map((a) => a.title)).toEqual(['Newest', 'Newer', 'Older'])
  })

  it('reports two stories with one URL on both files, naming the other', async () => {
    const siteDir = await makeSite({
      'articles/one/clashes.md': story(),
      'articles/two/clashes.md': story(),
    })
    const {content, files} = await loadContent({siteDir})
    expect(content).toBeUndefined()
    const messages = files.flatMap((file) => file.messages.map((m) => m.reason))
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatch(/^Another story has the same URL \/central-south-asia\/2010\/05\/15\/clashes\/: .*articles\/two\/clashes\.md; give one of them a different `slug`$/)
    expect(messages[1]).toMatch(/articles\/one\/clashes\.md;/)
  })

  it('reports every problem in every file in one run', async () => {
    const siteDir = await makeSite({
      'articles/a.md': story({section: 'sport'}),
      'articles/b.md': story({titel: 'x'}),
      'articles/c.md': story({}, ''),
    })
    const {files} = await loadContent({siteDir})
    expect(problems(files)).toEqual([
      'articles/a.md:4:10 error unknown-section',
      'articles/b.md:7:1 error unknown-field',
      'articles/c.md:8:1 error empty-body',
    ])
  })

  it('leaves drafts out, and turns their problems into warnings so they never stop a deploy', async () => {
    const siteDir = await makeSite({
      'articles/ready.md': story(),
      'articles/half-written.md': story({draft: 'true', section: 'sport'}),
    })
    const {content, files} = await loadContent({siteDir})
    expect(content?.articles.map((a) => a.slug)).toEqual(['ready'])
    expect(problems(files)).toEqual(['articles/half-written.md:4:10 warning unknown-section'])
  })

  it('includes drafts for previews when asked', async () => {
    const siteDir = await makeSite({'articles/preview.md': story({draft: 'true'})})
    const {content} = await loadContent({siteDir, includeDrafts: true})
    expect(content?.articles.map((a) => [a.slug, a.draft])).toEqual([['preview', true]])
  })

  it('finds the photo next to the story, measures it and gives it a content-hashed URL', async () => {
    const siteDir = await makeSite({
      'articles/2010/clashes.md': story({image: '\n  src: Osh Crowd.png\n  alt: A crowd in Osh\n  credit: AFP'}),
      'articles/2010/Osh Crowd.png': png,
    })
    const {content} = await loadContent({siteDir})
    expect(content?.articles[0]?.image).toMatchObject({
      url: expect.stringMatching(/^\/assets\/media\/osh-crowd\.[0-9a-f]{10}\.png$/),
      alt: 'A crowd in Osh',
      credit: 'AFP',
      width: 1,
      height: 1,
    })
  })

  it('reports a missing photo, and one outside the site, at `src`', async () => {
    const siteDir = await makeSite({
      'articles/a.md': story({image: '\n  src: nowhere.jpg\n  alt: A crowd\n  credit: AFP'}),
      'articles/b.md': story({slug: 'b', image: '\n  src: ../../../etc/passwd.png\n  alt: A crowd\n  credit: AFP'}),
      'articles/c.md': story({slug: 'c', image: '\n  src: https://cdn.example.org/x.jpg\n  alt: A crowd\n  credit: AFP'}),
    })
    const {files} = await loadContent({siteDir})
    const reasons = files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`))
    expect(reasons).toEqual([
      '8:8 Image `nowhere.jpg` not found next to the story: add the file or fix the name',
      '9:8 `image.src` points outside the site folder: copy the photo next to the story',
      '9:8 `image.src` must be a path relative to the story, like `photo.jpg`, not `https://cdn.example.org/x.jpg`: copy the photo next to the story',
    ])
  })

  it('reports a wrong field and a missing photo of one story in the same run', async () => {
    const siteDir = await makeSite({'articles/a.md': story({byline: '""', image: '\n  src: nowhere.jpg\n  alt: A crowd\n  credit: AFP'})})
    const {files} = await loadContent({siteDir})
    expect(problems(files)).toEqual(['articles/a.md:6:9 error empty-field', 'articles/a.md:8:8 error image-src'])
  })

  it('refuses two stories whose different topics would share one topic page', async () => {
    const siteDir = await makeSite({
      'articles/a.md': story({slug: 'a', topics: '[C]'}),
      'articles/b.md': story({slug: 'b', topics: '[c]'}),
      'articles/c.md': story({slug: 'c', topics: '[C++]'}),
    })
    const {content, files} = await loadContent({siteDir})
    expect(content).toBeUndefined()
    expect(files.flatMap((file) => file.messages.map((m) => `${file.basename}: ${m.reason}`))).toEqual([
      'c.md: Topic `C++` would share the page /topics/c/ with `C` (articles/a.md): rename one',
    ])
  })

  it('refuses story files the build would otherwise skip without a word', async () => {
    const {symlink} = await import('node:fs/promises')
    const siteDir = await makeSite({
      'articles/ok.md': story(),
      'articles/Shouting.MD': story({slug: 'shouting'}),
      'articles/long.markdown': story({slug: 'long'}),
      'articles/photo.jpg': 'not a story, and fine',
      'elsewhere/linked.md': story({slug: 'linked'}),
    })
    await symlink(`${siteDir}/elsewhere/linked.md`, `${siteDir}/articles/linked.md`)
    await symlink(`${siteDir}/elsewhere`, `${siteDir}/articles/linked-folder`)
    const {content, files} = await loadContent({siteDir})
    expect(content).toBeUndefined()
    expect(files.flatMap((file) => file.messages.map((m) => `${file.basename}: ${m.reason}`)).sort()).toEqual([
      'Shouting.MD: Stories must end in `.md`: rename it to `Shouting.md`',
      'linked-folder: Symbolic links are not followed: put the story itself (or its folder) inside articles/',
      'linked.md: Symbolic links are not followed: put the story itself (or its folder) inside articles/',
      'long.markdown: Stories must end in `.md`: rename it to `long.md`',
    ])
  })

  it('finds stories in folders at any depth, and leaves hidden files and folders to editors and tools', async () => {
    const siteDir = await makeSite({
      'articles/2010/05/b.md': story({slug: 'b'}),
      'articles/2010/a.md': story({slug: 'a'}),
      'articles/c.md': story({slug: 'c'}),
      'articles/.notes.md': 'an editor’s scratch file, not a story',
      'articles/2010/.c.md.swp': 'a swap file',
      'articles/.git/stray.markdown': 'not a story either',
    })
    const {content, files} = await loadContent({siteDir})
    expect(files.flatMap((file) => file.messages)).toEqual([])
    expect(content!.articles.map((article) => path.relative(siteDir, article.sourcePath)).sort()).toEqual([
      'articles/2010/05/b.md',
      'articles/2010/a.md',
      'articles/c.md',
    ])
  })

  it('reports misnamed story files in the order of their paths, whatever order the folders are walked in', async () => {
    // A walk meets `news/` (and all in it) before `news-2.markdown`; by path, `-` comes before `/`.
    const names = ['news/delta.markdown', 'news/alpha.MD', 'news-2.markdown', 'charlie.mkd', 'news/sub/bravo.mdown']
    const siteDir = await makeSite(Object.fromEntries(names.map((name) => [`articles/${name}`, story()])))
    const {files} = await loadContent({siteDir})
    const reported = files.filter((file) => file.messages.length > 0).map((file) => path.relative(path.join(siteDir, 'articles'), file.path))
    expect(reported).toEqual(['charlie.mkd', 'news-2.markdown', 'news/alpha.MD', 'news/delta.markdown', 'news/sub/bravo.mdown'])
  })

  it('refuses a photo that is a symbolic link to a file outside the site', async () => {
    const {symlink} = await import('node:fs/promises')
    const outside = await makeSite({'secret.png': png})
    const siteDir = await makeSite({'articles/a.md': story({image: '\n  src: photo.png\n  alt: A crowd\n  credit: AFP'})})
    await symlink(`${outside}/secret.png`, `${siteDir}/articles/photo.png`)
    const {files} = await loadContent({siteDir})
    expect(files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`))).toEqual([
      '8:8 `image.src` points outside the site folder: copy the photo next to the story',
    ])
  })

  it('reports a file that is not UTF-8 at its first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from(story({}, 'Caf')), Buffer.from([0xe9]), Buffer.from('\n')])
    const siteDir = await makeSite({'articles/latin1.md': latin1})
    const {files} = await loadContent({siteDir})
    expect(problems(files)).toEqual(['articles/latin1.md:9:4 error not-utf8'])
  })

  it('reads a story saved with a byte order mark', async () => {
    const siteDir = await makeSite({'articles/bom.md': `\uFEFF${story()}`})
    const {content} = await loadContent({siteDir})
    expect(content?.articles).toHaveLength(1)
  })

  it('explains a missing articles/ folder', async () => {
    const siteDir = await makeSite({})
    const {rm} = await import('node:fs/promises')
    await rm(`${siteDir}/articles`, {recursive: true})
    const {files} = await loadContent({siteDir})
    expect(files[0]?.messages[0]?.reason).toMatch(/^There is no articles\/ folder next to site\.yaml/)
  })
})
