// Random story files for property tests: front matter built from the real fields (or raw text), Markdown bodies
// mixing plain text with what breaks parsers, and the check that every problem reported lies inside its file.
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {dump, type DumpOptions} from 'js-yaml'
import type {VFile} from 'vfile'
import {afterAll, beforeAll, expect} from 'vitest'
import type {LoadedContent} from '../../scripts/content/load-content.ts'
import {makeSite, siteYaml, story} from './fixture-site.ts'

/** How far from a valid story to stray: `wild` for the content stage, `mild` so whole builds often succeed. */
export type Wildness = 'wild' | 'mild'

/** A story file in parts, so a failing case prints readably; `storyBytes` puts it together. */
export interface StoryParts {
  /** The opening fence line, or something near it. */
  opening: string
  frontMatter: string
  /** The closing fence line, or something near it (or nothing: unclosed). */
  closing: string
  body: string
  lineEndings: 'as-written' | 'crlf' | 'cr'
  /** Bytes that are not UTF-8, spliced in at `at` (modulo the file's length). */
  invalidUtf8?: {at: number; bytes: readonly number[]} | undefined
}

function storyText(parts: StoryParts): string {
  const text = parts.opening + parts.frontMatter + parts.closing + parts.body
  if (parts.lineEndings === 'crlf') return text.replace(/\r?\n/g, '\r\n')
  if (parts.lineEndings === 'cr') return text.replace(/\r?\n/g, '\r')
  return text
}

export function storyBytes(parts: StoryParts): Uint8Array {
  const bytes = Buffer.from(storyText(parts), 'utf8')
  if (!parts.invalidUtf8) return bytes
  const at = parts.invalidUtf8.at % (bytes.length + 1)
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(parts.invalidUtf8.bytes), bytes.subarray(at)])
}

/** The sections of `siteYaml` in fixture-site.ts, and the files `makeSitesForRandomStories` puts beside the story. */
const sections = ['central-south-asia', 'middle-east'] as const
const photoName = 'photo.png'
const otherStoryName = 'other.md'
const draftStoryName = 'draft.md'

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Pieces that YAML, Markdown or a file system read specially. */
const awkwardPieces = [
  '"', "'", ': ', ' #', '#', '\n', '\r\n', '\r', '\t', '- ', '[', ']', '{', '}', ',', '&a', '*a', '!!binary', '!', '|', '>',
  '%', '@', '`', '---', '...', '\\', '\0', '\u0007', '\u001b', '\uFEFF', '\u2028', '\u0085', '\u00A0', '\u200B', 'é', 'e\u0301',
  'ش', 'Ош', 'हिन्दी', '😀', '\uD800', '\uDFFF', '\uFFFF', '~', 'null', 'true', 'yes', '1e999', '0x1F', '.inf', '<script>', '&amp;',
  '/', '..', ' ', '  ',
]
const awkward = fc.constantFrom(...awkwardPieces)

/** Any text at all: printable ASCII, whole graphemes, any code point (controls and lone surrogates too), or awkward pieces. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({unit: 'grapheme'}),
  fc.string({unit: 'binary'}),
  fc.string({unit: awkward}),
  fc.string({unit: fc.oneof(awkward, fc.string({minLength: 1, maxLength: 1}))}),
  // Long enough to be a folder name no file system takes, once made into a URL.
  fc.string({unit: fc.constantFrom('word ', 'Ош ', 'é'), minLength: 60, maxLength: 120}),
)

/** Text a reporter would plausibly write in a field: words, sometimes with quotes, colons and accents. */
const readableText = fc
  .array(fc.oneof({weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z]{1,10}$/)}, {weight: 1, arbitrary: awkward}), {minLength: 1, maxLength: 8})
  .map((words) => words.join(' '))

const fieldText = (wildness: Wildness) =>
  wildness === 'mild'
    ? fc.oneof({weight: 8, arbitrary: readableText}, {weight: 1, arbitrary: anyText})
    : fc.oneof({weight: 2, arbitrary: readableText}, {weight: 1, arbitrary: anyText})

// ---------------------------------------------------------------------------------------------------------------
// Front matter values

