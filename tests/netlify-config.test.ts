// netlify.toml is what Netlify reads on every deploy: check it as Netlify would, by parsing it.
import {readFile} from 'node:fs/promises'
import {parse} from 'smol-toml'
import {describe, expect, it} from 'vitest'

interface NetlifyConfig {
  build: {command: string; publish: string; environment: Record<string, string>}
  headers: Array<{for: string; values: Record<string, string>}>
  redirects: Array<{from: string; to: string; status: number; force?: boolean}>
}

const config = parse(await readFile(new URL('../netlify.toml', import.meta.url), 'utf8')) as unknown as NetlifyConfig
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {scripts: Record<string, string>; engines: {node: string}}

describe('netlify.toml', () => {
  it('builds with `npm run build` on Node 22 and publishes dist/', () => {
    expect(config.build.command).toBe('npm run build')
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

describe('package.json', () => {
  it('declares the Node versions the code runs on', () => {
    expect(pkg.engines.node).toBe('>=20.19')
  })
})
