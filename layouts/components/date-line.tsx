// When the story was published and last changed, in the desk's time zone, machine-readable through <time>.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {Article} from '../../scripts/content/article.ts'
import {formatDate, formatDateTime} from '../../scripts/pages/format-date.ts'

export function DateLine(props: {article: Article; timezone: string}): Result {
  const {published, modified} = props.article
  const changed = modified !== undefined && modified.epochMs !== published.epochMs
  return (
    <p class="date-line">
      {modified === undefined || changed ? (
        <span>
          Published: <time datetime={published.iso}>{formatDateTime(published.epochMs, props.timezone)}</time>
        </span>
      ) : null}
      {changed ? ' ' : null}
      {modified ? (
        <span>
          Last Modified: <time datetime={modified.iso}>{formatDateTime(modified.epochMs, props.timezone)}</time>
        </span>
      ) : null}
    </p>
  )
}

/** The short date under a headline in a list. */
export function ListDate(props: {article: Article; timezone: string}): Result {
  const {published} = props.article
  return <time datetime={published.iso}>{formatDate(published.epochMs, props.timezone)}</time>
}
