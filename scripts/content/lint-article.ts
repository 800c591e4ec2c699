// The desk's house style for a story's front matter: warnings a reporter can fix, errors only under `--strict`.
import type {VFile} from 'vfile'
import type {SiteConfig} from '../config/site-config.ts'
import {reportWarning} from '../problems.ts'
import type {YamlPlaces} from '../yaml/yaml-places.ts'
import type {FrontMatter} from './article-schema.ts'
import {checkQuotes} from './check-body.ts'

/** Checks whichever fields are valid, like every other check on a story. */
export function lintFrontMatter(fields: Partial<FrontMatter>, file: VFile, places: YamlPlaces, site: SiteConfig): void {
  const {houseStyle} = site
  const tooLong = (field: 'title' | 'standfirst', name: string, limit: number) => {
    const length = [...(fields[field] ?? '')].length
    if (length <= limit) return
    reportWarning(file, `The ${name} is ${length} characters long, over the desk’s ${limit}: shorten it`, {
      place: places.value([field]),
      ruleId: `${name}-length`,
      note: `The limit is \`${name}_length\` under \`house_style\` in site.yaml.`,
    })
  }
  tooLong('title', 'headline', houseStyle.headlineLength)
  tooLong('standfirst', 'standfirst', houseStyle.standfirstLength)

  if (fields.title && fields.standfirst && repeats(fields.standfirst, fields.title)) {
    reportWarning(file, 'The standfirst repeats the headline: say what the headline does not', {
      place: places.value(['standfirst']),
      ruleId: 'standfirst-repeats-headline',
    })
  }

  if (fields.image && fields.image.credit === undefined) {
    reportWarning(file, 'The photo has no `credit`: add who took or supplied it, like `credit: AFP`', {
      place: places.key(['image']),
      ruleId: 'image-credit',
    })
  }

  if (houseStyle.quotes === 'typographic') {
    for (const field of ['title', 'standfirst', 'byline'] as const) {
      const value = fields[field]
      if (value !== undefined) checkQuotes(value, places.value([field]).start, file, field)
    }
    if (fields.image?.caption !== undefined) checkQuotes(fields.image.caption, places.value(['image', 'caption']).start, file, 'image.caption')
  }

  fields.in_depth?.forEach((group, groupIndex) =>
    group.links.forEach((link, linkIndex) => {
      if (!/^http:/i.test(link.url)) return
      reportWarning(file, `Link to \`${link.url}\` is not secure: use \`https://\` if the site offers it`, {
        place: places.value(['in_depth', groupIndex, 'links', linkIndex, 'url']),
        ruleId: 'insecure-link',
      })
    }),
  )
}

/** The standfirst is the headline, or holds all of a headline long enough for that to be no accident. */
function repeats(standfirst: string, title: string): boolean {
  const headline = comparable(title)
  const summary = comparable(standfirst)
  return summary === headline || (headline.split(' ').length >= 4 && ` ${summary} `.includes(` ${headline} `))
}

/** Lowercase letters and digits only: `Clashes erupt!` and `clashes erupt` read the same to a reader. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}
