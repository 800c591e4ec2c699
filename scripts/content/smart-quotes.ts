// Curls straight quotes for a desk that asks the build to (`quotes: smart`), in the body and in front matter text alike.
import {retext} from 'retext'
import retextSmartypants, {type Options} from 'retext-smartypants'

/** Quotes only: dashes and ellipses are the reporter's to choose. */
export const smartQuoteOptions: Options = {quotes: true, dashes: false, ellipses: false, backticks: false}

const processor = retext().use(retextSmartypants, smartQuoteOptions).freeze()

/** `"Calm," he said` -> `“Calm,” he said`; `Osh's` -> `Osh’s`. */
export function smartQuotes(text: string): string {
  if (!/["']/.test(text)) return text
  return String(processor.processSync(text))
}
