import {mkdir, realpath, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startPreviewServer, type PreviewServer} from '../../scripts/serve/preview-server.ts'
import {tempDir} from '../helpers/fixture-site.ts'
import {rawGet} from '../helpers/raw-get.ts'

let server: PreviewServer
let root: string

const get = (rawPath: string) => rawGet(server.url, rawPath)

beforeAll(async () => {
  const dir = await realpath(await tempDir())
  root = path.join(dir, 'site')
  await mkdir(path.join(root, 'news/story'), {recursive: true})
  await writeFile(path.join(root, 'index.html'), '<p>home</p>')
  await writeFile(path.join(root, 'news/story/index.html'), '<p>story</p>')
  await writeFile(path.join(root, 'about.html'), '<p>about</p>')
  await writeFile(path.join(root, '404.html'), '<p>not here</p>')
  await writeFile(path.join(root, 'style.css'), 'p{}')
  await writeFile(path.join(dir, 'secret.txt'), 'outside the site')
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'))
  await symlink(dir, path.join(root, 'parent'))
  server = await startPreviewServer({root, port: 0})
})

afterAll(async () => {
  await server.close()
})

describe('the preview server', () => {
  it('listens on this machine only, unless told otherwise', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('serves folders by their index.html, as Netlify does', async () => {
    expect(await get('/')).toMatchObject({status: 200, body: '<p>home</p>', type: 'text/html; charset=utf-8'})
    expect(await get('/news/story/')).toMatchObject({status: 200, body: '<p>story</p>'})
  })

  it('redirects a folder without its slash, and serves `/about` from about.html', async () => {
    expect(await get('/news/story')).toMatchObject({status: 301, location: '/news/story/'})
    expect(await get('/about')).toMatchObject({status: 200, body: '<p>about</p>'})
  })

  it('answers unknown addresses with the site’s 404 page and a 404 status', async () => {
    expect(await get('/no/such/page/')).toMatchObject({status: 404, body: '<p>not here</p>'})
  })

  it('serves files with their content type', async () => {
    expect(await get('/style.css')).toMatchObject({status: 200, type: 'text/css; charset=utf-8'})
  })

  it.each(['/../secret.txt', '/news/../../secret.txt', '/%2e%2e/secret.txt', '/news/%2E%2E/%2E%2E/secret.txt', '/leak.txt', '/parent/secret.txt'])(
    'refuses to serve anything outside the site: %s',
    async (rawPath) => {
      const response = await get(rawPath)
      expect(response.body).not.toContain('outside the site')
      expect(response.status).toBe(404)
    },
  )

  it('refuses malformed and backslashed paths', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400)
    expect((await get('/..%5Csecret.txt')).status).toBe(400)
  })
})