const instant = fc.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true})
const zone = fc.oneof(
  fc.constant('Z'),
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({min: 0, max: 14}), fc.constantFrom(0, 30, 45)).map(
    ([sign, hours, minutes]) => `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
  ),
)
const isoDateTime = fc.tuple(instant, zone).map(([date, offset]) => date.toISOString().replace(/Z$/, offset))

/** Dates as reporters get them wrong, and a few real ones. */
const anyDate: fc.Arbitrary<unknown> = fc.oneof(
  isoDateTime,
  instant.map((date) => date.toISOString().slice(0, 10)),
  instant.map((date) => date.toISOString().replace(/\.\d+Z$/, '')),
  instant.map((date) => date.toUTCString()),
  // Dumped as a YAML timestamp.
  instant,
  fc.constantFrom(
    '2010-02-30T10:00:00Z', '2010-13-01T00:00:00Z', '0000-01-01T00:00:00Z', '0099-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59',
    '10000-01-01T00:00:00Z', '2010-05-15T24:00:00Z', '2010-05-15T15:43:60Z', '2010-05-15T15:43:00+24:00', '2010-05-15 15:43:00Z',
    '2010-05-15T15:43:00.1234567890Z', '2010-W20-6T15:43:00Z', 'yesterday', '',
  ),
  fc.integer(),
)

const linkUrl = fc.oneof(
  fc.webUrl({validSchemes: ['https', 'http']}),
  fc.constantFrom('/central-south-asia/', '/topics/', '/nowhere/', 'https://news.example.org/middle-east/', 'javascript:alert(1)', '//evil.example', ''),
)

/** Words joined by `separator`, long enough (up to some 500 characters) to be too long for a folder name. */
const longName = (separator: string) =>
  fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), {minLength: 20, maxLength: 40}).map((words) => words.join(separator))

const topicName = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom('Kyrgyzstan', 'Kurmanbek Bakiyev', 'Osh', 'Ош', 'C', 'C++', 'kyrgyzstan')},
  {weight: 2, arbitrary: readableText},
  {weight: 1, arbitrary: longName(' ')},
)

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  anyDate,
)

/** Keys as typed by someone in a hurry, and keys that are special to JavaScript or YAML. */
const strayKey = fc.oneof(
  fc.constantFrom(
    'titel', 'Title', 'tilte', 'standfirts', 'stand_first', 'sectoin', 'Section', 'publshed', 'published_at', 'modifed',
    'by-line', 'byline ', 'imgae', 'topic', 'tags', 'in-depth', 'indepth', 'slugg', 'drafts', 'scr', 'alt_text', 'Caption',
    'credits', 'lable', 'link', 'href', 'name', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '<<', '?', '', ' ', '0',
    'null', 'true', '"title"', 'title:', '- title', '#title',
  ),
  anyText,
)

const {value: anyValue} = fc.letrec<{value: unknown}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    scalar,
    fc.array(tie('value'), {maxLength: 4}),
    fc.dictionary(strayKey, tie('value'), {maxKeys: 4}),
  ),
}))

/** A valid value for the field, or (less often) anything at all. */
function fieldValue(good: fc.Arbitrary<unknown>, wildness: Wildness): fc.Arbitrary<unknown> {
  return fc.oneof({weight: wildness === 'mild' ? 20 : 5, arbitrary: good}, {weight: 1, arbitrary: anyValue})
}

/** An object with its fields, plus (sometimes) a misspelt one. */
function withStrayKeys(record: fc.Arbitrary<Record<string, unknown>>, wildness: Wildness): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(record, fc.array(fc.tuple(strayKey, anyValue), {maxLength: wildness === 'mild' ? 0 : 1}))
    .map(([fields, stray]) => Object.fromEntries([...Object.entries(fields), ...stray]))
}

function fieldValues(wildness: Wildness): Record<string, {value: fc.Arbitrary<unknown>; presence: number}> {
  const text = fieldText(wildness)
  // `fc.option` leaves a field out once in `presence` times.
  const required = wildness === 'mild' ? 30 : 9
  const optional = 2
  return {
    title: {value: text, presence: required},
    standfirst: {value: text, presence: required},
    section: {value: fc.oneof({weight: 9, arbitrary: fc.constantFrom(...sections)}, {weight: 1, arbitrary: fc.constantFrom('sport', 'Middle-East', 'middle-eats', ' middle-east ')}), presence: required},
    published: {value: isoDateTime, presence: required},
    modified: {value: isoDateTime, presence: optional},
    byline: {value: text, presence: required},
    image: {
      value: withStrayKeys(
        fc.record(
          {
            src: fc.oneof({weight: 6, arbitrary: fc.constant(photoName)}, {weight: 1, arbitrary: fc.constantFrom('missing.jpg', '../../../etc/passwd.png', 'https://example.org/a.png', '/abs.png', 'C:\\photo.png', 'other.md', 'photo.txt', 'PHOTO.PNG', './photo.png', '')}),
            alt: text,
            caption: text,
            credit: text,
          },
          {requiredKeys: ['src', 'alt']},
        ),
        wildness,
      ),
      presence: optional,
    },
    topics: {value: fc.array(topicName, {maxLength: 4}), presence: optional},
    in_depth: {
      value: fc.array(
        withStrayKeys(
          fc.record(
            {label: text, links: fc.array(withStrayKeys(fc.record({title: text, url: linkUrl}), wildness), {minLength: 1, maxLength: 3})},
            {requiredKeys: ['links']},
          ),
          wildness,
        ),
        {maxLength: 3},
      ),
      presence: optional,
    },
    corrections: {value: fc.array(fc.record({date: isoDateTime, text}), {maxLength: 2}), presence: optional},
    slug: {
      value: fc.oneof(
        {weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,3}$/)},
        {weight: 1, arbitrary: fc.constantFrom('हिन्दी-समाचार', 'other', 'Not A Slug', '../../etc')},
        {weight: 1, arbitrary: longName('-')},
      ),
      presence: optional,
    },
    draft: {value: fc.boolean(), presence: optional},
  }
}

/** The fields of a story's front matter in a random order, each valid or not, with misspelt keys among them. */
function frontMatterData(wildness: Wildness): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(fieldValues(wildness)).map(([name, {value, presence}]) =>
    fc.option(fieldValue(value, wildness).map((v) => [name, v] as const), {freq: presence, nil: undefined}),
  )
  const stray = fc.array(fc.tuple(strayKey, anyValue), {maxLength: wildness === 'mild' ? 0 : 2})
  return fc
    .tuple(fc.tuple(...fields), stray)
    .chain(([entries, extra]) => {
      const all = [...entries.filter((entry) => entry !== undefined), ...extra]
      return fc.shuffledSubarray(all, {minLength: all.length, maxLength: all.length})
    })
    .map((entries) => Object.fromEntries(entries))
}

// ---------------------------------------------------------------------------------------------------------------
// Front matter text

const dumpOptions: fc.Arbitrary<DumpOptions> = fc.record({
  flowLevel: fc.constantFrom(-1, 0, 1, 2),
  quoteStyle: fc.constantFrom('single' as const, 'double' as const),
  forceQuotes: fc.boolean(),
  lineWidth: fc.constantFrom(-1, 20, 80),
  indent: fc.integer({min: 1, max: 6}),
  seqNoIndent: fc.boolean(),
  noRefs: fc.boolean(),
})

/** Serialized the way a YAML library would: block or flow style, quoting as needed. */
function dumped(data: Record<string, unknown>, options: DumpOptions): string {
  try {
    return dump(data, {...options, skipInvalid: true})
  } catch {
    return `${JSON.stringify(data)}\n`
  }
}

/** Serialized the way a reporter types it: `key: value` with no quoting beyond what they chose, often wrong. */
function typed(value: unknown, indent: string, quote: string): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? ' []' : value.map((item) => `\n${indent}-${typed(item, `${indent}  `, quote)}`).join('')
  }
  if (value instanceof Date) return ` ${value.toISOString()}`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
    return entries.length === 0 ? ' {}' : entries.map(([key, item]) => `\n${indent}${key}:${typed(item, `${indent}  `, quote)}`).join('')
  }
  return value === null ? '' : ` ${quote}${String(value)}${quote}`
}

const structuredFrontMatter = (wildness: Wildness) =>
  fc.oneof(
    fc.tuple(frontMatterData(wildness), dumpOptions).map(([data, options]) => dumped(data, options)),
    fc.tuple(frontMatterData(wildness), fc.constantFrom(0, 2)).map(([data, space]) => `${JSON.stringify(data, null, space)}\n`),
    fc.tuple(frontMatterData(wildness), fc.constantFrom('', '"', "'")).map(([data, quote]) => `${typed(data, '', quote).slice(1)}\n`),
  )

/** What YAML reads specially: anchors, aliases, tags, merges, directives, block scalars, odd numbers. */
const yamlPiece = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'title: ', 'standfirst: ', 'section: ', 'published: ', 'byline: ', 'image:', '  src: ', '  alt: ', 'topics:', 'in_depth:',
      '  - links:', '      - url: ', 'slug: ', 'draft: ', '- ', '  - ', '    ', '\t', '\n', '\r\n', '\r', '"', "'", '&a ', '*a', '&b [*a, *a] ',
      '!!binary ', '!!str ', '!!int ', '!!map ', '!!set ', '!!omap ', '!!timestamp ', '!!js/function ', '!<tag:yaml.org,2002:js/undefined> ',
      '!custom ', '!', '<<: ', '<<: *a', '<<: [*a, *b]', '? ', ': ', '{', '}', '[', ']', ', ', '# comment', '|', '|-', '>+', '|2', '>',
      '\uFEFF', '1e999', '-1e999', '99999999999999999999999999', '0x1F', '0o17', '0b101', '.inf', '-.nan', '~', 'null', 'Null',
      'yes', 'on', '2010-05-15', '2010-05-15T15:43:00Z', '%YAML 1.2\n', '%TAG ! tag:example.org,2000:\n', '--- ', '...', '@', '`',
      '\0', '\u0085', '\u2028', '"\\x41\\u00e9\\U0001F600"', '"\\uD800"', "'it''s'", '"\\', '= ', '&anchor-with-a-long-name ', '*undefined',
      '? [a, b]\n: c\n', '[[[[[[[[', '{a: {b: {c: ', '- - - - - ',
    ),
  },
  {weight: 1, arbitrary: anyText},
)

