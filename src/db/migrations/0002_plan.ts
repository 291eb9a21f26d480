import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      starts_on date not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index plan_organisation_idx on plan (organisation_id)`.execute(db)
  await sql`
    create table strand (
      id serial primary key,
      plan_id integer not null references plan (id) on delete cascade,
      code text not null,
      half text not null check (half in ('A', 'B')),
      title text not null,
      lead_title text not null default '',
      lead_user_id integer references app_user (id) on delete set null,
      status text not null default 'active' check (status in ('active', 'retired')),
      retired_on date,
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, code)
    )`.execute(db)
  await sql`
    create table objective (
      id serial primary key,
      strand_id integer not null references strand (id) on delete cascade,
      title text not null,
      description text not null default '',
      status text not null default 'active' check (status in ('active', 'retired')),
      retired_on date,
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index objective_strand_idx on objective (strand_id)`.execute(db)
  await sql`
    create table milestone (
      id serial primary key,
      objective_id integer not null references objective (id) on delete cascade,
      title text not null,
      owner text not null default '',
      due_on date not null,
      status text not null check (status in ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
      completed_on date,
      evidence text not null default '',
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'complete') = (completed_on is not null))
    )`.execute(db)
  await sql`create index milestone_objective_idx on milestone (objective_id)`.execute(db)
  await sql`
    create table objective_update (
      id serial primary key,
      objective_id integer not null references objective (id) on delete cascade,
      body text not null,
      author_user_id integer references app_user (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index objective_update_objective_idx on objective_update (objective_id, created_at)`.execute(db)
  await sql`
    create table plan_version (
      id serial primary key,
      plan_id integer not null references plan (id) on delete cascade,
      number integer not null,
      notes text not null default '',
      snapshot jsonb not null,
      published_by integer references app_user (id) on delete set null,
      published_at timestamptz not null default now(),
      unique (plan_id, number)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['plan_version', 'objective_update', 'milestone', 'objective', 'strand', 'plan']) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
}
