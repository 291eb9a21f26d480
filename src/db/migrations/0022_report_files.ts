// The files of published reports, made once: what 0021 did for the PDF, now for the Word document and the Excel
// annex too. A published report never changes, so each of its files is made on the first download and kept;
// every later download, from any of the app's processes, is served from here. The table of PDFs becomes the
// table of files, one row per report, edition and format; content_hash still says what the file was made from.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_pdf rename to report_file`.execute(db)
  await sql`alter table report_file add column format text not null default 'pdf'`.execute(db)
  await sql`alter table report_file alter column format drop default`.execute(db)
  await sql`alter table report_file add constraint report_file_format_check check (format in ('pdf', 'docx', 'xlsx'))`.execute(
    db,
  )
  await sql`alter table report_file drop constraint report_pdf_pkey`.execute(db)
  await sql`alter table report_file add primary key (report_id, edition, format)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from report_file where format <> 'pdf'`.execute(db)
  await sql`alter table report_file drop constraint report_file_pkey`.execute(db)
  await sql`alter table report_file drop constraint report_file_format_check`.execute(db)
  await sql`alter table report_file drop column format`.execute(db)
  await sql`alter table report_file add constraint report_pdf_pkey primary key (report_id, edition)`.execute(db)
  await sql`alter table report_file rename to report_pdf`.execute(db)
}
