// A memo that keeps what was used lately, not everything ever: what is drawn or formatted once per story would
// otherwise grow with the archive (a worker thread's small heap ran out at 100,000 stories).

/** Keeps between `limit` and twice `limit` entries: the newer half, and those of the older half used again. */
export class RecentMemo<Key, Value> {
  readonly #limit: number
  #current = new Map<Key, Value>()
  #previous = new Map<Key, Value>()

  constructor(limit: number) {
    this.#limit = limit
  }

  get(key: Key): Value | undefined {
    const value = this.#current.get(key)
    if (value !== undefined) return value
    const older = this.#previous.get(key)
    if (older !== undefined) this.set(key, older)
    return older
  }

  set(key: Key, value: Value): void {
    if (this.#current.size >= this.#limit) {
      this.#previous = this.#current
      this.#current = new Map()
    }
    this.#current.set(key, value)
  }
}
