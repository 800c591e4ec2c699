// Splits a story into its YAML front matter and its Markdown body, keeping offsets into the file.

export type FrontMatterSplit =
  | {
      ok: true
      /** The YAML between the fences. */
      yaml: string
      /** Offset of `yaml` in the file, so YAML positions map back to file positions. */
      yamlStart: number
      /** Offset where the Markdown body begins (just after the closing fence). */
      bodyStart: number
    }
  | {ok: false; problem: 'missing' | 'unclosed'}

const fence = /^---[ \t]*\r?$/
const closingFence = /^(?:---|\.\.\.)[ \t]*\r?$/

export function splitFrontMatter(text: string): FrontMatterSplit {
  const firstEnd = lineEnd(text, 0)
  if (!fence.test(text.slice(0, firstEnd))) return {ok: false, problem: 'missing'}

  const yamlStart = firstEnd + 1
  let lineStart = yamlStart
  while (lineStart <= text.length) {
    const end = lineEnd(text, lineStart)
    if (closingFence.test(text.slice(lineStart, end))) {
      return {ok: true, yaml: text.slice(yamlStart, lineStart), yamlStart, bodyStart: Math.min(end + 1, text.length)}
    }
    lineStart = end + 1
  }
  return {ok: false, problem: 'unclosed'}
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}
