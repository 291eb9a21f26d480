// Where the repository is on disk, for files the app reads at run time (views, national data, demo data).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, whether running from src/ (tsx) or dist/src/ (compiled). */
export const projectRoot = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const parts = here.split(path.sep)
  const srcIndex = parts.lastIndexOf('src')
  const root = parts.slice(0, srcIndex).join(path.sep) || path.sep
  return path.basename(root) === 'dist' ? path.dirname(root) : root
})()
