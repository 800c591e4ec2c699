// Loads one story from disk into the content model: decodes it, parses it, resolves its photo. One VFile per story carries its problems.
import {readFile} from 'node:fs/promises'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {SiteConfig} from '../config/site-config.ts'
import {reportError} from '../problems.ts'
import type {Article} from './article.ts'
import {parseArticle} from './parse-article.ts'
import {resolveImage} from './resolve-image.ts'

export interface LoadedArticle {
  file: VFile
  /** Present when the story has no errors. */
  article?: Article | undefined
  /** The front matter says `draft: true` (known even when the story has errors). */
  draft: boolean
}

export interface LoadContext {
  site: SiteConfig
  siteDir: string
}

const utf8 = new TextDecoder('utf-8', {fatal: true})
const lenientUtf8 = new TextDecoder('utf-8')

export async function loadArticle(filePath: string, context: LoadContext): Promise<LoadedArticle> {
  let bytes: Buffer
  try {
    bytes = await readFile(filePath)
  } catch (error) {
    // Deleted or locked between being found and being read (an editor saving, a `git checkout`).
    const file = new VFile({path: filePath})
    reportError(file, `The story could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}): save it again`, {
      ruleId: 'unreadable',
    })
    return {file, draft: false}
  }

  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    const file = new VFile({path: filePath, value: lenientUtf8.decode(bytes)})
    const offset = Math.max(String(file.value).indexOf('\uFFFD'), 0)
    reportError(file, 'The file is not UTF-8 text: save it again with the encoding set to UTF-8', {
      place: location(file).toPoint(offset),
      ruleId: 'not-utf8',
    })
    return {file, draft: false}
  }

  // A byte order mark is invisible in editors and would stop the front matter fence from being found.
  const file = new VFile({path: filePath, value: text.replace(/^\uFEFF/, '')})
  const {article, image: imageSource, draft} = await parseArticle(file, context.site)
  // The photo is checked even when the rest of the story has errors, so one run reports both.
  const image = imageSource && (await resolveImage(file, imageSource, context.siteDir))
  if (!article || (imageSource && !image)) return {file, draft}
  return {file, draft, article: {...article, image}}
}
