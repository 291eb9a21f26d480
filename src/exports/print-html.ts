import fs from 'node:fs/promises'
import path from 'node:path'
import type { Response } from 'express'
import { projectRoot } from '../shared/project-root.js'

let css: Promise<string> | undefined

/** The stylesheets, inlined so the printed document needs nothing from the server. */
export function printCss(): Promise<string> {
  css ??= Promise.all([
    fs.readFile(path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8'),
    fs.readFile(path.join(projectRoot, 'public/stylesheets/app.css'), 'utf8'),
  ]).then((parts) => parts.join('\n').replace(/url\([^)]*\/assets\/[^)]*\)/g, 'none'))
  return css
}

export function renderToString(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) =>
    res.app.render(view, { ...res.locals, ...locals }, (error, html) => (error ? reject(error) : resolve(html))),
  )
}
