// A report becomes a board paper: a cover (the Board and meeting it goes to, author's and accountable
// officer's roles, purpose, protective marking), approval before publication (submitted, approved by a
// leader, published), corrections that supersede a published report with a reason, parts marked
// sensitive, and a public edition.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // The old checks named only draft and published; find them by name rather than guess it.
  const checks = await sql<{ conname: string }>`
    select conname from pg_constraint where conrelid = 'report'::regclass and contype = 'c'`.execute(db)
  for (const { conname } of checks.rows) await sql`alter table report drop constraint ${sql.id(conname)}`.execute(db)
  await sql`drop index report_one_draft_per_quarter`.execute(db)
  await sql`
    alter table report
      add constraint report_status_check
        check (status in ('draft', 'submitted', 'approved', 'published', 'superseded')),
      add constraint report_snapshot_when_published
        check ((status in ('published', 'superseded')) = (snapshot is not null)),
      add column board_name text not null default 'Improvement Board',
      add column meeting_on date,
      add column author_role text not null default '',
      add column accountable_role text not null default '',
      add column purpose text not null default 'assurance' check (purpose in ('decision', 'assurance', 'information')),
      add column marking text not null default 'OFFICIAL' check (marking in ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
      add column decisions_follow_up text not null default '',
      add column sensitive jsonb not null default '[]',
      add column revision integer not null default 1,
      add column corrects_report_id integer references report (id) on delete set null,
      add column correction_reason text not null default '',
      add column submitted_by integer references app_user (id) on delete set null,
      add column submitted_at timestamptz,
      add column approved_by integer references app_user (id) on delete set null,
      add column approved_at timestamptz,
      add column public_by integer references app_user (id) on delete set null,
      add column public_at timestamptz`.execute(db)
  // One report in preparation per quarter, and one in force once published (a correction supersedes it).
  await sql`create unique index report_one_open_per_quarter on report (organisation_id, quarter_start)
    where status in ('draft', 'submitted', 'approved')`.execute(db)
  await sql`create unique index report_one_published_per_quarter on report (organisation_id, quarter_start)
    where status = 'published'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index report_one_published_per_quarter`.execute(db)
  await sql`drop index report_one_open_per_quarter`.execute(db)
  await sql`delete from report where status in ('submitted', 'approved', 'superseded')`.execute(db)
  await sql`
    alter table report
      drop constraint report_status_check,
      drop constraint report_snapshot_when_published,
      drop column board_name, drop column meeting_on, drop column author_role, drop column accountable_role,
      drop column purpose, drop column marking, drop column decisions_follow_up, drop column sensitive,
      drop column revision, drop column corrects_report_id, drop column correction_reason,
      drop column submitted_by, drop column submitted_at, drop column approved_by, drop column approved_at,
      drop column public_by, drop column public_at,
      add constraint report_status_check check (status in ('draft', 'published')),
      add constraint report_check check ((status = 'published') = (snapshot is not null))`.execute(db)
  await sql`create unique index report_one_draft_per_quarter on report (organisation_id, quarter_start)
    where status = 'draft'`.execute(db)
}
