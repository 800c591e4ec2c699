// The read/write floor of `npm run bench`: only reading each story and writing one file per story, with nothing
// in between, in plain JavaScript so no loader slows its start. No build of the archive can be faster than this.
// Usage: node scripts/bench/floor.mjs <articles folder> <output folder>
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

const [articles, out] = process.argv.slice(2)
mkdirSync(out, {recursive: true})
let count = 0
const visit = (dir) => {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) visit(file)
    else if (entry.name.endsWith('.md')) writeFileSync(path.join(out, `${count++}.html`), readFileSync(file))
  }
}
visit(articles)
console.log(`Copied ${count} stories`)
