// The site's layouts: one function per kind of page, plus the stylesheet. A site may ship its own layouts/index.ts instead.
import {fileURLToPath} from 'node:url'
import type {Layouts} from '../scripts/pages/layouts.ts'
import {articleLayout} from './article.tsx'
import {correctionsLayout} from './corrections.tsx'
import {homeLayout} from './home.tsx'
import {notFoundLayout} from './not-found.tsx'
import {sectionLayout} from './section.tsx'
import {topicLayout} from './topic.tsx'
import {topicsLayout} from './topics.tsx'

const layouts: Layouts = {
  article: articleLayout,
  section: sectionLayout,
  topic: topicLayout,
  topics: topicsLayout,
  home: homeLayout,
  corrections: correctionsLayout,
  notFound: notFoundLayout,
  stylesheet: fileURLToPath(new URL('./style.css', import.meta.url)),
}

export default layouts
