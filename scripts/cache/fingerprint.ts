// Fingerprints of the code a cached result came from: a module's own source and everything it imports, down to
// the installed version of every package it pulls in. A change anywhere in that graph changes the fingerprint.
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const repository = fileURLToPath(new URL('../../', import.meta.url))

/** Bumped when the cache's own format changes. */
const formatVersion = 'desk-cache-2'

// `import x from '…'`, `export {x} from '…'`, `import '…'`, `import('…')`: enough for the project's own modules,
// which are plain ES modules written by hand. `import type` loads nothing at run time, so it does not count.
const specifiers = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\bfrom\s*)?(['"])([^'"\n]+)\1|\bimport\(\s*(['"])([^'"\n]+)\3/gm

/**
 * The fingerprint of `entries` and every module they import, transitively: their sources, the versions of the
 * packages they import (with those packages' own dependencies), Node's version (Intl, V8) and the cache format.
 * Only the modules a stage loads count, so editing a layout leaves the Markdown stage's cache valid.
 */
export function moduleFingerprint(entries: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash('sha256').update(`${formatVersion}\n${process.version}\n`)
  const seen = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    hash.update(`${path.relative(repository, file)}\n${source}\n`)
    for (const match of source.matchAll(specifiers)) {
      const specifier = match[2] ?? match[4]
      if (specifier!.startsWith('.')) visit(resolveRelative(file, specifier!))
      else if (!specifier!.startsWith('node:')) packages.add(packageName(specifier!))
    }
  }
  for (const entry of entries) visit(path.resolve(entry))
  for (const line of packageVersions([...packages])) hash.update(`${line}\n`)
  for (const value of extra) hash.update(`${value}\n`)
  return hash.digest('hex').slice(0, 32)
}

function resolveRelative(from: string, specifier: string): string {
  const target = path.resolve(path.dirname(from), specifier)
  if (existsSync(target)) return target
  // `import './x.js'` naming a TypeScript file, as TypeScript allows.
  const typescript = target.replace(/\.js$/, '.ts')
  if (existsSync(typescript)) return typescript
  throw new Error(`Cannot fingerprint ${from}: its import ${specifier} names no file`)
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

interface LockedPackage {
  version?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/**
 * `name@version` for each package and everything it depends on, read from npm's record of what is installed
 * (`node_modules/.package-lock.json`), so an `npm update` of any of them is seen.
 */
function packageVersions(names: readonly string[]): string[] {
  const lockFile = path.join(repository, 'node_modules/.package-lock.json')
  const installed = (existsSync(lockFile) ? JSON.parse(readFileSync(lockFile, 'utf8')) : {packages: {}}) as {
    packages: Record<string, LockedPackage>
  }
  const lines = new Set<string>()
  const visit = (name: string, from: string) => {
    // npm's lookup: nested under the package that asks for it, else further up, else at the top.
    let key: string | undefined
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`
      if (installed.packages[candidate]) {
        key = candidate
        break
      }
      if (!base) break
    }
    const locked = key ? installed.packages[key] : undefined
    const line = `${key ?? name}@${locked?.version ?? 'not installed'}`
    if (lines.has(line)) return
    lines.add(line)
    if (!key || !locked) return
    for (const dependency of Object.keys({...locked.dependencies, ...locked.optionalDependencies})) visit(dependency, key)
  }
  for (const name of names) visit(name, '')
  return [...lines].sort()
}
