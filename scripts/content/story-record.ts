// One story file made into the content model, as plain data: a pure function of the file's path and bytes, the
// site configuration and the code. It is what the build's cache keeps, and what crosses back from a worker thread.
import {readFileSync} from 'node:fs'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {location} from 'vfile-location'
import type {SiteConfig} from '../config/site-config.ts'
import {reportError} from '../problems.ts'
import type {Article} from './article.ts'
import {parseArticle, type ImageSource} from './parse-article.ts'
import {contentDigest} from '../cache/story-stamps.ts'
import {storyKey} from './story-key.ts'

export interface ParsedStory {
  file: VFile
  draft: boolean
  /** Present when the story has no errors; its photo is still to be found (see resolve-image.ts). */
  article?: Omit<Article, 'image'> | undefined
  image?: ImageSource | undefined
}

const utf8 = new TextDecoder('utf-8', {fatal: true})
const lenientUtf8 = new TextDecoder('utf-8')

/** Decodes and parses a story's bytes. */
export async function parseStoryBytes(filePath: string, bytes: Uint8Array, site: SiteConfig): Promise<ParsedStory> {
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
  const {article, image, draft} = await parseArticle(file, site)
  return {file, draft, article, image}
}

/** A problem as plain data (a VFileMessage is an Error, which loses its fields when cloned or serialized). */
export type MessageData = Omit<VFileMessage, 'stack' | 'name' | 'message'>

export interface StoryRecord {
  draft: boolean
  messages: MessageData[]
  /** Without its text, which is `bodyHtml`, kept apart so the model can be read without it. */
  article?: Omit<Article, 'image' | 'body'> | undefined
  bodyHtml?: string | undefined
  image?: ImageSource | undefined
}

/** A story file's record and its cache key, from the bytes read now; or why it could not be read. */
export async function parseStoryFile(
  filePath: string,
  site: SiteConfig,
  /** Fingerprint of the content stage and the site configuration, for the key. */
  fingerprint: string,
): Promise<{key: string; record: StoryRecord} | {unreadable: string}> {
  let bytes: Buffer
  try {
    // Blocking: on a worker thread there is nothing else to do meanwhile, and it is the cheapest read.
    bytes = readFileSync(filePath)
  } catch (error) {
    return {unreadable: (error as NodeJS.ErrnoException).code ?? 'unknown error'}
  }
  return {key: storyKey(fingerprint, filePath, contentDigest(bytes)), record: toRecord(await parseStoryBytes(filePath, bytes, site))}
}

export function toRecord(story: ParsedStory): StoryRecord {
  const messages = story.file.messages.map((message) => {
    const {stack: _stack, name: _name, message: _text, ...data} = message
    return data
  })
  if (!story.article) return {draft: story.draft, messages, image: story.image}
  const {body, ...article} = story.article
  return {draft: story.draft, messages, article, bodyHtml: bodyHtmlOf(body), image: story.image}
}

/** The VFile a record's problems are reported on. */
export function recordFile(filePath: string, record: Pick<StoryRecord, 'messages'>): VFile {
  const file = new VFile({path: filePath})
  for (const data of record.messages) {
    const message = new VFileMessage(data.reason, {place: data.place, ruleId: data.ruleId ?? undefined, source: data.source ?? undefined})
    Object.assign(message, data, {file: file.path})
    file.messages.push(message)
  }
  return file
}

/** A story's text is one raw node of HTML from our own pipeline (see compact-body.ts). */
export function bodyHtmlOf(body: Article['body']): string {
  return body.children.map((node) => (node.type === 'raw' ? node.value : '')).join('')
}

export function bodyFromHtml(html: string): Article['body'] {
  return {type: 'root', children: [{type: 'raw', value: html}]}
}
