// A small site with one of every kind of page a reader meets, built from the desk's real first story and a few more: for the tests that judge pages as a browser, a validator or a phone would.
import {copyFile, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {buildSite} from '../../scripts/build-site.ts'
import {makeSite, siteYaml, story} from './fixture-site.ts'

const seed = fileURLToPath(new URL('../../articles/2010/05/', import.meta.url))

/** One URL per kind of page, as the issue lists them: story, section and its later pages, topic, home, corrections, 404. */
export const pageTypes = {
  article: '/central-south-asia/2010/05/15/clashes-erupt-in-south-kyrgyzstan/',
  section: '/central-south-asia/',
  'section page 2': '/central-south-asia/page/2/',
  topic: '/topics/kyrgyzstan/',
  topics: '/topics/',
  home: '/',
  corrections: '/corrections/',
  '404': '/404.html',
} as const

export type PageType = keyof typeof pageTypes

const photo = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="#5b6770"/><text x="600" y="350" font-size="64" text-anchor="middle" fill="#fff">${label}</text></svg>\n`

const paragraphs = [
  'Security forces moved into the centre of the city on Saturday after a night of gunfire, witnesses said.',
  '## Calls for calm',
  'The interim government said it had restored order and urged residents to stay at home after dark.',
  '> "We have not slept for two days," one resident told reporters by telephone.',
  'Hospitals reported dozens of people treated for injuries, several of them serious.',
].join('\n\n')

/** Stories besides the seed: enough for a second page of the section (`page_size: 3`) and the other section. */
const stories: Array<{file: string; fields: Record<string, string>}> = [
  {file: 'osh-curfew.md', fields: {title: 'Curfew imposed in Osh', standfirst: 'Troops patrol empty streets after a second night of violence.', published: '2010-05-16T08:00:00Z', topics: '[Kyrgyzstan, Osh]', image: '\n  src: osh-curfew.svg\n  alt: Soldiers at a checkpoint in Osh\n  caption: Soldiers man a checkpoint on the road into Osh\n  credit: Reuters', corrections: '\n  - date: 2010-05-16T12:00:00Z\n    text: An earlier version gave the wrong time for the start of the curfew.'}},
  {file: 'refugees.md', fields: {title: 'Thousands cross into Uzbekistan', standfirst: 'Families wait at the border as the violence spreads.', published: '2010-05-14T10:00:00Z', topics: '[Kyrgyzstan, Uzbekistan]'}},
  {file: 'bishkek.md', fields: {title: 'Bishkek calm as talks begin', standfirst: 'The interim leaders meet regional elders in the capital.', published: '2010-05-13T10:00:00Z', topics: '[Kyrgyzstan]'}},
  {file: 'elections.md', fields: {title: 'Referendum date confirmed', standfirst: 'Voters will decide on a new constitution next month.', published: '2010-05-12T10:00:00Z', topics: '[Kyrgyzstan, Elections]'}},
  {file: 'cairo-talks.md', fields: {title: 'Ceasefire talks resume in Cairo', standfirst: 'Delegations meet for a third day.', section: 'middle-east', published: '2010-05-15T09:00:00Z', topics: '[Diplomacy]'}},
]

export interface PageTypesSite {
  siteDir: string
  outDir: string
}

/** Builds the site into `<site>/dist`; throws, with the build's messages, if it does not build cleanly. */
export async function buildPageTypesSite(): Promise<PageTypesSite> {
  const files: Record<string, string> = {'site.yaml': siteYaml.replace('url: https://news.example.org', 'url: https://news.example.org\npage_size: 3')}
  for (const {file, fields} of stories) files[`articles/2010/05/${file}`] = story(fields, `${paragraphs}\n`)
  files['articles/2010/05/osh-curfew.svg'] = photo('Osh')
  const siteDir = await makeSite(files)
  for (const name of ['clashes-erupt-in-south-kyrgyzstan.md', 'clashes-erupt-in-south-kyrgyzstan.svg']) {
    await mkdir(path.join(siteDir, 'articles/2010/05'), {recursive: true})
    await copyFile(path.join(seed, name), path.join(siteDir, 'articles/2010/05', name))
  }
  const outDir = path.join(siteDir, 'dist')
  const result = await buildSite({siteDir, outDir})
  const problems = result.files.flatMap((file) => file.messages.map(String))
  if (!result.ok || problems.length > 0) throw new Error(`The page-types site did not build cleanly:\n${problems.join('\n')}`)
  return {siteDir, outDir}
}

