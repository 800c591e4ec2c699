// The "in depth" box: groups of related links chosen by the editor, each group with an optional label.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {InDepthGroup} from '../../scripts/content/article.ts'

export function InDepth(props: {groups: InDepthGroup[]}): Result {
  return (
    <aside class="in-depth" aria-labelledby="in-depth-title">
      <h2 id="in-depth-title">In depth</h2>
      {props.groups.map((group) => (
        <div class="in-depth-group">
          {group.label ? <h3>{group.label}</h3> : null}
          <ul>
            {group.links.map((link) => (
              <li>
                <a href={link.url}>{link.title}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </aside>
  )
}
