// Runs the build and check commands as `npm run build` does (through scripts/launch.mjs), and checks what a
// reporter sees in the terminal and what is left on disk.
import {execFile} from 'node:child_process'
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {makeSite, readPage, siteYaml, story, textOf} from '../helpers/fixture-site.ts'

const repository = fileURLToPath(new URL('../../', import.meta.url))

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repository, 'scripts/launch.mjs'), command, ...args], {cwd: repository}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, stdout, stderr})
    })
  })
}

/** A build of a test's own site, which keeps no cache unless the test gives it one. */
const build = (...args: string[]) => run('build', args.includes('--cache-dir') ? args : [...args, '--no-cache'])
const check = (...args: string[]) => run('check', [...args, '--no-cache'])

describe('npm run build', () => {
  it('builds a site and prints one summary line', async () => {
    const site = await makeSite({
      'articles/a.md': story({topics: '[Osh]'}),
      'articles/b.md': story({section: 'middle-east'}),
    })
    const out = path.join(site, 'public')
    const run = await build('--site', site, '--out', out)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Built 2 articles in 2 sections: 9 pages \(19 files\) written to .*public\/ in \d+\.\d\d s\n$/)
    expect((await readPage(out, '/middle-east/')).text('.story-list .card-title')).toBe('Clashes erupt in south Kyrgyzstan')
  })

  it('says how much of a build came from the cache', async () => {
    const site = await makeSite({'articles/a.md': story(), 'articles/b.md': story({section: 'middle-east'})})
    const cache = path.join(site, 'cache')
    expect((await build('--site', site, '--out', path.join(site, 'one'), '--cache-dir', cache)).stdout).toMatch(/ in \d+\.\d\d s\n$/)
    await writeFile(path.join(site, 'articles/b.md'), story({section: 'middle-east', title: 'A new headline'}))
    const second = await build('--site', site, '--out', path.join(site, 'two'), '--cache-dir', cache, '--timings')
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(
      /^Built 2 articles in 2 sections: \d+ pages \(\d+ files\) written to .*two\/ in \d+\.\d\d s; 1 story parsed and \d+ files drawn, the rest from the cache\n/,
    )
    expect(second.stdout).toMatch(/\nTimings: reading stories \d+\.\d\d s, planning \d+\.\d\d s, drawing and writing \d+\.\d\d s\n$/)
  })

  it('pages a long section, with a visible pager and rel links for crawlers', async () => {
    const files: Record<string, string> = {'site.yaml': siteYaml + 'page_size: 2\n'}
    for (let day = 1; day <= 5; day++) files[`articles/s${day}.md`] = story({title: `Story ${day}`, published: `2010-05-0${day}T10:00:00Z`})
    const site = await makeSite(files)
    const out = path.join(site, 'dist')
    expect((await build('--site', site, '--out', out)).code).toBe(0)

    const first = await readPage(out, '/central-south-asia/')
    expect(first.all('.card-title').map(textOf)).toEqual(['Story 5', 'Story 4'])
    expect(first.text('.pager')).toBe('Page 1 of 3 Older stories')
    expect(first.one('link[rel=next]').properties.href).toBe('/central-south-asia/page/2/')

    const second = await readPage(out, '/central-south-asia/page/2/')
    expect(second.text('h1')).toBe('Central & South Asia, page 2')
    expect(second.text('title')).toBe('Central & South Asia, page 2 | Test Desk')
    expect(second.text('.story-list .card-title')).toBe('Story 3')
    expect(second.text('.pager')).toBe('Newer stories Page 2 of 3 Older stories')
    expect([second.one('link[rel=prev]').properties.href, second.one('link[rel=next]').properties.href]).toEqual([
      '/central-south-asia/',
      '/central-south-asia/page/3/',
    ])
    expect(second.one('link[rel=canonical]').properties.href).toBe('https://news.example.org/central-south-asia/page/2/')
    expect((await readPage(out, '/central-south-asia/page/3/')).text('.story-list .card-title')).toBe('Story 1')
  })

  it('reports every error in every file as file:line:column, exits non-zero and keeps the previous site', async () => {
    const site = await makeSite({'articles/good.md': story()})
    const out = path.join(site, 'dist')
    expect((await build('--site', site, '--out', out)).code).toBe(0)
    const before = await readFile(path.join(out, 'index.html'), 'utf8')

    await writeFile(path.join(site, 'articles/good.md'), story({section: 'sprot'}))
    await writeFile(path.join(site, 'articles/typo.md'), story({slug: 'typo', titel: 'Oops'}))
    const run = await build('--site', site, '--out', out)

    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const relative = path.relative(repository, site)
    expect(run.stderr).toBe(
      [
        `${relative}/articles/good.md:4:10: error: Unknown section \`sprot\`: use one of \`central-south-asia\`, \`middle-east\` [unknown-section]`,
        `${relative}/articles/typo.md:8:1: error: Unknown field \`titel\`: did you mean \`title\`? [unknown-field]`,
        '',
        `Build failed: 2 errors in 2 files. Nothing was written; ${path.relative(repository, out)}/ still holds the previous build.`,
        '',
      ].join('\n'),
    )
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe(before)
    expect((await readdir(site)).sort()).toEqual(['articles', 'dist', 'site.yaml'])
  })

  it('puts back a site a killed build moved aside, even when this build fails on a story', async () => {
    const site = await makeSite({'articles/a.md': story({titel: 'Oops'})})
    // What a build killed between its two renames leaves (pid 999999 is not running): the site moved aside, no dist/.
    await mkdir(path.join(site, '.dist.old-999999-abcd1234'))
    await writeFile(path.join(site, '.dist.old-999999-abcd1234', 'index.html'), 'previous')
    const run = await build('--site', site, '--out', path.join(site, 'dist'))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/dist\/ still holds the previous build\.\n$/)
    expect(await readFile(path.join(site, 'dist', 'index.html'), 'utf8')).toBe('previous')
    expect((await readdir(site)).sort()).toEqual(['articles', 'dist', 'site.yaml'])
  })

  it('prints warnings but still builds', async () => {
    const site = await makeSite({'articles/a.md': story({}, 'Text with <em onmouseover="x()">markup</em>.\n')})
    const run = await build('--site', site, '--out', path.join(site, 'dist'))
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/articles\/a\.md:9:11: warning: Removed `onmouseover` from `<em>`: the desk’s pages do not allow it \[unsafe-html\]/)
    expect(run.stdout).toMatch(/in \d+\.\d\d s \(1 warning\)\n$/)
  })

  it('refuses to replace a folder that is not a built site', async () => {
    const site = await makeSite({'articles/a.md': story(), 'notes/todo.txt': 'keep me'})
    const run = await build('--site', site, '--out', path.join(site, 'notes'))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^Refusing to replace .*notes: it is not empty and does not look like a built site \(no index\.html\)\. Choose another --out, or empty it first\.\n$/)
    expect(await readFile(path.join(site, 'notes/todo.txt'), 'utf8')).toBe('keep me')
  })

  it('refuses an output folder that holds the site itself, even one that looks like a build', async () => {
    const site = await makeSite({'articles/a.md': story(), 'index.html': '<p>an old build, once</p>'})
    for (const out of [site, path.dirname(site), path.join(site, 'articles', 'out')]) {
      const run = await build('--site', site, '--out', out)
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^Refusing to write the site to .*: it would replace the site's own files in /)
    }
    expect((await readdir(site)).sort()).toEqual(['articles', 'index.html', 'site.yaml'])
  })

  it('explains an output path that runs through a file', async () => {
    const site = await makeSite({'articles/a.md': story(), 'afile': 'x'})
    const run = await build('--site', site, '--out', path.join(site, 'afile', 'sub'))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^Cannot use .*afile\/sub as the output folder \(ENOTDIR\): choose another --out\n$/)
  })

  it('explains its options, and refuses unknown ones', async () => {
    const help = await build('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--site <dir>')
    const wrong = await build('--sight', 'x')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/Unknown option '--sight'/)
  })
})

describe('npm run check', () => {
  const uncredited = story({image: '\n  src: crowd.svg\n  alt: A crowd'})
  const photo = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'

  it('reports warnings, passes, and writes nothing', async () => {
    const site = await makeSite({'articles/a.md': uncredited, 'articles/crowd.svg': photo})
    const result = await check('--site', site)
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/articles\/a\.md:7:1: warning: The photo has no `credit`/)
    expect(result.stdout).toBe('Checked 1 article and 7 pages: 0 errors and 1 warning. Nothing was written.\n')
    expect((await readdir(site)).sort()).toEqual(['articles', 'site.yaml'])
  })

  it('fails on the same warning with --strict, as the deploy would', async () => {
    const site = await makeSite({'articles/a.md': uncredited, 'articles/crowd.svg': photo})
    const result = await check('--site', site, '--strict')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/articles\/a\.md:7:1: error: The photo has no `credit`.*\[image-credit\]\n {4}The build runs with `--strict`/)
    expect(result.stderr).toMatch(/Check failed: 1 error and 0 warnings in 1 file\./)
  })
})
