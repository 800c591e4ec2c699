import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {createLiveReload} from '../../scripts/watch/live-reload.ts'

const root = '/site/preview'
const page = '<!doctype html><html><body class="x"><h1>Story</h1></body></html>'

describe('live reload', () => {
  it('adds a reload script that names the page and the version it was served at', () => {
    const live = createLiveReload(root)
    const html = live.transformHtml(page, {path: '/news/story/', file: path.join(root, 'news/story/index.html'), status: 200})
    expect(html).toContain('/__desk/events?page=%2Fnews%2Fstory%2F&since=0')
    expect(html.indexOf('<script>')).toBeGreaterThan(html.indexOf('<h1>'))
    expect(html).not.toContain('desk-problems')
  })

  it('shows the problems over every page while the build is broken, escaped, and clears them when fixed', () => {
    const live = createLiveReload(root)
    live.publish({changedUrls: [], problems: ['articles/a.md:3:1: error: Missing `title` <b>now</b>']})
    const broken = live.transformHtml(page, {path: '/', file: path.join(root, 'index.html'), status: 200})
    expect(broken).toMatch(/<body class="x"><div id="desk-problems" role="alert"/)
    expect(broken).toContain('1 problem: the preview shows the last good version until it is fixed')
    expect(broken).toContain('Missing `title` &#60;b&#62;now&#60;/b&#62;')
    live.publish({changedUrls: [], problems: []})
    expect(live.transformHtml(page, {path: '/', file: path.join(root, 'index.html'), status: 200})).not.toContain('desk-problems')
  })

  it('tracks a 404 answer by the address asked for, so the page reloads when a story appears there', () => {
    const live = createLiveReload(root)
    const html = live.transformHtml(page, {path: '/news/moved/', file: path.join(root, '404.html'), status: 404})
    expect(html).toContain('page=%2Fnews%2Fmoved%2F&since=0')
  })

  it('cannot be broken out of by a page path', () => {
    const live = createLiveReload(root)
    const html = live.transformHtml(page, {path: '/</script><script>alert(1)</script>/', status: 404})
    expect(html.match(/<script>/g)).toHaveLength(1)
  })
})
