// Sorts a link a reporter wrote into where it goes: this page, another site, a page of this site, or another story's file.

export type LinkTarget =
  /** `#reaction`: a place on the same page. */
  | {kind: 'same-page'}
  /** Another site, or mail and phone; `insecure` for plain `http:`. */
  | {kind: 'external'; insecure: boolean}
  /** A page of this site, by path or by the site's own address. */
  | {kind: 'site'}
  /** `../14/osh-curfew.md#reaction`: another story's file, by a path relative to this one. */
  | {kind: 'story'; path: string; suffix: string}

export function classifyLink(href: string, siteUrl: string): LinkTarget {
  const url = href.trim()
  if (url === '' || url.startsWith('#')) return {kind: 'same-page'}
  if (url.startsWith('//')) return {kind: 'external', insecure: false}
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme !== undefined) {
    if ((scheme === 'http' || scheme === 'https') && URL.canParse(url) && new URL(url).origin === new URL(siteUrl).origin) {
      return {kind: 'site'}
    }
    return {kind: 'external', insecure: scheme === 'http'}
  }
  const cut = url.search(/[?#]/)
  const pathPart = cut === -1 ? url : url.slice(0, cut)
  if (!pathPart.startsWith('/') && /\.md$/i.test(pathPart)) {
    return {kind: 'story', path: safeDecode(pathPart), suffix: cut === -1 ? '' : url.slice(cut)}
  }
  return {kind: 'site'}
}

/** `Osh%20curfew.md` names the file `Osh curfew.md`; a stray `%` is taken as written. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
