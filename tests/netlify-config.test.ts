// netlify.toml is what Netlify reads on every deploy: check it as Netlify would, by parsing it.
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {parse} from 'smol-toml'
import {describe, expect, it} from 'vitest'
import {planSite} from '../scripts/build-site.ts'

interface NetlifyConfig {
  build: {command: string; publish: string; environment: Record<string, string>}
  headers: Array<{for: string; values: Record<string, string>}>
  redirects: Array<{from: string; to: string; status: number; force?: boolean}>
}

const config = parse(await readFile(new URL('../netlify.toml', import.meta.url), 'utf8')) as unknown as NetlifyConfig
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {scripts: Record<string, string>; engines: {node: string}}

describe('netlify.toml', () => {
  it('builds with `npm run build -- --strict` on Node 22 and publishes dist/', () => {
    expect(config.build.command).toBe('npm run build -- --strict')
    expect(pkg.scripts.build).toBeDefined()
    expect(config.build.publish).toBe('dist')
    expect(config.build.environment.NODE_VERSION).toBe('22')
  })

  it('lets browsers keep hashed assets for a year, and sets no other Cache-Control that Netlify would merge into it', () => {
    const caching = config.headers.filter((rule) => Object.keys(rule.values).some((name) => name.toLowerCase() === 'cache-control'))
    expect(caching).toEqual([{for: '/assets/*', values: {'Cache-Control': 'public, max-age=31536000, immutable'}}])
  })

  it('serves the 404 page for unknown addresses without hiding real files', () => {
    expect(config.redirects).toContainEqual({from: '/*', to: '/404.html', status: 404})
    expect(config.redirects.every((rule) => rule.force !== true)).toBe(true)
  })
})

describe('the repository’s own site', () => {
  it('passes the strict build the deploy runs: no errors and no warnings', async () => {
    const {files, pages} = await planSite({siteDir: fileURLToPath(new URL('..', import.meta.url)), strict: true})
    expect(files.flatMap((file) => file.messages.map((message) => message.reason))).toEqual([])
    expect(pages?.length).toBeGreaterThan(0)
  })
})

describe('package.json', () => {
  it('declares the Node versions the code runs on', () => {
    expect(pkg.engines.node).toBe('>=20.19')
  })
})
