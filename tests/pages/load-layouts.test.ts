import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite} from '../../scripts/build-site.ts'
import {defaultLayoutsDir, loadLayouts, resolveLayoutsDir} from '../../scripts/pages/load-layouts.ts'
import {makeSite, readPage, story, tempDir} from '../helpers/fixture-site.ts'

describe('layouts', () => {
  it('fall back to the repository’s when a site has none of its own', async () => {
    const site = await makeSite({'articles/a.md': story()})
    expect(await resolveLayoutsDir(site)).toBe(defaultLayoutsDir)
  })

  it('come from the site’s own layouts/index.ts when it has one', async () => {
    const site = await makeSite({'articles/a.md': story()})
    const own = path.join(site, 'layouts')
    await mkdir(own)
    // A desk that overrides only the 404 page, keeping the rest.
    await writeFile(
      path.join(own, 'index.ts'),
      `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}
export default {
  ...layouts,
  notFound: () => ({type: 'root', children: [{type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: 'Lost?'}]}]}),
}
`,
    )
    expect(await resolveLayoutsDir(site)).toBe(own)
    const out = path.join(site, 'dist')
    expect((await buildSite({siteDir: site, outDir: out})).ok).toBe(true)
    expect((await readPage(out, '/404.html')).html).toBe('<p>Lost?</p>\n')
    expect((await readPage(out, '/')).text('.lead-title')).toBe('Clashes erupt in south Kyrgyzstan')
  })

  it('say which layouts are missing from an incomplete set', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'index.ts'), 'export default {article: () => null}\n')
    await expect(loadLayouts(dir)).rejects.toThrow(
      /index\.ts must export default an object with `section`, `topic`, `topics`, `home`, `notFound`, `stylesheet`$/,
    )
  })
})
