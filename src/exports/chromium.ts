// One headless Chromium (Debian's, never a downloaded one) shared by the exports, started on first use. Its
// pages are kept for the next print (a few, emptied after each document): opening a browser context and a page
// starts a renderer process, which took a tenth of a second or more a print.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

let browser: Promise<Browser> | undefined
let launchedFrom: string | undefined
let context: Promise<BrowserContext> | undefined
/** Pages that have printed and been emptied, ready for the next print. */
let idle: Page[] = []

/** At most this many emptied pages wait for the next print (the PDF queue prints a few at a time). */
const MAX_IDLE_PAGES = 2

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
  context = undefined
  idle = []
  if (b) await (await b.catch(() => undefined))?.close()
}

/** A page to print on: one kept from an earlier print, or a new one in the shared context (JavaScript off). */
async function takePage(executablePath: string): Promise<Page> {
  const b = sharedBrowser(executablePath)
  for (let page = idle.pop(); page; page = idle.pop()) if (!page.isClosed()) return page
  if (!context) {
    const made = b.then((running) => running.newContext({ javaScriptEnabled: false }))
    context = made
    made.catch(() => {
      if (context === made) context = undefined
    })
  }
  return (await context).newPage()
}

/** After a print: the page emptied of its document (in the background) and kept for the next, or closed. */
function releasePage(page: Page, printed: boolean) {
  if (!printed || idle.length >= MAX_IDLE_PAGES) {
    void page.close().catch(() => {})
    return
  }
  const from = browser
  page
    .setContent('<!DOCTYPE html><title>Blank</title>')
    .then(() => {
      // Kept only while the browser it belongs to is still the shared one.
      if (browser === from && idle.length < MAX_IDLE_PAGES) idle.push(page)
      else void page.close().catch(() => {})
    })
    .catch(() => void page.close().catch(() => {}))
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
  const page = await takePage(executablePath)
  let printed = false
  try {
    await page.setContent(html, { waitUntil: 'load' })
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(header),
      footerTemplate: footerTemplate(header),
      margin: { top: '20mm', bottom: '20mm', left: '12mm', right: '12mm' },
    })
    printed = true
    return pdf
  } finally {
    releasePage(page, printed)
  }
}

/** Prints a complete HTML document to a PDF: htmlToPdf with its Chromium chosen, or a fake in tests. */
export type PdfPrinter = (html: string, header: PdfHeader) => Promise<Buffer>

export function chromiumPrinter(executablePath: string): PdfPrinter {
  return (html, header) => htmlToPdf(executablePath, html, header)
}
