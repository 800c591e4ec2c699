// Finds a story's photo next to its Markdown file, measures it, and gives it a content-hashed public URL.
import {createHash} from 'node:crypto'
import {readFile, realpath} from 'node:fs/promises'
import path from 'node:path'
import {imageSize} from 'image-size'
import type {VFile} from 'vfile'
import {isWithin} from '../is-within.ts'
import {reportError} from '../problems.ts'
import type {ArticleImage} from './article.ts'
import type {ImageSource} from './parse-article.ts'
import {slugify} from './slugify.ts'

/** The types a browser shows, by extension, as feeds announce them. */
const imageTypes = new Map([
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
  ['.svg', 'image/svg+xml'],
])

/** Where the path was written, for the messages: a story's `image.src`, or site.yaml's `logo`. */
export interface ImageField {
  name: string
  /** What the path is relative to, in the reporter's words. */
  nextTo: string
  /** What the picture is: `photo`, `logo`. */
  what: string
}

const storyImage: ImageField = {name: 'image.src', nextTo: 'the story', what: 'photo'}

/**
 * Paths are relative to the folder of `file`. `siteDir`: images must live inside the site folder, so a story
 * cannot publish files from elsewhere on the machine.
 */
export async function resolveImage(
  file: VFile,
  image: Pick<ImageSource, 'src' | 'alt' | 'caption' | 'credit' | 'srcPlace'>,
  siteDir: string,
  field: ImageField = storyImage,
): Promise<ArticleImage | undefined> {
  const fail = (reason: string) => {
    reportError(file, reason, {place: image.srcPlace, ruleId: 'image-src'})
    return undefined
  }

  if (/^[a-z][a-z0-9+.-]*:/i.test(image.src) || path.isAbsolute(image.src) || image.src.includes('\\')) {
    return fail(`\`${field.name}\` must be a path relative to ${field.nextTo}, like \`photo.jpg\`, not \`${image.src}\`: copy the ${field.what} next to ${field.nextTo}`)
  }
  const sourcePath = path.resolve(path.dirname(file.path), image.src)
  const extension = path.extname(sourcePath).toLowerCase()
  const type = imageTypes.get(extension)
  if (!type) {
    return fail(`\`${field.name}\` must be a JPEG, PNG, GIF, WebP, AVIF or SVG file, not \`${image.src}\``)
  }

  let bytes: Buffer
  try {
    // Symlinks are followed before the check, so a link inside the site cannot publish a file from outside it.
    const real = await realpath(sourcePath)
    if (!isWithin(await realpath(siteDir), real)) {
      return fail(`\`${field.name}\` points outside the site folder: copy the ${field.what} next to ${field.nextTo}`)
    }
    bytes = await readFile(real)
  } catch {
    if (!isWithin(siteDir, sourcePath)) {
      return fail(`\`${field.name}\` points outside the site folder: copy the ${field.what} next to ${field.nextTo}`)
    }
    return fail(`Image \`${image.src}\` not found next to ${field.nextTo}: add the file or fix the name`)
  }

  let size: {width?: number | undefined; height?: number | undefined} = {}
  try {
    size = imageSize(bytes)
  } catch {
    return fail(`Image \`${image.src}\` cannot be read as an image: export it again as JPEG or PNG`)
  }

  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10)
  const name = slugify(path.basename(sourcePath, extension)) || 'image'
  return {
    url: `/assets/media/${name}.${hash}${extension}`,
    sourcePath,
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
    width: size.width,
    height: size.height,
    bytes: bytes.length,
    type,
  }
}
