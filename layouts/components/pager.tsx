// Links between the pages of a long list of stories: newer, older, and where the reader is.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {Pagination} from '../../scripts/pages/page.ts'

export function Pager(props: {pagination: Pagination}): Result | null {
  const {page, pages, previous, next} = props.pagination
  if (pages === 1) return null
  return (
    <nav class="pager" aria-label="More stories">
      {previous ? (
        <a href={previous} rel="prev">
          Newer stories
        </a>
      ) : null}
      {/* Real spaces between the parts, so the pager reads right without the stylesheet too. */}
      {previous ? ' ' : null}
      <span class="pager-status">
        Page {page} of {pages}
      </span>
      {next ? ' ' : null}
      {next ? (
        <a href={next} rel="next">
          Older stories
        </a>
      ) : null}
    </nav>
  )
}

/** `Central & South Asia`, or `Central & South Asia, page 2` after the first page. */
export function pagedTitle(title: string, pagination: Pagination): string {
  return pagination.page === 1 ? title : `${title}, page ${pagination.page}`
}
