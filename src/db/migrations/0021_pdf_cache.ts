// PDFs of published reports, printed once: a published report never changes, so its PDF is kept and served
// again instead of printing it in Chromium on every download. One row per report and edition (the council's,
// or the public edition); content_hash says what it was printed from (the snapshot, status and revision), so a
// report that changes status (superseded by a correction) is printed afresh and the row replaced.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_pdf (
      report_id integer not null references report (id) on delete cascade,
      edition text not null check (edition in ('council', 'public')),
      content_hash text not null,
      body bytea not null,
      created_at timestamptz not null default now(),
      primary key (report_id, edition)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table report_pdf`.execute(db)
}
