// A browser follows a redirect on its headers alone, so the session must be in the store by then.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import express from 'express'
import session from 'express-session'
import { saveSessionBeforeRedirect } from './app.js'

/** A store whose writes take a while, as a busy database's do. */
class SlowStore extends session.MemoryStore {
  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    setTimeout(() => super.set(sid, data, callback), 150)
  }
}

async function headersArriveAfterSave(withFix: boolean): Promise<boolean> {
  const store = new SlowStore()
  const app = express()
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
    const saved = await new Promise<boolean>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/sign-in', method: 'POST' }, (res) => {
        // On the headers alone, as a browser following the redirect would.
        store.length((_err, count) => resolve((count ?? 0) > 0))
        res.resume()
      })
      req.on('error', reject)
      req.end()
    })
    return saved
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