const validFields = 'title: T\nstandfirst: S\nsection: central-south-asia\npublished: 2010-05-15T15:43:00Z\nbyline: B\n'

/** Raw text between the fences: YAML-ish noise, after valid fields or on its own. */
const rawFrontMatter = fc
  .tuple(fc.constantFrom('', validFields), fc.array(yamlPiece, {maxLength: 40}), fc.constantFrom('\n', '\n', '\n', ''))
  .map(([start, pieces, end]) => start + pieces.join('') + end)

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/** Link targets: safe, unsafe, links to other stories and site pages, and nonsense a URL parser may choke on. */
const linkTarget = fc.oneof(
  fc.constantFrom(
    'https://example.org/a', 'http://example.org/a', 'mailto:desk@example.org', 'tel:+996312000000', '#reaction',
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>',
    '&#106;avascript:alert(1)', 'java%0ascript:alert(1)', otherStoryName, `./${otherStoryName}#top`, draftStoryName, 'missing.md',
    'story.md', '../articles/other.md', '%zz.md', '/central-south-asia/', '/middle-east', '/topics/', '/nowhere/', '/photo.png',
    'https://news.example.org/', 'https://news.example.org/nowhere/', '//evil.example/', '/\\\\[', '\\\\\\\\[', '/\\\\evil.example',
    '', '?q=1',
  ),
  fc.string({unit: fc.constantFrom('/', '\\\\', '[', ']', ':', '%', '#', '?', '.', 'md', 'a', ' ', '@', '..', 'http', '//', '\t')}),
)

