// A worker thread's first module. Threads start without the TypeScript loader the command line runs under (and
// without vitest's), so this plain module registers tsx, then loads the tasks written in TypeScript.
import {register} from 'tsx/esm/api'

register()
const tasks = await import('./tasks.ts')

export const parseStories = tasks.parseStories
export const drawPages = tasks.drawPages
