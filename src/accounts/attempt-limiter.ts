// Limits repeated attempts at one thing (changing the password from a signed-in session, asking for reset mail
// for one address): after 5 in 15 minutes, that key is refused for the rest of the window. In memory: per
// process, reset on restart. Sign-in itself is throttled in the database (sign-in-throttle-repository.ts).
const WINDOW_MS = 15 * 60 * 1000
const MAX_FAILURES = 5

export class AttemptLimiter {
  readonly #failures = new Map<string, number[]>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  #recent(email: string): number[] {
    const cutoff = this.#now() - WINDOW_MS
    const recent = (this.#failures.get(email) ?? []).filter((t) => t > cutoff)
    if (recent.length) this.#failures.set(email, recent)
    else this.#failures.delete(email)
    return recent
  }

  isLocked(email: string): boolean {
    return this.#recent(email).length >= MAX_FAILURES
  }

  recordFailure(email: string): void {
    this.#failures.set(email, [...this.#recent(email), this.#now()])
  }

  reset(email: string): void {
    this.#failures.delete(email)
  }
}