const inlinePiece = fc.oneof(
  {weight: 4, arbitrary: fc.oneof(readableText, anyText)},
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '*', '**', '_', '__', '`', '``', '\\', '[', ']', '(', ')', '<', '>', '&', '!', '|', '~', '~~', '$', '^', '"', "'",
      '<script>alert(1)</script>', '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
      '<iframe src="https://evil.example/"></iframe>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>',
      '<b>bold</b>', '<span style="color:red">x</span>', '<!-- comment', '-->', '<!-- done -->', '<?php echo 1 ?>', '<![CDATA[ x ]]>',
      '&amp;', '&#0;', '&#x110000;', '&#xD800;', '&nbsp;', '&bogus;', '&#9999999999;', '\0', '\uD800', '\uDFFF', '\uFEFF',
      '\u2028', '  \n', '\\\n', '\n', '\r', 'https://example.org/autolink', 'www.example.org', '[^1]', '[ref]', '[x][ref]',
    ),
  },
  {weight: 2, arbitrary: fc.tuple(readableText, linkTarget).map(([label, target]) => `[${label}](${target})`)},
  {weight: 1, arbitrary: fc.tuple(readableText, linkTarget).map(([label, target]) => `![${label}](<${target.replace(/[<>\n\r]/g, '')}>)`)},
  {weight: 1, arbitrary: linkTarget.map((target) => `<${target.replace(/[<>\s]/g, '')}>`)},
)
const inline = fc.array(inlinePiece, {minLength: 1, maxLength: 8}).map((pieces) => pieces.join(''))

