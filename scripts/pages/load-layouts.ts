// Finds a site's layouts: its own `layouts/index.ts` when it has one, the repository's otherwise.
import {access} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {pageKinds, type Layouts} from './layouts.ts'

export const defaultLayoutsDir = fileURLToPath(new URL('../../layouts/', import.meta.url))

export async function resolveLayoutsDir(siteDir: string): Promise<string> {
  const own = path.join(siteDir, 'layouts')
  try {
    await access(path.join(own, 'index.ts'))
    return own
  } catch {
    return defaultLayoutsDir
  }
}

export async function loadLayouts(layoutsDir: string): Promise<Layouts> {
  const entry = path.join(layoutsDir, 'index.ts')
  const module = (await import(pathToFileURL(entry).href)) as {default?: Partial<Layouts>}
  const layouts = module.default
  const missing = [...pageKinds, 'stylesheet'].filter((key) => layouts?.[key as keyof Layouts] === undefined)
  if (!layouts || missing.length > 0) {
    throw new Error(`${entry} must export default an object with ${missing.map((k) => `\`${k}\``).join(', ')}`)
  }
  return layouts as Layouts
}
