// One headless Chromium (Debian's, never a downloaded one) shared by the exports, started on first use.
import { chromium, type Browser } from 'playwright-core'

let browser: Promise<Browser> | undefined
let launchedFrom: string | undefined

export class ChromiumUnavailableError extends Error {}

function sharedBrowser(executablePath: string): Promise<Browser> {
  if (!browser || launchedFrom !== executablePath) {
    launchedFrom = executablePath
    browser = chromium
      .launch({
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      })
      .catch((error: unknown) => {
        browser = undefined
        throw new ChromiumUnavailableError(
          `Chromium could not start from ${executablePath}: ${(error as Error).message}`,
        )
      })
  }
  return browser
}

export async function closeSharedBrowser(): Promise<void> {
  const b = browser
  browser = undefined
  if (b) await (await b.catch(() => undefined))?.close()
}

/** Prints a complete HTML document to an A4 PDF. */
export async function htmlToPdf(executablePath: string, html: string): Promise<Buffer> {
  const context = await (await sharedBrowser(executablePath)).newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    })
  } finally {
    await context.close()
  }
}
