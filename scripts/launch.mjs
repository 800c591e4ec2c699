// `npm run build`, `check` and `watch` start here. Loading the TypeScript sources through tsx's loader costs over
// a second at every start (hundreds of modules, each through the loader), more than a whole cached build of the
// archive. So the commands are bundled with esbuild into node_modules/.cache/desk/bin/, again whenever a source or
// a package changes, and run as plain JavaScript. `tsx scripts/build.ts` still runs the sources directly.
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const repository = fileURLToPath(new URL('..', import.meta.url))
const commands = ['build', 'check', 'watch']
// A regular expression, not the words themselves, which would be rewritten in the modules that use them.
const importMetaUrl = /\bimport\.meta\.url\b/g
const command = process.argv[2]
if (!commands.includes(command)) {
  console.error(`Usage: node scripts/launch.mjs ${commands.join('|')} [options]`)
  process.exit(2)
}
// The command reads its own options from process.argv, as when run directly.
process.argv.splice(2, 1)

const binDir = path.join(repository, 'node_modules/.cache/desk/bin')
const bundleDir = path.join(binDir, sourcesFingerprint())
if (!existsSync(path.join(bundleDir, 'done'))) await bundle(bundleDir)
useBundle(bundleDir)
await import(pathToFileURL(path.join(bundleDir, `${command}.mjs`)).href)

/**
 * Says that this process runs from `dir` for as long as it runs: it loads parts of the bundle later (worker
 * threads' code, the raw-HTML pipeline), so a `watch` left running must keep its bundle after the sources
 * change and another command makes a new one.
 */
function useBundle(dir) {
  const users = path.join(dir, 'users')
  const marker = path.join(users, String(process.pid))
  try {
    mkdirSync(users, {recursive: true})
    writeFileSync(marker, '')
    process.on('exit', () => rmSync(marker, {force: true}))
  } catch {
    // A read-only node_modules: the bundle may be removed under a long-running watch, which then says so.
  }
}

/** Whether a process still runs from the bundle in `dir` (a killed one's marker stays, with its id free). */
function inUse(dir) {
  let users
  try {
    users = readdirSync(path.join(dir, 'users'))
  } catch {
    return false
  }
  return users.some((name) => {
    const pid = Number(name)
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
    try {
      process.kill(pid, 0)
      return true
    } catch (error) {
      return error.code === 'EPERM'
    }
  })
}

/** Every source file of the commands, and every installed package's version. */
function sourcesFingerprint() {
  const hash = createHash('sha256').update(process.version)
  const visit = (dir) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) visit(file)
      else if (/\.(?:[cm]?[jt]sx?|json)$/.test(entry.name)) hash.update(`${file}\n`).update(readFileSync(file))
    }
  }
  visit(path.join(repository, 'scripts'))
  const installed = path.join(repository, 'node_modules/.package-lock.json')
  if (existsSync(installed)) hash.update(readFileSync(installed))
  return hash.digest('hex').slice(0, 16)
}

async function bundle(target) {
  const {build} = await import('esbuild')
  const staging = `${target}.${process.pid}.tmp`
  await build({
    entryPoints: {
      ...Object.fromEntries(commands.map((name) => [name, path.join(repository, 'scripts', `${name}.ts`)])),
      // Found by the worker pool beside its own module (see scripts/workers/worker-pool.ts).
      'worker-entry': path.join(repository, 'scripts/workers/tasks.ts'),
    },
    outdir: staging,
    outExtension: {'.js': '.mjs'},
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages that find their own files at run time (piscina its worker, esbuild its binary) stay packages.
    external: ['piscina', 'esbuild', 'tsx', 'chokidar', 'fsevents', 'playwright-core'],
    // Some bundled packages are CommonJS and call require().
    banner: {js: "import {createRequire as __deskRequire} from 'node:module'; const require = __deskRequire(import.meta.url);"},
    plugins: [sourceFileUrls()],
    logLevel: 'warning',
  })
  // Marks the bundle complete; it moves into place whole, so a command never runs half of one.
  writeFileSync(path.join(staging, 'done'), '')
  if (existsSync(path.join(target, 'done'))) {
    // Another command bundled the same sources meanwhile, and may be running from theirs: keep it.
    rmSync(staging, {recursive: true, force: true})
    return
  }
  rmSync(target, {recursive: true, force: true})
  try {
    renameSync(staging, target)
  } catch (error) {
    rmSync(staging, {recursive: true, force: true})
    if (!existsSync(path.join(target, 'done'))) throw error
  }
  // Bundles of older sources are of no further use, once no command runs from them.
  for (const name of readdirSync(binDir)) {
    const dir = path.join(binDir, name)
    if (name !== path.basename(target) && !name.includes('.tmp') && !inUse(dir)) rmSync(dir, {recursive: true, force: true})
  }
}

/**
 * Each module keeps its own `import.meta.url` (modules find the repository from it), except the worker pool,
 * whose worker entry is the bundled one beside it.
 */
function sourceFileUrls() {
  return {
    name: 'source-file-urls',
    setup(builder) {
      builder.onLoad({filter: /\.[cm]?[jt]sx?$/}, (args) => {
        const ownUrl = args.path.endsWith(path.join('workers', 'worker-pool.ts'))
        if (ownUrl || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
        const source = readFileSync(args.path, 'utf8')
        if (source.search(importMetaUrl) === -1) return undefined
        return {
          contents: source.replace(importMetaUrl, JSON.stringify(pathToFileURL(args.path).href)),
          loader: path.extname(args.path).slice(1).replace(/^[cm]/, ''),
        }
      })
    },
  }
}
