// schema.org data about a story, as search engines read it from the page's JSON-LD (Google's NewsArticle guidelines).
import type {SiteConfig} from '../config/site-config.ts'
import type {Article} from '../content/article.ts'
import {absoluteUrl, machineTime} from '../formats/machine-time.ts'

export function newsArticleData(article: Article, site: SiteConfig): Record<string, unknown> {
  const url = absoluteUrl(site.url, article.url)
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.standfirst,
    url,
    mainEntityOfPage: {'@type': 'WebPage', '@id': url},
    image: article.image ? [absoluteUrl(site.url, article.image.url)] : undefined,
    datePublished: machineTime(article.published),
    dateModified: machineTime(article.modified ?? article.published),
    author: [{'@type': bylineType(article.byline, site), name: article.byline}],
    publisher: publisherData(site),
    articleSection: site.sections.find((section) => section.slug === article.section)?.title,
    keywords: article.topics.length > 0 ? article.topics.map((topic) => topic.name) : undefined,
    inLanguage: site.language,
  }
}

export function publisherData(site: SiteConfig): Record<string, unknown> {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.name,
    url: absoluteUrl(site.url, '/'),
    logo: site.logo && {
      '@type': 'ImageObject',
      url: absoluteUrl(site.url, site.logo.url),
      width: site.logo.width,
      height: site.logo.height,
    },
  }
}

/**
 * A credit line names people (`Jane Doe in Osh`) or the desk and its sources (`Al Jazeera and agencies`,
 * `Staff`); search engines want to know which.
 */
function bylineType(byline: string, site: SiteConfig): 'Person' | 'Organization' {
  const organisation =
    /\b(agenc(y|ies)|staff|desk|wires?|reporters|correspondents|newsroom|reuters|afp|ap|associated press|agence france-presse|xinhua|tass|interfax|anadolu|bloomberg|dpa|efe)\b/i
  return organisation.test(byline) || byline.toLowerCase().includes(site.name.toLowerCase()) ? 'Organization' : 'Person'
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` is written as `\u003c`, so no text in the data (a
 * headline quoting `</script>`) can end the script early. JSON reads the escape back as `<`.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replaceAll('<', '\\u003c')
}
