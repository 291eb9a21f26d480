// The plan as it was recorded, item by item, so a report for a past quarter reads the plan as it stood
// then; a plan's period and closing; each objective's intended impact and its dated evidence.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan add column ends_on date`.execute(db)
  await sql`alter table plan add column closed_on date`.execute(db)
  await sql`alter table plan add column closed_note text not null default ''`.execute(db)
  // The plan a new plan follows on from, when it carried objectives over.
  await sql`alter table plan add column follows_plan_id integer references plan (id) on delete set null`.execute(db)
  // Where an objective was carried over from: it keeps its id, milestones, updates and evidence.
  await sql`alter table objective add column carried_from_plan_id integer references plan (id) on delete set null`.execute(
    db,
  )
  await sql`alter table objective add column intended_impact text not null default ''`.execute(db)

  // One row each time a strand, objective or milestone is created, changed, moved or deleted: its fields as
  // they were then (null once deleted), who recorded it, when, and why (required when a due date moves).
  await sql`
    create table plan_record (
      id serial primary key,
      plan_id integer not null references plan (id) on delete cascade,
      item_type text not null check (item_type in ('strand', 'objective', 'milestone')),
      item_id integer not null,
      recorded_at timestamptz not null default now(),
      recorded_by integer references app_user (id) on delete set null,
      reason text not null default '',
      state jsonb
    )`.execute(db)
  await sql`create index plan_record_plan_idx on plan_record (plan_id, recorded_at)`.execute(db)
  await sql`create index plan_record_item_idx on plan_record (item_type, item_id, recorded_at)`.execute(db)
  // What is already there was recorded when it was created, as it is now: earlier changes are not known.
  for (const table of ['strand', 'objective', 'milestone'] as const) {
    const planOf =
      table === 'strand'
        ? sql`s.plan_id`
        : table === 'objective'
          ? sql`(select plan_id from strand where strand.id = s.strand_id)`
          : sql`(select st.plan_id from objective o join strand st on st.id = o.strand_id where o.id = s.objective_id)`
    await sql`
      insert into plan_record (plan_id, item_type, item_id, recorded_at, state)
      select ${planOf}, ${table}, s.id, s.created_at, to_jsonb(s) - 'updated_at'
      from ${sql.table(table)} s`.execute(db)
  }

  await sql`
    create table evidence_entry (
      id serial primary key,
      objective_id integer not null references objective (id) on delete cascade,
      observed_on date not null,
      kind text not null check (kind in ('audit', 'visit', 'children', 'staff', 'partner', 'document', 'data')),
      summary text not null,
      direction text not null check (direction in ('improving', 'no-change', 'worsening')),
      attachment_name text,
      attachment_type text,
      attachment bytea,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      -- Withdrawn rather than deleted, so a report for a quarter before the withdrawal still shows it.
      withdrawn_at timestamptz,
      withdrawn_by integer references app_user (id) on delete set null,
      withdrawn_reason text not null default '',
      check ((attachment is null) = (attachment_name is null)),
      check ((attachment is null) = (attachment_type is null))
    )`.execute(db)
  await sql`create index evidence_entry_objective_idx on evidence_entry (objective_id, observed_on)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evidence_entry`.execute(db)
  await sql`drop table plan_record`.execute(db)
  await sql`alter table objective drop column intended_impact`.execute(db)
  await sql`alter table objective drop column carried_from_plan_id`.execute(db)
  await sql`alter table plan drop column follows_plan_id`.execute(db)
  await sql`alter table plan drop column closed_note`.execute(db)
  await sql`alter table plan drop column closed_on`.execute(db)
  await sql`alter table plan drop column ends_on`.execute(db)
}
