// One headless Chromium (Debian's, never a downloaded one) shared by the exports, started on first use.
import { chromium, type Browser } from 'playwright-core'

let browser: Promise<Browser> | undefined
let launchedFrom: string | undefined

export class ChromiumUnavailableError extends Error {}

function sharedBrowser(executablePath: string): Promise<Browser> {
  if (browser && launchedFrom !== executablePath) {
    // Asked for another Chromium (a test of a missing one): close the one running, or it outlives the process.
    void closeSharedBrowser()
  }
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

/** What every page of a printed document shows at its head and foot. */
export interface PdfHeader {
  /** The document's title, at the top of every page. */
  title: string
  /** Its protective marking (OFFICIAL or OFFICIAL-SENSITIVE), at the top and the foot of every page. */
  marking: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

// Chromium draws the header and footer in the page margins, apart from the document: they take none of its
// styles (their default font size is too small to read), so each carries its own. The page margins leave
// room for them; the side padding lines them up with the text.
const BAND =
  'box-sizing:border-box;width:100%;padding:0 12mm;display:flex;justify-content:space-between;' +
  'font-family:Arial,sans-serif;font-size:9pt;color:#0b0c0c'

function headerTemplate({ title, marking }: PdfHeader): string {
  return `<div style="${BAND}"><span>${escapeHtml(title)}</span><strong>${escapeHtml(marking)}</strong></div>`
}

// `pageNumber` and `totalPages` are the classes Chromium fills in.
function footerTemplate({ marking }: PdfHeader): string {
  return (
    `<div style="${BAND}"><strong>${escapeHtml(marking)}</strong>` +
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  )
}

/**
 * Prints a complete HTML document to an A4 PDF, tagged for accessibility, with an outline made from its
 * headings, and the title and protective marking at the head of every page and "Page X of Y" at its foot.
 */
export async function htmlToPdf(executablePath: string, html: string, header: PdfHeader): Promise<Buffer> {
  const context = await (await sharedBrowser(executablePath)).newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(header),
      footerTemplate: footerTemplate(header),
      margin: { top: '20mm', bottom: '20mm', left: '12mm', right: '12mm' },
    })
  } finally {
    await context.close()
  }
}

/** Prints a complete HTML document to a PDF: htmlToPdf with its Chromium chosen, or a fake in tests. */
export type PdfPrinter = (html: string, header: PdfHeader) => Promise<Buffer>

export function chromiumPrinter(executablePath: string): PdfPrinter {
  return (html, header) => htmlToPdf(executablePath, html, header)
}
