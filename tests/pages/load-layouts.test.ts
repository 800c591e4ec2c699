import {writeFile} from 'node:fs/promises'
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

  it('come from the site’s own layouts/index.ts when it has one, TSX components included', async () => {
    // A desk outside this repository that overrides only the 404 page, keeping the rest.
    const site = await makeSite({
      'articles/a.md': story(),
      'layouts/package.json': '{"type": "module"}\n',
      'layouts/lost.tsx': [
        '// The desk’s own 404 message.',
        '/** @jsxRuntime automatic @jsxImportSource hastscript */',
        "import type {Root} from 'hast'",
        "export const lost = (): Root => ({type: 'root', children: [<p class=\"lost\">Lost?</p>]}) as Root",
        '',
      ].join('\n'),
      'layouts/index.ts': [
        `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}`,
        "import {lost} from './lost.tsx'",
        'export default {...layouts, notFound: lost}',
        '',
      ].join('\n'),
    })
    expect(await resolveLayoutsDir(site)).toBe(path.join(site, 'layouts'))
    const out = path.join(site, 'dist')
    expect((await buildSite({siteDir: site, outDir: out})).ok).toBe(true)
    expect((await readPage(out, '/404.html')).html).toBe('<p class="lost">Lost?</p>\n')
    expect((await readPage(out, '/')).text('.lead-title')).toBe('Clashes erupt in south Kyrgyzstan')
  })

  it('load without a package.json of their own, and name the file, line and column of a mistake', async () => {
    const site = await makeSite({
      'articles/a.md': story(),
      'layouts/index.ts': `import layouts from ${JSON.stringify(path.join(defaultLayoutsDir, 'index.ts'))}\nexport default layouts\n`,
    })
    expect((await loadLayouts(path.join(site, 'layouts'))).stylesheet).toBe(path.join(defaultLayoutsDir, 'style.css'))

    await writeFile(path.join(site, 'layouts/index.ts'), 'export default {\n  article: () => (,\n}\n')
    await expect(loadLayouts(path.join(site, 'layouts'))).rejects.toThrow(/do not compile:\n\/.*\/layouts\/index\.ts:2:19: Unexpected \",\"$/)
  })

  it('say which layouts are missing from an incomplete set', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'package.json'), '{"type": "module"}\n')
    await writeFile(path.join(dir, 'index.ts'), 'export default {article: () => null}\n')
    await expect(loadLayouts(dir)).rejects.toThrow(
      /index\.ts must export default an object with `section`, `topic`, `topics`, `home`, `corrections`, `notFound`, `stylesheet`$/,
    )
  })
})
