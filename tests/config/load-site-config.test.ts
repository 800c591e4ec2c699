import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadSiteConfig} from '../../scripts/config/load-site-config.ts'
import {makeSite, siteYaml, tempDir} from '../helpers/fixture-site.ts'

function problemsOf(file: {messages: Array<{line?: number | undefined; column?: number | undefined; reason: string; ruleId?: string | undefined}>}) {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`)
}

describe('loadSiteConfig', () => {
  it('reads the desk’s settings, fills defaults and works out section URLs', async () => {
    const dir = await makeSite({'site.yaml': 'name: Desk\nurl: https://example.org/\nsections:\n  - slug: sport\n    title: Sport\n'})
    const {config, file} = await loadSiteConfig(dir)
    expect(file.messages).toEqual([])
    expect(config).toEqual({
      name: 'Desk',
      url: 'https://example.org',
      language: 'en',
      timezone: 'UTC',
      description: undefined,
      logo: undefined,
      twitter: undefined,
      feedItems: 20,
      pageSize: 20,
      sections: [{slug: 'sport', title: 'Sport', description: undefined, url: '/sport/'}],
      houseStyle: {headlineLength: 100, standfirstLength: 300, quotes: 'as-written'},
      embedHosts: [],
    })
  })

  it('measures the logo and gives it a content-hashed address, or says what is wrong with it', async () => {
    const png = await readFile(new URL('../../assets/logo.png', import.meta.url))
    const good = await makeSite({'site.yaml': `${siteYaml}logo: brand/logo.png\n`})
    await mkdir(path.join(good, 'brand'))
    await writeFile(path.join(good, 'brand/logo.png'), png)
    const {config} = await loadSiteConfig(good)
    expect(config?.logo).toEqual({url: expect.stringMatching(/^\/assets\/media\/logo\.[0-9a-f]{10}\.png$/), sourcePath: path.join(good, 'brand/logo.png'), width: 600, height: 60})

    const missing = await loadSiteConfig(await makeSite({'site.yaml': `${siteYaml}logo: brand/nowhere.png\n`}))
    expect(missing.config).toBeUndefined()
    expect(missing.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
      `${siteYaml.split('\n').length}:7 Image \`brand/nowhere.png\` not found next to site.yaml: add the file or fix the name`,
    ])
  })

  it('keeps the order of sections, which is the navigation order', async () => {
    const {config} = await loadSiteConfig(await makeSite({'site.yaml': siteYaml}))
    expect(config?.sections.map((s) => s.slug)).toEqual(['central-south-asia', 'middle-east'])
  })

  it('reports every problem with its position', async () => {
    const dir = await makeSite({
      'site.yaml': [
        'name: Desk',
        'url: example.org',
        'timezone: Mars/Olympus',
        'langauge: en',
        'sections:',
        '  - slug: topics',
        '    title: Topics',
        '  - slug: Sport News',
        '    title: Sport',
        '  - slug: topics',
        '    title: Again',
        '',
      ].join('\n'),
    })
    const {config, file} = await loadSiteConfig(dir)
    expect(config).toBeUndefined()
    expect(problemsOf(file)).toEqual([
      '2:6 invalid-value: `url` must be the site’s address, starting with `https://`',
      '3:11 invalid-value: `timezone` must be an IANA time zone, like `UTC`, `Europe/London` or `Asia/Bishkek`',
      '8:11 invalid-value: `sections[1].slug` must be lowercase words joined by hyphens, like `clashes-erupt-in-south-kyrgyzstan`',
      '4:1 unknown-field: Unknown field `langauge`: did you mean `language`?',
    ])
  })

  it('refuses section slugs the site’s own pages use, and slugs listed twice', async () => {
    const dir = await makeSite({
      'site.yaml': 'name: Desk\nurl: https://example.org\nsections:\n  - slug: topics\n    title: T\n  - slug: sport\n    title: S\n  - slug: sport\n    title: S2\n',
    })
    const {file} = await loadSiteConfig(dir)
    expect(problemsOf(file)).toEqual([
      '4:11 reserved-slug: Section slug `topics` is taken by the site’s own pages: choose another',
      '8:11 duplicate-section: Section `sport` is listed twice: give each section its own slug',
    ])
  })

  it('refuses a site address with a path, since pages link from `/`', async () => {
    const dir = await makeSite({'site.yaml': 'name: Desk\nurl: https://example.org/news\nsections:\n  - slug: a\n    title: A\n'})
    expect(problemsOf((await loadSiteConfig(dir)).file)).toEqual([
      '2:6 invalid-value: `url` must be the address of the site’s root, without a path: pages link to each other from `/`',
    ])
  })

  it('refuses a second YAML document rather than ignoring it', async () => {
    const dir = await makeSite({'site.yaml': 'name: Desk\nurl: https://example.org\nsections:\n  - slug: a\n    title: A\n---\nname: B\n'})
    expect(problemsOf((await loadSiteConfig(dir)).file)).toEqual([
      '7:1 yaml-syntax: The site.yaml is not valid YAML: a second YAML document starts here: remove the `---` line above it',
    ])
  })

  it('says the whole file must be fields when it is a list', async () => {
    const dir = await makeSite({'site.yaml': '- a\n- b\n'})
    expect(problemsOf((await loadSiteConfig(dir)).file)).toEqual([
      '1:1 wrong-type: The site.yaml must be a group of fields (`key: value` lines), not a list',
    ])
  })

  it('explains what to do when there is no site.yaml', async () => {
    const dir = await tempDir()
    const {file, config} = await loadSiteConfig(dir)
    expect(config).toBeUndefined()
    expect(file.messages[0]?.reason).toBe(
      `There is no site.yaml in ${dir}: a site needs one naming the desk, its address and its sections`,
    )
  })
})
