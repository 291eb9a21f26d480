// A browser follows a redirect on its headers alone, so the session must be in the store by then.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import express from 'express'
import session from 'express-session'
import { saveSessionBeforeRedirect } from './app.js'

/**
 * A store whose writes finish later than the call, as a database's do, and which notes whether the response's
 * headers had already gone when a write finished. Deterministic: no timers, one turn of the event loop.
 */
class SlowStore extends session.MemoryStore {
  response: http.ServerResponse | undefined
  headersWentBeforeAWrite = false
  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    setImmediate(() => {
      if (this.response?.headersSent) this.headersWentBeforeAWrite = true
      super.set(sid, data, callback)
    })
  }
}

async function headersArriveAfterSave(withFix: boolean): Promise<boolean> {
  const store = new SlowStore()
  const app = express()
  app.use((_req, res, next) => {
    store.response = res
    next()
  })
  app.use(session({ secret: 'test', store, resave: false, saveUninitialized: false }))
  if (withFix) app.use(saveSessionBeforeRedirect)
  app.post('/sign-in', (req, res) => {
    req.session.userId = 1
    res.redirect('/next')
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  try {
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/sign-in', method: 'POST' }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end()
    })
    // A browser follows the redirect on its headers alone, so they must not leave before the session is stored.
    return !store.headersWentBeforeAWrite
  } finally {
    server.closeAllConnections()
    server.close()
  }
}

describe('saving the session before a redirect', () => {
  it('has the session stored by the time the redirect headers arrive', async () => {
    assert.equal(await headersArriveAfterSave(true), true)
  })
  it('is needed: without it, express-session sends the redirect before its save finishes', async () => {
    assert.equal(await headersArriveAfterSave(false), false)
  })
})
