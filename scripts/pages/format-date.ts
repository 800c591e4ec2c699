// Dates as the desk prints them, in its own time zone: `15 May 2010 15:43 GMT`.
import {RecentMemo} from '../recent-memo.ts'

const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    formats.set(timeZone, format)
  }
  return format
}

// Intl formatting is slow, and a story's date is printed on its page and on every card of it.
const formatted = new RecentMemo<string, string>(16_384)

export function formatDateTime(epochMs: number, timeZone: string): string {
  const key = `${timeZone} ${epochMs}`
  let text = formatted.get(key)
  if (text === undefined) {
    text = formatParts(epochMs, timeZone)
    formatted.set(key, text)
  }
  return text
}

function formatParts(epochMs: number, timeZone: string): string {
  const parts = formatFor(timeZone).formatToParts(epochMs)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  // News desks say GMT, not UTC.
  const zone = part('timeZoneName').replace(/^UTC/, 'GMT')
  return `${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')} ${zone}`
}

/** Just the day, for lists: `15 May 2010`. */
export function formatDate(epochMs: number, timeZone: string): string {
  return formatDateTime(epochMs, timeZone).split(' ').slice(0, 3).join(' ')
}