const block = fc.oneof(
  {weight: 6, arbitrary: inline},
  {weight: 2, arbitrary: fc.tuple(fc.integer({min: 1, max: 7}), inline).map(([level, text]) => `${'#'.repeat(level)} ${text}`)},
  {weight: 1, arbitrary: fc.tuple(inline, fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`)},
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.integer({min: 0, max: 8}), fc.constantFrom('- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '10000000000. '), inline), {minLength: 1, maxLength: 5})
      .map((items) => items.map(([indent, marker, text]) => `${' '.repeat(indent)}${marker}${text}`).join('\n')),
  },
  {weight: 2, arbitrary: fc.tuple(fc.integer({min: 1, max: 60}), inline).map(([depth, text]) => `${'>'.repeat(depth)} ${text}`)},
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'js', 'html', '<script>'), anyText, fc.boolean())
      .map(([fence, info, code, closed]) => `${fence}${info}\n${code}${closed ? `\n${fence}` : ''}`),
  },
  {weight: 1, arbitrary: anyText.map((code) => `    ${code.replace(/\n/g, '\n    ')}`)},
  {weight: 1, arbitrary: fc.tuple(inline, inline).map(([a, b]) => `| a | b |\n|---|:-:|\n| ${a} | ${b} |\n| only one |`)},
  {weight: 1, arbitrary: fc.tuple(linkTarget, readableText).map(([target, title]) => `[ref]: ${target} "${title}"\n\n[use it][ref] and [ref]`)},
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('<div>', '<script>', '<iframe src="https://evil.example">', '<!--', '<table><tr><td>', '<pre>', '<style>'), inline).map(([open, text]) => `${open}\n${text}`),
  },
  {weight: 1, arbitrary: fc.constantFrom('***', '---', '___', '---\ntitle: x\n---', '[^1]: a footnote', '$$\nx\n$$', '<details><summary>x</summary>y</details>')},
)

/**
 * Nesting deep enough to exhaust the recursive syntax-tree utilities. Kept rare: parsing it takes time that grows
 * faster than its depth (a second at 1,500 levels).
 */
const deepBlock = fc
  .tuple(fc.constantFrom('>', '- ', '* ', '1. ', '> - ', '*', '[', '<div>'), fc.constantFrom(50, 300, 1500))
  .map(([piece, times]) => `${piece.repeat(times)} deep`)

const mildBlock = fc.oneof(
  {weight: 8, arbitrary: fc.array(fc.oneof({weight: 6, arbitrary: readableText}, {weight: 1, arbitrary: inlinePiece}), {minLength: 1, maxLength: 6}).map((pieces) => pieces.join(' '))},
  {weight: 2, arbitrary: fc.tuple(fc.integer({min: 2, max: 6}), readableText).map(([level, text]) => `${'#'.repeat(level)} ${text}`)},
  {weight: 1, arbitrary: fc.array(readableText, {minLength: 1, maxLength: 4}).map((items) => items.map((item) => `- ${item}`).join('\n'))},
  {weight: 1, arbitrary: readableText.map((text) => `> ${text}`)},
  {weight: 1, arbitrary: anyText.map((code) => `\`\`\`\n${code}\n\`\`\``)},
)

