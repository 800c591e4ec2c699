// Finds and imports a site's layouts: its own `layouts/index.ts` when it has one, the repository's otherwise.
import {access, readFile} from 'node:fs/promises'
import {register} from 'node:module'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {tsImport} from 'tsx/esm/api'
import {SetupError} from '../setup-error.ts'
import {pageKinds, type Layouts} from './layouts.ts'

const repository = new URL('../../', import.meta.url)
export const defaultLayoutsDir = fileURLToPath(new URL('layouts/', repository))

export async function resolveLayoutsDir(siteDir: string): Promise<string> {
  const own = path.join(siteDir, 'layouts')
  try {
    await access(path.join(own, 'index.ts'))
    return own
  } catch {
    return defaultLayoutsDir
  }
}

/**
 * Imports the layouts with the repository's TypeScript settings (hastscript's JSX runtime), whatever folder the
 * build runs from and wherever the site lives. Each call loads the layouts afresh, so watch mode sees edits to
 * any component, not only to index.ts.
 */
export async function loadLayouts(layoutsDir: string): Promise<Layouts> {
  const entry = path.join(layoutsDir, 'index.ts')
  await assertEsModules(layoutsDir)
  shareRepositoryPackages()
  const module = (await tsImport(pathToFileURL(entry).href, {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('tsconfig.json', repository)),
  })) as {default?: Partial<Layouts> & {default?: Partial<Layouts>}}
  // Outside a `"type": "module"` package the file loads as CommonJS, and its default export arrives wrapped once more.
  const layouts = module.default?.default ?? module.default
  const missing = [...pageKinds, 'stylesheet'].filter((key) => layouts?.[key as keyof Layouts] === undefined)
  if (!layouts || missing.length > 0) {
    throw new SetupError(`${entry} must export default an object with ${missing.map((k) => `\`${k}\``).join(', ')}`)
  }
  return layouts as Layouts
}

/**
 * Layouts must load as ES modules: only then do their package imports fall back to the repository's (below).
 * The repository is one; a site's own layouts folder says so with a package.json.
 */
async function assertEsModules(layoutsDir: string): Promise<void> {
  for (let dir = path.resolve(layoutsDir); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {type?: string}
      if (pkg.type === 'module') return
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') break
    }
    if (path.dirname(dir) === dir) break
  }
  throw new SetupError(
    `The layouts in ${layoutsDir} must be ES modules: add a file ${path.join(layoutsDir, 'package.json')} containing {"type": "module"}`,
  )
}

let shared = false

/**
 * A site kept outside the repository has no node_modules of its own: its layouts' imports of packages
 * (`hastscript`, its JSX runtime) fall back to the repository's, as its layouts fall back to the repository's.
 */
function shareRepositoryPackages(): void {
  if (shared) return
  shared = true
  const hook = `
    export async function resolve(specifier, context, next) {
      try {
        return await next(specifier, context)
      } catch (error) {
        const bare = !/^(?:[./]|[a-z][a-z0-9+.-]*:)/i.test(specifier)
        if (!bare || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
        return next(specifier, {...context, parentURL: ${JSON.stringify(repository.href)}})
      }
    }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
}
