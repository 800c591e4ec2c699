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

const imageTypes = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.svg'])

/** `siteDir`: images must live inside the site folder, so a story cannot publish files from elsewhere on the machine. */
export async function resolveImage(
  file: VFile,
  image: ImageSource,
  siteDir: string,
): Promise<ArticleImage | undefined> {
  const fail = (reason: string) => {
    reportError(file, reason, {place: image.srcPlace, ruleId: 'image-src'})
    return undefined
  }

  if (/^[a-z][a-z0-9+.-]*:/i.test(image.src) || path.isAbsolute(image.src) || image.src.includes('\\')) {
    return fail(`\`image.src\` must be a path relative to the story, like \`photo.jpg\`, not \`${image.src}\`: copy the photo next to the story`)
  }
  const sourcePath = path.resolve(path.dirname(file.path), image.src)
  const extension = path.extname(sourcePath).toLowerCase()
  if (!imageTypes.has(extension)) {
    return fail(`\`image.src\` must be a JPEG, PNG, GIF, WebP, AVIF or SVG file, not \`${image.src}\``)
  }

  let bytes: Buffer
  try {
    // Symlinks are followed before the check, so a link inside the site cannot publish a file from outside it.
    const real = await realpath(sourcePath)
    if (!isWithin(await realpath(siteDir), real)) {
      return fail(`\`image.src\` points outside the site folder: copy the photo next to the story`)
    }
    bytes = await readFile(real)
  } catch {
    if (!isWithin(siteDir, sourcePath)) {
      return fail(`\`image.src\` points outside the site folder: copy the photo next to the story`)
    }
    return fail(`Image \`${image.src}\` not found next to the story: add the file or fix the name`)
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
  }
}
