// Parts that appear on many pages exactly alike (a story's card in every list that shows it, the masthead, the
// footer) are drawn once and kept as HTML while they are in use. On an archive of 10,000 stories this halves
// drawing time.
import type {Nodes} from 'hast'
import type {} from 'mdast-util-to-hast'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import {RecentMemo} from '../../scripts/recent-memo.ts'
import {serializeHtml} from '../../scripts/serialize-html.ts'

/**
 * Parts kept drawn, per site configuration: a page's cards are of stories published around each other, so the
 * last few thousand drawn are the ones asked for again, and memory stays the same for any size of archive.
 */
const drawnKept = 16_384

export type Raw = {type: 'raw'; value: string}

/**
 * Wraps a component so that, for one site configuration, props with the same key give the HTML drawn for that
 * key before, while it is kept (it is drawn again once dropped). The key must cover everything else the component
 * reads from its props, or a page's HTML would depend on what was kept; `identity` gives one for the objects
 * among them. What was drawn for a configuration goes with it: watch mode reads a new one every run.
 */
export function drawnOnce<Props extends {site: SiteContext}>(
  draw: (props: Props) => Nodes,
  keyOf: (props: Props) => string,
): (props: Props) => Raw {
  const bySite = new WeakMap<SiteContext['config'], RecentMemo<string, Raw>>()
  return (props) => {
    let drawn = bySite.get(props.site.config)
    if (!drawn) bySite.set(props.site.config, (drawn = new RecentMemo(drawnKept)))
    const key = `${props.site.stylesheet} ${keyOf(props)}`
    let raw = drawn.get(key)
    if (!raw) {
      raw = {type: 'raw', value: serializeHtml(draw(props))}
      drawn.set(key, raw)
    }
    return raw
  }
}

const ids = new WeakMap<object, string>()
let lastId = 0

/**
 * A key for a story: in a build, its cache key (the same on every worker thread, whatever copy of the story it
 * was sent); otherwise the object itself, which watch mode replaces whenever the story changes.
 */
export function identity(value: object & {cacheKey?: string | undefined}): string {
  if (typeof value.cacheKey === 'string') return value.cacheKey
  let id = ids.get(value)
  if (id === undefined) ids.set(value, (id = `#${++lastId}`))
  return id
}
