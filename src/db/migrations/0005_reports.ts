import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A contribution asked of a partner agency; one not received by a report's quarter end is listed as a
  // contribution to strengthen.
  await sql`
    create table partner_request (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      partner text not null,
      description text not null,
      strand_id integer references strand (id) on delete set null,
      requested_on date not null,
      due_on date not null,
      received_on date,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index partner_request_organisation_idx on partner_request (organisation_id)`.execute(db)
  // A quarterly progress report. A draft is rebuilt from live data each time it is read; publishing
  // stores the whole content as it was (snapshot) and the row is never changed again.
  await sql`
    create table report (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      quarter_start date not null,
      status text not null default 'draft' check (status in ('draft', 'published')),
      summary text not null default '',
      recommendations text not null default '',
      decisions text not null default '',
      snapshot jsonb,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_by integer references app_user (id) on delete set null,
      published_at timestamptz,
      check ((status = 'published') = (snapshot is not null))
    )`.execute(db)
  await sql`create unique index report_one_draft_per_quarter on report (organisation_id, quarter_start) where status = 'draft'`.execute(
    db,
  )
  await sql`
    create table report_commentary (
      report_id integer not null references report (id) on delete cascade,
      strand_id integer not null references strand (id) on delete cascade,
      commentary text not null default '',
      impact text not null default '',
      updated_by integer references app_user (id) on delete set null,
      updated_at timestamptz not null default now(),
      primary key (report_id, strand_id)
    )`.execute(db)
  await sql`
    create table report_override (
      report_id integer not null references report (id) on delete cascade,
      entity_type text not null check (entity_type in ('strand', 'objective')),
      entity_id integer not null,
      rag text not null check (rag in ('red', 'amber', 'green')),
      reason text not null,
      set_by integer references app_user (id) on delete set null,
      set_at timestamptz not null default now(),
      primary key (report_id, entity_type, entity_id)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_override', 'report_commentary', 'report', 'partner_request']) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
}
