// Finds and imports a site's layouts: its own `layouts/index.ts` when it has one, the repository's otherwise.
import {existsSync} from 'node:fs'
import {access, mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {BuildResult, Loader, Message, Plugin} from 'esbuild'
import {moduleFingerprint} from '../cache/fingerprint.ts'
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
 * Imports the layouts, TSX components and all, bundled by esbuild with hastscript's JSX runtime, whatever folder
 * the build runs from and wherever the site lives: a site kept outside the repository has no node_modules of its
 * own, and its layouts' packages come from the repository's. A bundle is named by the fingerprint of everything
 * it is made from, so an edit to any component (in watch mode too) makes a new one, and an unchanged set of
 * layouts loads without esbuild at all.
 */
export async function loadLayouts(layoutsDir: string): Promise<Layouts> {
  const entry = path.join(layoutsDir, 'index.ts')
  const module = (await import(pathToFileURL(await bundleLayouts(entry)).href)) as {default?: Partial<Layouts>}
  const layouts = module.default
  const missing = [...pageKinds, 'stylesheet'].filter((key) => layouts?.[key as keyof Layouts] === undefined)
  if (!layouts || missing.length > 0) {
    throw new SetupError(`${entry} must export default an object with ${missing.map((k) => `\`${k}\``).join(', ')}`)
  }
  return layouts as Layouts
}

const bundlesDir = fileURLToPath(new URL('node_modules/.cache/desk/layouts/', repository))

/** Bundles the layouts into one module, unless that bundle exists, and says where it is. */
async function bundleLayouts(entry: string): Promise<string> {
  let fingerprint: string
  try {
    fingerprint = moduleFingerprint([entry])
  } catch (error) {
    throw new SetupError(`The layouts in ${path.dirname(entry)} cannot be read: ${(error as Error).message}`)
  }
  const file = path.join(bundlesDir, `layouts-${fingerprint}.mjs`)
  if (existsSync(file)) return file

  const {build} = await import('esbuild')
  let result: BuildResult<{write: false}>
  try {
    result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      jsx: 'automatic',
      jsxImportSource: 'hastscript',
      nodePaths: [fileURLToPath(new URL('node_modules/', repository))],
      plugins: [sourceFileUrls],
      logLevel: 'silent',
    })
  } catch (error) {
    const errors = (error as {errors?: Message[]}).errors ?? []
    if (errors.length === 0) throw error
    // Each at its file, line and column, as the desk's other problems are printed.
    const lines = errors.map(({location, text}) =>
      location ? `${path.resolve(location.file)}:${location.line}:${location.column + 1}: ${text}` : text,
    )
    throw new SetupError(`The layouts in ${path.dirname(entry)} do not compile:\n${lines.join('\n')}`)
  }
  await mkdir(bundlesDir, {recursive: true})
  // Written under a temporary name and renamed, so a second build at the same moment never imports half a file.
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, result.outputFiles[0]!.text)
  await rename(temporary, file)
  return file
}

/**
 * In a bundle every module would see the bundle's own `import.meta.url`; each keeps its own instead, so
 * `new URL('./style.css', import.meta.url)` still finds the stylesheet beside the layouts.
 */
// A regular expression, not the words themselves, which would be rewritten when this module is bundled.
const importMetaUrl = /\bimport\.meta\.url\b/g

const sourceFileUrls: Plugin = {
  name: 'source-file-urls',
  setup(builder) {
    builder.onLoad({filter: /\.[cm]?[jt]sx?$/}, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = await readFile(args.path, 'utf8')
      if (source.search(importMetaUrl) === -1) return undefined
      return {
        contents: source.replace(importMetaUrl, JSON.stringify(pathToFileURL(args.path).href)),
        loader: path.extname(args.path).slice(1).replace(/^[cm]/, '') as Loader,
      }
    })
  },
}
