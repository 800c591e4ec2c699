// The read/write floor of `npm run bench`: only reading each story and writing one file per story, with nothing
// in between, in plain JavaScript so no loader slows its start. No build of the archive can be faster than this.
// With --site-shaped, each file goes where the story's page goes (`<section>/<yyyy>/<mm>/<dd>/<slug>/index.html`,
// a folder per page, as a build must write them), so the floor includes making those folders.
// Usage: node scripts/bench/floor.mjs <articles folder> <output folder> [--site-shaped]
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

const [articles, out, shape] = process.argv.slice(2)
const siteShaped = shape === '--site-shaped'
mkdirSync(out, {recursive: true})
const madeDirs = new Set()
let count = 0
const visit = (dir) => {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) visit(file)
    else if (entry.name.endsWith('.md')) {
      const bytes = readFileSync(file)
      writeFileSync(destination(entry.name, bytes), bytes)
      count++
    }
  }
}
visit(articles)
console.log(`Copied ${count} stories`)

/** Where the story's copy goes; for a site-shaped floor, its section and date are read from its first lines. */
function destination(name, bytes) {
  if (!siteShaped) return path.join(out, `${count}.html`)
  const head = bytes.toString('latin1', 0, 2000)
  const section = /^section: (.+)$/m.exec(head)?.[1] ?? 'none'
  const date = /^published: (\d{4})-(\d{2})-(\d{2})/m.exec(head)
  const dir = path.join(out, section, ...(date ? date.slice(1) : []), path.basename(name, '.md'))
  if (!madeDirs.has(dir)) mkdirSync(dir, {recursive: true})
  madeDirs.add(dir)
  return path.join(dir, 'index.html')
}
