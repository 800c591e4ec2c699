// The masthead: the desk's name and the section navigation, in the order of site.yaml.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {SiteContext} from '../../scripts/pages/layouts.ts'
import {drawnOnce} from './drawn-once.ts'

interface HeaderProps {
  site: SiteContext
  section?: string | undefined
  isSectionIndex: boolean
}

/** The same on every page of a section: drawn once (see drawn-once.ts). */
export const SiteHeader = drawnOnce(
  drawHeader,
  (props: HeaderProps) => `${props.section ?? ''} ${props.isSectionIndex}`,
)

function drawHeader(props: HeaderProps): Result {
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
