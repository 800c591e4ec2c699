// The small label above a headline that says where it belongs: its section, or "Topic".
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'

export function Kicker(props: {href: string; label: string}): Result {
  return (
    <p class="kicker">
      <a href={props.href}>{props.label}</a>
    </p>
  )
}
