// Loads one story from disk into the content model: decodes it, parses it, resolves its photo. One VFile per story carries its problems.
import {readFile} from 'node:fs/promises'
import {VFile} from 'vfile'
import type {SiteConfig} from '../config/site-config.ts'
import {reportError} from '../problems.ts'
import {shapedArticle, type Article} from './article.ts'
import {parseStoryBytes} from './story-record.ts'
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

export async function loadArticle(filePath: string, context: LoadContext): Promise<LoadedArticle> {
  let bytes: Buffer
  try {
    bytes = await readFile(filePath)
  } catch (error) {
    // Deleted or locked between being found and being read (an editor saving, a `git checkout`).
    return unreadable(filePath, error)
  }
  const {file, article, image: imageSource, draft} = await parseStoryBytes(filePath, bytes, context.site)
  // The photo is checked even when the rest of the story has errors, so one run reports both.
  const image = imageSource && (await resolveImage(file, imageSource, context.siteDir))
  if (!article || (imageSource && !image)) return {file, draft}
  return {file, draft, article: shapedArticle({...article, image})}
}

export function unreadable(filePath: string, error: unknown): LoadedArticle {
  const file = new VFile({path: filePath})
  reportError(file, `The story could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}): save it again`, {
    ruleId: 'unreadable',
  })
  return {file, draft: false}
}
