import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisation (
      id serial primary key,
      slug text not null unique,
      name text not null,
      kind text not null check (kind in ('council', 'dfe', 'partner')),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table app_user (
      id serial primary key,
      email text not null unique check (email = lower(email)),
      display_name text not null,
      password_hash text not null,
      employer_organisation_id integer references organisation (id),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table membership (
      id serial primary key,
      user_id integer not null references app_user (id) on delete cascade,
      organisation_id integer not null references organisation (id) on delete cascade,
      role text not null,
      created_at timestamptz not null default now(),
      unique (user_id, organisation_id)
    )`.execute(db)
  await sql`create index membership_organisation_idx on membership (organisation_id)`.execute(db)
  await sql`
    create table session (
      sid text primary key,
      data jsonb not null,
      expires_at timestamptz not null
    )`.execute(db)
  await sql`create index session_expires_idx on session (expires_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table session`.execute(db)
  await sql`drop table membership`.execute(db)
  await sql`drop table app_user`.execute(db)
  await sql`drop table organisation`.execute(db)
}
