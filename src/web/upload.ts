// Receiving one uploaded file: multer reads the multipart body into memory, then the CSRF token inside
// that body is checked. A file multer refuses (too big, more than one) is answered by the route's own
// page with a GOV.UK error, once the token has been checked.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import multer from 'multer'
import { verifyUploadCsrf } from './csrf-token.js'

export function receiveOneFile(
  maxBytes: number,
  refused: (req: Request, res: Response, message: string, status: number) => unknown,
  /** What to ask for when more than one file (or another field) is sent. */
  oneFileMessage = 'Upload one CSV or XLSX file',
): RequestHandler[] {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 10 } })
  const parse = (req: Request, res: Response, next: NextFunction) => {
    upload.single('file')(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        const tooBig = error.code === 'LIMIT_FILE_SIZE'
        const message = tooBig ? `The selected file must be smaller than ${maxBytes / 1024 / 1024} MB` : oneFileMessage
        return verifyUploadCsrf(req, res, (csrfError?: unknown) => {
          if (csrfError) return next(csrfError)
          Promise.resolve(refused(req, res, message, tooBig ? 413 : 400)).catch(next)
        })
      }
      next(error)
    })
  }
  return [parse, verifyUploadCsrf]
}
