// Lists the story files under a site's `articles/` folder, in a stable order so builds are deterministic.
import fg from 'fast-glob'

export async function findArticles(articlesDir: string): Promise<string[]> {
  // Hidden files and folders are editors' and tools' business (swap files, .git), not stories.
  const paths = await fg('**/*.md', {cwd: articlesDir, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false})
  return paths.sort()
}
