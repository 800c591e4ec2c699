// A raw GET that follows no redirect and tidies no path: `/../` and encoded paths reach the server as written.
import {request} from 'node:http'

export interface RawResponse {
  status: number
  location?: string | undefined
  type?: string | undefined
  body: string
}

export function rawGet(serverUrl: string, rawPath: string): Promise<RawResponse> {
  const url = new URL(serverUrl)
  return new Promise((resolve, reject) => {
    const req = request({host: url.hostname, port: url.port, path: rawPath, method: 'GET'}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({status: response.statusCode ?? 0, location: response.headers.location, type: response.headers['content-type'], body}),
      )
    })
    req.on('error', reject)
    req.end()
  })
}
