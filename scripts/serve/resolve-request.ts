// Maps a request path to a file of the built site the way Netlify serves it: pretty URLs, folder redirects, `_redirects`, the 404 page.
import {readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {isWithin} from '../is-within.ts'

export type Resolution =
  | {kind: 'file'; file: string; status: 200 | 404}
  | {kind: 'redirect'; location: string; status?: 301 | 302 | undefined}
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
  // Like Netlify's unforced rules, a redirect applies only where no file answers: a moved story's old path.
  const moved = (await readRedirects(root)).find((rule) => samePath(rule.from, requestPath.split('?')[0] ?? '/'))
  if (moved) return {kind: 'redirect', location: moved.to, status: moved.status}
  return notFound(root)
}

/**
 * The site's `_redirects`, as the build writes it: `from to 301` a line, `#` comments. Read on each request
 * that finds no file, which is rare enough, and always sees the latest build.
 */
async function readRedirects(root: string): Promise<Array<{from: string; to: string; status: 301 | 302}>> {
  let text: string
  try {
    text = await readFile(path.join(root, '_redirects'), 'utf8')
  } catch {
    return []
  }
  return text.split('\n').flatMap((line) => {
    const [from, to, status] = line.trim().split(/\s+/)
    if (!from || !to || from.startsWith('#')) return []
    return [{from, to, status: status === '302' ? 302 : 301}] as const
  })
}

/** Netlify matches a rule with or without the trailing slash. */
function samePath(rule: string, requested: string): boolean {
  const trim = (value: string) => (value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value)
  return trim(rule) === trim(requested)
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
