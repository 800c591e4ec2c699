// Reads and validates a site's `site.yaml`, reporting every problem on its VFile.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {resolveImage} from '../content/resolve-image.ts'
import {validateYaml} from '../yaml/validate-yaml.ts'
import {hasErrors, reportError} from '../problems.ts'
import type {SiteConfig} from './site-config.ts'
import {siteHelp, siteSchema} from './site-schema.ts'

export const siteConfigName = 'site.yaml'

/** URL prefixes the build itself uses, which a section must not take. */
const reservedSlugs = ['topics', 'assets', 'corrections', 'sitemaps']

export interface LoadedSiteConfig {
  file: VFile
  config?: SiteConfig | undefined
}

export async function loadSiteConfig(siteDir: string): Promise<LoadedSiteConfig> {
  const filePath = path.join(siteDir, siteConfigName)
  let value: string
  try {
    value = await readFile(filePath, 'utf8')
  } catch {
    const file = new VFile({path: filePath})
    reportError(file, `There is no ${siteConfigName} in ${siteDir}: a site needs one naming the desk, its address and its sections`, {
      ruleId: 'missing-config',
      note: 'See “Configuring the site” in the README for an example.',
    })
    return {file}
  }

  const file = new VFile({path: filePath, value})
  const {data, places} = validateYaml({file, yaml: value, yamlStart: 0, schema: siteSchema, help: siteHelp, name: siteConfigName})
  if (!data) return {file}

  const seen = new Set<string>()
  data.sections.forEach((section, index) => {
    if (reservedSlugs.includes(section.slug)) {
      reportError(file, `Section slug \`${section.slug}\` is taken by the site’s own pages: choose another`, {
        place: places.value(['sections', index, 'slug']),
        ruleId: 'reserved-slug',
      })
    }
    if (seen.has(section.slug)) {
      reportError(file, `Section \`${section.slug}\` is listed twice: give each section its own slug`, {
        place: places.value(['sections', index, 'slug']),
        ruleId: 'duplicate-section',
      })
    }
    seen.add(section.slug)
  })

  const url = new URL(data.url)
  if (url.pathname !== '/' || url.search || url.hash) {
    reportError(file, '`url` must be the address of the site’s root, without a path: pages link to each other from `/`', {
      place: places.value(['url']),
      ruleId: 'invalid-value',
    })
  }

  const logo =
    data.logo === undefined
      ? undefined
      : await resolveImage(file, {src: data.logo, alt: data.name, srcPlace: places.value(['logo'])}, siteDir, {
          name: 'logo',
          nextTo: siteConfigName,
          what: 'logo',
        })

  if (hasErrors(file)) return {file}
  return {
    file,
    config: {
      name: data.name,
      url: url.origin,
      language: data.language,
      timezone: data.timezone,
      description: data.description,
      logo: logo && {url: logo.url, sourcePath: logo.sourcePath, width: logo.width, height: logo.height},
      twitter: data.twitter,
      feedItems: data.feed_items,
      pageSize: data.page_size,
      sections: data.sections.map((section) => ({...section, url: `/${section.slug}/`})),
      houseStyle: {
        headlineLength: data.house_style.headline_length,
        standfirstLength: data.house_style.standfirst_length,
        quotes: data.house_style.quotes,
      },
      embedHosts: data.embed_hosts,
    },
  }
}
