// Every kind of page passes html-validate's recommended rules, with the exceptions listed (and argued) in .htmlvalidate.mjs.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {FileSystemConfigLoader, HtmlValidate} from 'html-validate'
import {beforeAll, describe, expect, it} from 'vitest'
import {outputPathOf} from '../../scripts/content/permalinks.ts'
import {buildPageTypesSite, pageTypes, type PageTypesSite} from '../helpers/page-types-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))
// The loader finds the repository's .htmlvalidate.mjs from the name each page is validated under.
const validator = new HtmlValidate(new FileSystemConfigLoader())

let site: PageTypesSite
beforeAll(async () => {
  site = await buildPageTypesSite()
})

async function problems(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, path.join(repository, 'dist', name))
  return report.results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`))
}

describe('html-validate', () => {
  it.each(Object.entries(pageTypes))('passes the %s page (%s)', async (_type, url) => {
    const html = await readFile(path.join(site.outDir, outputPathOf(url)), 'utf8')
    expect(await problems(html, outputPathOf(url))).toEqual([])
  })

  it('would fail a page that broke the rules: the check is live', async () => {
    const broken = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><img src="a.png"><p><div>x</div></p></body></html>'
    expect((await problems(broken, 'broken.html')).length).toBeGreaterThan(0)
  })
})
