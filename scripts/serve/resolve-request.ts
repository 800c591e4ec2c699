// Maps a request path to a file of the built site the way Netlify serves it: pretty URLs, folder redirects, the 404 page.
import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {isWithin} from '../is-within.ts'

export type Resolution =
  | {kind: 'file'; file: string; status: 200 | 404}
  | {kind: 'redirect'; location: string}
  | {kind: 'not-found'}
  | {kind: 'bad-request'}

/**
 * `root` must be an absolute, real path (no symlinks in it). Anything that would leave it, by `..`, by an
 * encoded `%2e%2e`, or by a symlink inside the site pointing out, is treated as not found.
 */
export async function resolveRequest(root: string, requestPath: string): Promise<Resolution> {
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0] ?? '/')
  } catch {
    return {kind: 'bad-request'}
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return {kind: 'bad-request'}
  if (decoded.split('/').includes('..')) return notFound(root)

  const candidate = path.join(root, decoded)
  const info = await inside(root, candidate)
  if (info?.isFile()) return {kind: 'file', file: candidate, status: 200}
  if (info?.isDirectory()) {
    const index = path.join(candidate, 'index.html')
    if ((await inside(root, index))?.isFile()) {
      return decoded.endsWith('/') ? {kind: 'file', file: index, status: 200} : {kind: 'redirect', location: `${encodeURI(decoded)}/`}
    }
  }
  // Netlify serves `/about` from `about.html` too.
  if (!decoded.endsWith('/') && (await inside(root, `${candidate}.html`))?.isFile()) {
    return {kind: 'file', file: `${candidate}.html`, status: 200}
  }
  return notFound(root)
}

async function notFound(root: string): Promise<Resolution> {
  const page = path.join(root, '404.html')
  return (await inside(root, page))?.isFile() ? {kind: 'file', file: page, status: 404} : {kind: 'not-found'}
}

/** The file's stats if it exists and, with every symlink followed, still lies inside `root`. */
async function inside(root: string, file: string) {
  try {
    const real = await realpath(file)
    if (!isWithin(root, real)) return undefined
    return await stat(real)
  } catch {
    return undefined
  }
}
