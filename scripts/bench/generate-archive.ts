// Generates a deterministic archive of wire-style stories (680-910 words, 8 sections) for benchmarks: the same N gives the same files.
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

export const benchSections = [
  ['central-south-asia', 'Central & South Asia'],
  ['middle-east', 'Middle East'],
  ['africa', 'Africa'],
  ['europe', 'Europe'],
  ['americas', 'Americas'],
  ['asia-pacific', 'Asia Pacific'],
  ['business', 'Business'],
  ['science', 'Science & Environment'],
] as const

const words = (
  'government officials said the protesters gathered near parliament on friday while police watched from ' +
  'nearby streets and the interim authorities promised talks with opposition leaders before elections planned ' +
  'for next month amid reports of clashes in the south where supporters of the former president had seized ' +
  'regional buildings and blocked roads leading to the airport according to witnesses and local journalists'
).split(' ')
const places = ['Osh', 'Bishkek', 'Jalal-Abad', 'Almaty', 'Tashkent', 'Dushanbe', 'Kabul', 'Karachi', 'Colombo', 'Dhaka']

/** A small, fast, seeded generator: benchmarks must compare the same archive run after run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sentence(next: () => number, length: number): string {
  const picked = Array.from({length}, () => words[Math.floor(next() * words.length)]!)
  const text = picked.join(' ')
  return text[0]!.toUpperCase() + text.slice(1) + '.'
}

/** Minutes between stories: every few hours, closer for a huge archive, so even 100,000 stories end before today. */
function spacingMinutes(count: number): number {
  return Math.min(180, Math.floor((25 * 365 * 24 * 60) / count))
}

export function storyText(index: number, archiveSize: number): {file: string; text: string} {
  const next = random(index + 1)
  const [section] = benchSections[index % benchSections.length]!
  const place = places[index % places.length]!
  // Spread from 2000 on, so URLs stay unique and dates realistic.
  const spacing = spacingMinutes(archiveSize) * 60_000
  const published = new Date(Date.UTC(2000, 0, 1) + index * spacing + Math.floor(next() * spacing * 0.9))
  const target = 680 + Math.floor(next() * 231)
  const paragraphs: string[] = []
  let written = 0
  while (written < target) {
    const length = 40 + Math.floor(next() * 30)
    const kind = next()
    if (paragraphs.length > 0 && paragraphs.length % 6 === 0) paragraphs.push(`## ${sentence(next, 3).slice(0, -1)}`)
    if (kind < 0.1) paragraphs.push(`> ${sentence(next, length)}`)
    else if (kind < 0.17) paragraphs.push(['- ', '- ', '- '].map((dash) => dash + sentence(next, 8)).join('\n'))
    else if (kind < 0.35) paragraphs.push(`${sentence(next, length)} [Read more](https://example.org/archive/${index}) about ${place}.`)
    else paragraphs.push(`"${sentence(next, 12)}" an official in ${place} said. ${sentence(next, length)}`)
    written += length + 12
  }
  const text = [
    '---',
    `title: ${JSON.stringify(`${sentence(next, 6).slice(0, -1)} in ${place}`)}`,
    `standfirst: ${JSON.stringify(sentence(next, 16))}`,
    `section: ${section}`,
    `published: ${published.toISOString().replace('.000', '')}`,
    'byline: Desk staff and agencies',
    `topics: [${JSON.stringify(place)}, ${JSON.stringify(`Topic ${index % 40}`)}]`,
    '---',
    '',
    paragraphs.join('\n\n'),
    '',
  ].join('\n')
  // A folder a month, as the README advises: watch mode reads a folder again whenever a file in it changes.
  const month = String(published.getUTCMonth() + 1).padStart(2, '0')
  return {file: `${published.getUTCFullYear()}/${month}/story-${String(index).padStart(6, '0')}.md`, text}
}

/** Writes `count` stories and a site.yaml into `dir`, replacing what was there. */
export async function generateArchive(dir: string, count: number): Promise<void> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(path.join(dir, 'articles'), {recursive: true})
  const sections = benchSections.map(([slug, title]) => `  - slug: ${slug}\n    title: ${JSON.stringify(title)}`).join('\n')
  await writeFile(path.join(dir, 'site.yaml'), `name: Bench Desk\nurl: https://bench.example.org\nlanguage: en\ntimezone: UTC\nsections:\n${sections}\n`)
  const made = new Set<string>()
  for (let index = 0; index < count; index++) {
    const {file, text} = storyText(index, count)
    const target = path.join(dir, 'articles', file)
    const folder = path.dirname(target)
    if (!made.has(folder)) {
      await mkdir(folder, {recursive: true})
      made.add(folder)
    }
    await writeFile(target, text)
  }
}
