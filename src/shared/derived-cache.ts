// Derived figures kept in memory and used again while their inputs are unchanged. Each entry is stored with the
// stamp of its inputs at the moment it was computed (read before computing: see src/db/derived-stamps.ts); a
// lookup with a different stamp computes afresh. Requests that arrive together for the same key and stamp share
// one computation. The number of entries is capped, the least recently used dropped first.

export class DerivedCache<V> {
  readonly #entries = new Map<string, { stamp: string; value: Promise<V> }>()
  #computed = 0

  constructor(
    readonly name: string,
    private readonly maxEntries = 200,
  ) {}

  /** How many times a value was computed rather than reused (what the invalidation tests count). */
  get computations(): number {
    return this.#computed
  }

  get(key: string, stamp: string, compute: () => Promise<V>): Promise<V> {
    const entry = this.#entries.get(key)
    if (entry && entry.stamp === stamp) {
      // Most recently used last.
      this.#entries.delete(key)
      this.#entries.set(key, entry)
      return entry.value
    }
    this.#computed++
    const value = compute()
    this.#entries.delete(key)
    this.#entries.set(key, { stamp, value })
    // A failed computation is not kept: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key)
    })
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
    return value
  }

  clear(): void {
    this.#entries.clear()
  }
}
