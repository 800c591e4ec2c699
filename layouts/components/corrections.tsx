// The corrections at the foot of a story, dated, oldest first: a reader sees what changed and when.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {Correction} from '../../scripts/content/article.ts'
import {formatDateTime} from '../../scripts/pages/format-date.ts'

export function Corrections(props: {corrections: readonly Correction[]; timezone: string}): Result {
  return (
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{props.corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
      <ul>
        {props.corrections.map((correction) => (
          <li>
            <time datetime={correction.date.iso}>{formatDateTime(correction.date.epochMs, props.timezone)}</time>
            {': '}
            {correction.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
