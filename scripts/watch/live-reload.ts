// Tells open preview pages when to reload (server-sent events), and shows build problems over the page being previewed.
import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import type {ServedPage} from '../serve/preview-server.ts'
import {urlOfOutput} from './rebuild-site.ts'

export interface LiveReload {
  /** For the preview server: answers the event stream. */
  handle(request: IncomingMessage, response: ServerResponse): boolean
  /** For the preview server: adds the overlay (when there are problems) and the reload script to a page. */
  transformHtml(html: string, served: ServedPage): string
  /** After each rebuild: the pages that changed, and the problems now standing (empty when the build is good). */
  publish(update: {changedUrls: readonly string[]; problems: readonly string[]}): void
  close(): void
}

const eventsPath = '/__desk/events'

export function createLiveReload(root: string): LiveReload {
  let version = 0
  const changedAt = new Map<string, number>()
  let problems: readonly string[] = []
  let problemsChangedAt = 0
  const clients = new Set<{page: string; since: number; response: ServerResponse}>()

  // A page served at version `since` is stale once it, or the problems shown over it, changed after that.
  const isStale = (page: string, since: number) => (changedAt.get(page) ?? 0) > since || problemsChangedAt > since

  return {
    handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (url.pathname !== eventsPath) return false
      const page = url.searchParams.get('page') ?? '/'
      const since = Number(url.searchParams.get('since') ?? 0)
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write(': connected\n\n')
      // Reconnecting after a missed change (the server was busy, the laptop slept): reload at once.
      if (isStale(page, since)) response.write('event: reload\ndata: {}\n\n')
      const client = {page, since, response}
      clients.add(client)
      request.on('close', () => clients.delete(client))
      return true
    },

    transformHtml(html, served) {
      // A "not found" answer is about the address asked for: when a page appears there, it reloads.
      const page = served.file && served.status === 200 ? urlOfOutput(path.relative(root, served.file).split(path.sep).join('/')) : served.path
      const script = `<script>(()=>{const s=new EventSource(${scriptValue(`${eventsPath}?page=${encodeURIComponent(page)}&since=${version}`)});s.addEventListener("reload",()=>location.reload())})()</script>`
      const withOverlay = problems.length > 0 ? html.replace(/<body[^>]*>/, (body) => body + overlay(problems)) : html
      return withOverlay.includes('</body>') ? withOverlay.replace('</body>', `${script}</body>`) : withOverlay + script
    },

    publish(update) {
      version++
      for (const url of update.changedUrls) changedAt.set(url, version)
      if (update.problems.join('\n') !== problems.join('\n')) {
        problems = update.problems
        problemsChangedAt = version
      }
      for (const client of clients) {
        if (isStale(client.page, client.since)) client.response.write('event: reload\ndata: {}\n\n')
      }
    },

    close() {
      for (const client of clients) client.response.end()
      clients.clear()
    },
  }
}

/** The problems over the page, styled inline so no layout can hide them. */
function overlay(problems: readonly string[]): string {
  const items = problems.map((line) => `<li style="margin:.25rem 0">${escapeHtml(line)}</li>`).join('')
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  return (
    '<div id="desk-problems" role="alert" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;' +
    'margin:0;padding:1rem 1.25rem;background:#7f1d1d;color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;' +
    'box-shadow:0 -4px 16px rgba(0,0,0,.4)">' +
    `<strong>${count}: the preview shows the last good version until ${problems.length === 1 ? 'it is' : 'they are'} fixed</strong>` +
    `<ul style="margin:.5rem 0 0;padding-left:1.25rem">${items}</ul></div>`
  )
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** A string safe inside an inline script: JSON, with `<` escaped so no `</script>` can end it early. */
function scriptValue(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c')
}
