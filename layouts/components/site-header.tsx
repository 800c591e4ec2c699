// The masthead: the desk's name and the section navigation, in the order of site.yaml.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {SiteContext} from '../../scripts/pages/layouts.ts'

export function SiteHeader(props: {site: SiteContext; section?: string | undefined; isSectionIndex: boolean}): Result {
  const {config} = props.site
  return (
    <header class="site-header">
      <div class="wrap">
        <a class="site-name" href="/">
          {config.name}
        </a>
        <nav class="site-nav" aria-label="Sections">
          <ul>
            {config.sections.map((section) => (
              <li>
                <a
                  href={section.url}
                  aria-current={section.slug === props.section ? (props.isSectionIndex ? 'page' : 'true') : undefined}
                >
                  {section.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  )
}
