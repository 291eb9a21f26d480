// Leadership stability: senior posts and who holds them (permanent, interim, acting, vacant) over time.
// A post has a tier and may be created or removed over time; its holder periods run from a day until the next
// period of the same post begins (no names are kept: only the status). The council links the objectives this
// evidence bears on in a table of its own.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table leadership_post (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      tier text not null check (tier in ('director', 'deputy-director', 'assistant-director', 'head-of-service')),
      created_on date,
      deleted_on date,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (deleted_on is null or created_on is null or deleted_on > created_on)
    )`.execute(db)
  await sql`create unique index leadership_post_title on leadership_post (organisation_id, lower(title))`.execute(db)
  await sql`
    create table leadership_period (
      id serial primary key,
      post_id integer not null references leadership_post (id) on delete cascade,
      starts_on date not null,
      status text not null check (status in ('permanent', 'interim', 'acting', 'vacant')),
      note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (post_id, starts_on)
    )`.execute(db)
  await sql`
    create table leadership_objective (
      organisation_id integer not null references organisation (id) on delete cascade,
      objective_id integer not null references objective (id) on delete cascade,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (organisation_id, objective_id)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table leadership_objective`.execute(db)
  await sql`drop table leadership_period`.execute(db)
  await sql`drop table leadership_post`.execute(db)
}
