// Serves a built site on this machine as Netlify would, with hooks for watch mode's live reload and error overlay.
import {createReadStream} from 'node:fs'
import {readFile, realpath} from 'node:fs/promises'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {resolveRequest} from './resolve-request.ts'

export interface PreviewServerOptions {
  /** The built site's folder. */
  root: string
  /** Loopback unless told otherwise: a preview holds unpublished drafts. */
  host?: string | undefined
  /** 0 picks a free port. */
  port?: number | undefined
  /**
   * Changes each HTML page as it is served (watch mode adds its reload script and overlay here); the files stay
   * as built. Also called, with no file, for an address the site cannot answer at all (nothing built yet).
   */
  transformHtml?: ((html: string, served: ServedPage) => string) | undefined
  /** Answers requests the site does not (watch mode's event stream); returns true when it handled one. */
  handle?: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined
}

/** What the browser asked for, and what answered it. */
export interface ServedPage {
  /** The request's path: `/central-south-asia/`. */
  path: string
  /** The file served, if any: the page itself, or 404.html. */
  file?: string | undefined
  status: number
}

export interface PreviewServer {
  /** `http://127.0.0.1:8080/` */
  url: string
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const root = await realpath(options.root)

  const server = createServer((request, response) => {
    if (options.handle?.(request, response)) return
    serve(root, options, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, {'content-type': 'text/plain; charset=utf-8'})
      response.end(`Preview server error: ${(error as Error).message}\n`)
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // Event streams stay open forever; close them so the server can stop.
        server.closeAllConnections()
      }),
  }
}

async function serve(root: string, options: PreviewServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, {allow: 'GET, HEAD'}).end()
    return
  }
  const requestPath = new URL(request.url ?? '/', 'http://localhost').pathname
  const resolution = await resolveRequest(root, requestPath)
  switch (resolution.kind) {
    case 'bad-request':
      response.writeHead(400, {'content-type': 'text/plain; charset=utf-8'}).end('Bad request\n')
      return
    case 'not-found':
      if (options.transformHtml) {
        // Nothing built yet (the first build failed): an HTML page, so watch mode can show why, and reload when fixed.
        const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head><body><p>There is no page here yet.</p></body></html>'
        response.writeHead(404, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'})
        response.end(options.transformHtml(page, {path: requestPath, status: 404}))
        return
      }
      response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found\n')
      return
    case 'redirect':
      response.writeHead(resolution.status ?? 301, {location: resolution.location}).end()
      return
    case 'file': {
      const type = contentTypes[path.extname(resolution.file).toLowerCase()] ?? 'application/octet-stream'
      // A preview always shows the latest build.
      const headers = {'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff'}
      if (type.startsWith('text/html') && options.transformHtml) {
        const html = options.transformHtml(await readFile(resolution.file, 'utf8'), {
          path: requestPath,
          file: resolution.file,
          status: resolution.status,
        })
        response.writeHead(resolution.status, headers)
        response.end(request.method === 'HEAD' ? undefined : html)
        return
      }
      response.writeHead(resolution.status, headers)
      if (request.method === 'HEAD') response.end()
      else createReadStream(resolution.file).pipe(response)
    }
  }
}
