// The cache key of a story: what its record is a function of, hashed.
import {createHash} from 'node:crypto'

/**
 * `fingerprint` covers the content stage's code and the site configuration; the path gives the URL and the
 * messages' file; `digest` is the file's bytes' (see cache/story-stamps.ts), so an unchanged file need not be read.
 */
export function storyKey(fingerprint: string, filePath: string, digest: string): string {
  return createHash('sha256').update(fingerprint).update('\0').update(filePath).update('\0').update(digest).digest('base64url').slice(0, 32)
}
