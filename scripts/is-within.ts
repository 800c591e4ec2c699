// Whether a path is a folder or lies below it: the one check behind every "not outside the site" guard.
import path from 'node:path'

export function isWithin(dir: string, file: string): boolean {
  const relative = path.relative(dir, file)
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}
