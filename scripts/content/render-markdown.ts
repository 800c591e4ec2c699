// Turns a story's Markdown body into an HTML syntax tree through the unified pipeline (remark-parse, remark-rehype),
// sanitizing the raw HTML a story may carry.
import type {Root} from 'hast'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkSmartypants from 'remark-smartypants'
import {unified, type PluggableList, type Processor} from 'unified'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {SiteConfig} from '../config/site-config.ts'
import {reportError} from '../problems.ts'
import {checkBody, checkHtmlLinks, type BodyFindings} from './check-body.ts'
import {compactBody, compactHtml} from './compact-body.ts'
import {plainHtml} from './plain-html.ts'
import {parsePlainMarkdown} from './plain-markdown.ts'
import {setHtmlApart} from './raw-html-place.ts'
import {rehypeSanitizeStory} from './sanitize-html.ts'
import {smartQuoteOptions} from './smart-quotes.ts'

export interface RenderedBody extends Pick<BodyFindings, 'siteLinks' | 'storyLinks'> {
  /** The body's HTML, kept small (see compact-body.ts). */
  body: Root
}

interface Pipelines {
  /** For stories without raw HTML (nearly all): Markdown alone cannot produce unsafe HTML. */
  markdown: Processor<any, any, any, any, any>
  /** Whether `markdown` is remark-parse and remark-rehype alone, which plain-html.ts can stand in for. */
  plain: boolean
  /**
   * For stories with raw HTML: it is parsed and passed through the desk's allow-list. Made on first use: its
   * HTML parser (parse5, a quarter of the code a build loads) is loaded only by a process that meets raw HTML.
   */
  withHtml: () => Promise<Processor<any, any, any, any, any>>
}

// Built once per configuration: each story reuses the same frozen pipelines.
const pipelines = new Map<string, Pipelines>()

function pipelinesFor(site: SiteConfig): Pipelines {
  const smart = site.houseStyle.quotes === 'smart'
  const key = JSON.stringify([smart, site.embedHosts])
  let found = pipelines.get(key)
  if (!found) {
    const quotes: PluggableList = smart ? [[remarkSmartypants, smartQuoteOptions]] : []
    const markdownTree = () => unified().use(remarkParse).use(quotes)
    let withHtml: Promise<Processor<any, any, any, any, any>> | undefined
    found = {
      markdown: markdownTree().use(remarkRehype).freeze(),
      plain: !smart,
      withHtml: () =>
        (withHtml ??= import('rehype-raw').then(
          ({default: rehypeRaw}) =>
            markdownTree()
              .use(remarkRehype, {allowDangerousHtml: true})
              .use(rehypeRaw)
              .use(rehypeSanitizeStory, {embedHosts: site.embedHosts})
              .freeze(),
          (error: unknown) => {
            // Tried again by the next story with raw HTML, rather than failing every one after it.
            withHtml = undefined
            throw error
          },
        )),
    }
    pipelines.set(key, found)
  }
  return found
}

/**
 * Renders the body that starts at `bodyStart` in `file`. The front matter is blanked out rather than cut
 * off, so every position in the trees (and in every message) is a position in the reporter's file.
 */
export async function renderMarkdown(file: VFile, bodyStart: number, site: SiteConfig): Promise<RenderedBody> {
  const text = String(file.value)
  const masked = text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart)
  const start = location(file).toPoint(bodyStart) ?? {line: 1, column: 1}
  const {markdown, withHtml, plain} = pipelinesFor(site)
  try {
    const tree = (plainReadable(markdown) && parsePlainMarkdown(masked)) || markdown.parse(masked)
    const context = {siteUrl: site.url, quotes: site.houseStyle.quotes}
    const findings = checkBody(tree, file, start, context)
    const html = plain && !findings.hasHtml ? plainHtml(tree) : undefined
    if (html !== undefined) return {body: compactHtml(html), siteLinks: findings.siteLinks, storyLinks: findings.storyLinks}
    // The sanitizer places its warnings by the raw HTML's pieces, as the link check below does.
    const pieces = findings.hasHtml ? (file.data.rawHtml = setHtmlApart(tree, file)) : undefined
    const rendered = (await (pieces ? await withHtml() : markdown).run(tree, file)) as Root
    if (pieces) checkHtmlLinks(rendered, file, context, findings, pieces)
    return {body: compactBody(rendered), siteLinks: findings.siteLinks, storyLinks: findings.storyLinks}
  } catch (error) {
    // The syntax-tree utilities recurse; thousands of nested quotes or lists exhaust the stack.
    if (!(error instanceof RangeError)) throw error
    reportError(file, 'The story is nested too deeply to publish (quotes or lists inside each other thousands of times): simplify it', {
      place: start,
      ruleId: 'too-deep',
    })
    return {body: compactHtml(''), siteLinks: [], storyLinks: []}
  }
}

/** The plain reader knows CommonMark as remark-parse reads it alone: a syntax extension (GFM, say) changes the answer. */
function plainReadable(processor: Processor<any, any, any, any, any>): boolean {
  const extensions = processor.data('micromarkExtensions') as unknown[] | undefined
  return extensions === undefined || extensions.length === 0
}
