import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {moduleFingerprint} from '../../scripts/cache/fingerprint.ts'
import {tempDir} from '../helpers/fixture-site.ts'

describe('module fingerprints', () => {
  it('change with any module imported, however deep, and with nothing else', async () => {
    const dir = await tempDir()
    const write = (name: string, text: string) => writeFile(path.join(dir, name), text)
    await write('entry.ts', "import {b} from './b.ts'\nimport type {T} from './types.ts'\nexport const a = b\n")
    await write('b.ts', "export {c as b} from './c.ts'\n")
    await write('c.ts', 'export const c = 1\n')
    await write('types.ts', 'export type T = number\n')
    await write('unrelated.ts', 'export const d = 1\n')
    const entry = path.join(dir, 'entry.ts')
    const first = moduleFingerprint([entry])

    await write('unrelated.ts', 'export const d = 2\n')
    await write('types.ts', 'export type T = string\n')
    expect(moduleFingerprint([entry])).toBe(first)

    await write('c.ts', 'export const c = 2\n')
    expect(moduleFingerprint([entry])).not.toBe(first)
  })

  it('change with the installed version of a package imported', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'entry.ts'), "import {unified} from 'unified'\n")
    const entry = path.join(dir, 'entry.ts')
    expect(moduleFingerprint([entry])).not.toBe(moduleFingerprint([entry], ['an extra input']))
    await writeFile(path.join(dir, 'entry.ts'), "import {toHtml} from 'hast-util-to-html'\n")
    const other = moduleFingerprint([entry])
    await writeFile(path.join(dir, 'entry.ts'), "import {unified} from 'unified'\n")
    expect(moduleFingerprint([entry])).not.toBe(other)
  })
})
