// Lists the story files under a site's `articles/` folder in a stable order, and reports files that look like stories but would not be published.
import {readdirSync, type Dirent} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {reportError} from '../problems.ts'

export interface FoundArticles {
  /** `.md` files, sorted, so builds are deterministic. */
  paths: string[]
  /** Files a reporter meant as stories that the build would otherwise skip without a word. */
  problems: VFile[]
}

// Markdown written under another name: a reporter expects these published, so they are errors, not silence.
export const otherMarkdown = /\.(?:markdown|mdown|mkd|mkdn|md)$/i

export async function findArticles(articlesDir: string): Promise<FoundArticles> {
  const paths: string[] = []
  const problems: VFile[] = []
  const problem = (filePath: string, reason: string, ruleId: string) => {
    const file = new VFile({path: filePath})
    reportError(file, reason, {place: {line: 1, column: 1}, ruleId})
    problems.push(file)
  }

  for (const {filePath, entry} of entriesUnder(path.resolve(articlesDir))) {
    if (entry.isSymbolicLink()) {
      // A link could point anywhere on the machine; a story must be a real file in the site. Links to photos
      // are left to the image check, which follows them and refuses any that leave the site.
      if (otherMarkdown.test(filePath) || (await isDirectory(filePath))) {
        problem(filePath, 'Symbolic links are not followed: put the story itself (or its folder) inside articles/', 'symlink')
      }
    } else if (entry.isFile() && path.extname(filePath) === '.md') {
      paths.push(filePath)
    } else if (entry.isFile() && otherMarkdown.test(filePath)) {
      problem(filePath, `Stories must end in \`.md\`: rename it to \`${path.basename(filePath).replace(otherMarkdown, '.md')}\``, 'file-name')
    }
  }
  // By path, as the stories are: a walk meets `news/` and all in it before `news-2.md`.
  return {paths: paths.sort(), problems: problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))}
}

/**
 * Every file, folder and link under `dir`, without following links. Hidden ones, and all under a hidden
 * folder, are editors' and tools' business (swap files, .git), not stories. A plain walk: fast-glob took 60-70 ms
 * to list 10,000 stories in a fresh process (its matcher and its queue), this 6-13 ms.
 */
function* entriesUnder(dir: string): Generator<{filePath: string; entry: Dirent}> {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, {withFileTypes: true})
  } catch (error) {
    // A folder removed while the build looks (a `git checkout`) held no stories; anything else is for the reporter.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    // Joined, not path.join()ed: `dir` is already normal, and normalizing 10,000 paths again took 15 ms.
    const filePath = `${dir}${path.sep}${entry.name}`
    yield {filePath, entry}
    if (entry.isDirectory()) yield* entriesUnder(filePath)
  }
}

async function isDirectory(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isDirectory()
  } catch {
    return false
  }
}
