// How precisely a file system's times tell changes apart, for the build's shortcuts that trust them.

/**
 * How long after `time` a change could still be stamped with it: the file system's clock moves in ticks of a few
 * milliseconds, or of a second or two where it keeps whole seconds (FAT keeps every other second).
 */
export function clockTickAt(time: number): number {
  return time % 1000 === 0 ? 2000 : 20
}