const body = (wildness: Wildness) =>
  fc
    .tuple(
      fc.array(wildness === 'mild' ? mildBlock : fc.oneof({weight: 150, arbitrary: block}, {weight: 1, arbitrary: deepBlock}), {maxLength: 10}),
      fc.constantFrom('\n\n', '\n', '\n\n\n', '\r\n\r\n'),
      fc.constantFrom('', '\n', '\n\n'),
    )
    .map(([blocks, separator, end]) => blocks.join(separator) + end)

// ---------------------------------------------------------------------------------------------------------------
// Whole files

// Text is written as UTF-8, so a lone surrogate reaches the file as U+FFFD (as an editor would save it); bytes
// that are not UTF-8 at all come from here.
const invalidUtf8 = fc.record({
  at: fc.nat(),
  // A lone surrogate as UTF-8 would encode it, a byte never used, a cut-off sequence, past U+10FFFF, overlong.
  bytes: fc.constantFrom([0xed, 0xa0, 0x80], [0xff], [0xc3], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]),
})

export function randomStory(wildness: Wildness): fc.Arbitrary<StoryParts> {
  const mild = wildness === 'mild'
  return fc.record({
    opening: fc.oneof(
      {weight: mild ? 40 : 12, arbitrary: fc.constant('---\n')},
      {weight: 1, arbitrary: fc.constantFrom('\uFEFF---\n', '\uFEFF\uFEFF---\n', '--- \t\n', '---\r\n', '', '\n---\n', '----\n', ' ---\n', '---', '--- title: x\n', '+++\n')},
    ),
    frontMatter: mild
      ? structuredFrontMatter(wildness)
      : fc.oneof({weight: 3, arbitrary: structuredFrontMatter(wildness)}, {weight: 2, arbitrary: rawFrontMatter}),
    closing: fc.oneof(
      {weight: mild ? 40 : 12, arbitrary: fc.constant('---\n')},
      {weight: 1, arbitrary: fc.constantFrom('...\n', '---', '--- \n', '---\r\n', '', '\n', '--- trailing\n', '----\n', '---\n---\n', '\n---\n')},
    ),
    body: body(wildness),
    lineEndings: fc.oneof({weight: 8, arbitrary: fc.constant('as-written' as const)}, {weight: 1, arbitrary: fc.constantFrom('crlf' as const, 'cr' as const)}),
    invalidUtf8: fc.oneof({weight: mild ? 60 : 15, arbitrary: fc.constant(undefined)}, {weight: 1, arbitrary: invalidUtf8}),
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Checking what was reported

/**
 * Every problem names its rule, says what is wrong, and points into its own file where a reporter (and
 * format-problems.ts) looks: a line that exists, a column within that line or just after its end. `text` is the
 * file as the build read it. (Where a range ends is not checked: nothing shows it.)
 */
export function expectPlacedInside(file: VFile, text: string): void {
  const lines = text.split(/\r\n|\r|\n/)
  for (const message of file.messages) {
    const where = `${file.path}: ${message.ruleId ?? '(no rule)'}: ${message.reason}`
    expect(message.ruleId, where).toMatch(/^[a-z][a-z0-9-]*$/)
    expect(message.reason.trim(), where).not.toBe('')
    expect(message.file, where).toBe(file.path)
    const {line, column} = message
    expect(line, `${where}: no line`).toBeTypeOf('number')
    expect(column, `${where}: no column`).toBeTypeOf('number')
    expect(line, `${where}: line ${line} of ${lines.length}`).toBeGreaterThanOrEqual(1)
    expect(line, `${where}: line ${line} of ${lines.length}`).toBeLessThanOrEqual(lines.length)
    const length = lines[line! - 1]!.length
    expect(column, `${where}: ${line}:${column}, and the line has ${length} characters`).toBeGreaterThanOrEqual(1)
    expect(column, `${where}: ${line}:${column}, and the line has ${length} characters`).toBeLessThanOrEqual(length + 1)
  }
}

export function errorsOf(files: readonly VFile[]): string[] {
  return files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}: ${String(message)}`))
}

// ---------------------------------------------------------------------------------------------------------------
// Sites to drop the stories into

// A 1x1 transparent PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

export const quoteStyles = ['as-written', 'typographic', 'smart'] as const
export type QuoteStyle = (typeof quoteStyles)[number]

/**
 * One fixture site per house style of quotes (each renders the body differently), each holding a photo, a valid
 * story with topics and a draft for the random story to link to and collide with. The random story goes in
 * `articles/story.md`.
 */
export async function makeSitesForRandomStories(): Promise<Record<QuoteStyle, string>> {
  const sites = await Promise.all(
    quoteStyles.map((quotes) =>
      makeSite({
        'site.yaml': siteYamlWith(quotes),
        [`articles/${photoName}`]: png,
        [`articles/${otherStoryName}`]: story({topics: '[Kyrgyzstan, Osh]'}),
        [`articles/${draftStoryName}`]: story({draft: 'true', slug: 'draft-one'}),
      }),
    ),
  )
  return Object.fromEntries(quoteStyles.map((quotes, index) => [quotes, sites[index]!])) as Record<QuoteStyle, string>
}

export const storyFileName = 'story.md'

/** fixture-site.ts's `site.yaml`, with a house style of quotes and one host allowed to embed. */
export function siteYamlWith(quotes: QuoteStyle): string {
  return `${siteYaml}house_style:\n  quotes: ${quotes}\nembed_hosts: [www.youtube-nocookie.com]\n`
}

/**
 * Collects the rejections nobody handled while a test file runs. `settled()` lets any pending one surface
 * before a run is judged, and returns them all.
 */
export function catchUnhandledRejections(): {settled(): Promise<unknown[]>} {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => void unhandled.push(reason)
  beforeAll(() => void process.on('unhandledRejection', onUnhandled))
  afterAll(() => void process.off('unhandledRejection', onUnhandled))
  return {settled: () => new Promise((resolve) => setImmediate(() => resolve(unhandled)))}
}

/** The text a file's positions refer to: the story as loaded (report copies and site-wide problems may not carry it). */
export function loadedTextOf(file: VFile, loaded: LoadedContent['loaded']): string {
  return String(loaded.get(file.path)?.file.value ?? file.value ?? '')
}

/**
 * The moment a random site is built for, in milliseconds. Mostly after every date the stories can hold, so most
 * runs publish their story and go on to the later checks; now and then any moment, so embargoes come up too.
 */
export const buildMoment: fc.Arbitrary<number> = fc.oneof(
  {arbitrary: fc.constant(Date.parse('2100-01-01T00:00:00Z')), weight: 3},
  {arbitrary: fc.date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true}).map((date) => date.getTime()), weight: 1},
)

/** One random run: a story, the site's quote style, and how the build is asked to treat it. */
export interface RandomRun {
  parts: StoryParts
  quotes: QuoteStyle
  includeDrafts: boolean
  strict: boolean
  /** The moment the site is built for: stories after it are under embargo. */
  now: number
}

export function randomRun(wildness: Wildness): fc.Arbitrary<RandomRun> {
  return fc.record({
    parts: randomStory(wildness),
    quotes: fc.constantFrom(...quoteStyles),
    includeDrafts: fc.boolean(),
    strict: fc.boolean(),
    now: buildMoment,
  })
}

/** Writes the run's story into the site of its quote style, as the one story there. */
export async function writeRandomStory(sites: Record<QuoteStyle, string>, run: RandomRun): Promise<{siteDir: string; storyPath: string}> {
  const siteDir = sites[run.quotes]
  const storyPath = path.join(siteDir, 'articles', storyFileName)
  await writeFile(storyPath, storyBytes(run.parts))
  return {siteDir, storyPath}
}
