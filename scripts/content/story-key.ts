// The cache key of a story: what its record is a function of, hashed.
import {createHash} from 'node:crypto'

/** `fingerprint` covers the content stage's code and the site configuration; the path gives the URL and the messages' file. */
export function storyKey(fingerprint: string, filePath: string, bytes: Uint8Array): string {
  return createHash('sha256').update(fingerprint).update('\0').update(filePath).update('\0').update(bytes).digest('base64url').slice(0, 32)
}
