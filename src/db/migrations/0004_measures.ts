import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table measure (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      code text not null,
      name text not null,
      definition text not null default '',
      unit text not null check (unit in ('count', 'percent', 'days', 'ratio', 'money')),
      polarity text not null check (polarity in ('higher', 'lower', 'neutral')),
      frequency text not null check (frequency in ('monthly', 'quarterly', 'annual')),
      source text not null default '',
      owner text not null default '',
      valid_min double precision,
      valid_max double precision,
      decimals integer not null default 1 check (decimals between 0 and 4),
      vital_sign text check (vital_sign in ('workforce', 'demand')),
      formula jsonb,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, code)
    )`.execute(db)
  await sql`
    create table measure_strand (
      measure_id integer not null references measure (id) on delete cascade,
      strand_id integer not null references strand (id) on delete cascade,
      primary key (measure_id, strand_id)
    )`.execute(db)
  await sql`
    create table measure_objective (
      measure_id integer not null references measure (id) on delete cascade,
      objective_id integer not null references objective (id) on delete cascade,
      primary key (measure_id, objective_id)
    )`.execute(db)
  await sql`
    create table measure_value (
      id serial primary key,
      measure_id integer not null references measure (id) on delete cascade,
      period date not null,
      value double precision not null,
      note text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (measure_id, period)
    )`.execute(db)
  // Targets change over time; every one is kept. The one in force is the latest set.
  await sql`
    create table measure_target (
      id serial primary key,
      measure_id integer not null references measure (id) on delete cascade,
      value double precision not null,
      target_date date,
      note text not null default '',
      set_by integer references app_user (id) on delete set null,
      set_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index measure_target_measure_idx on measure_target (measure_id, set_at)`.execute(db)
  await sql`
    create table measure_benchmark (
      id serial primary key,
      measure_id integer not null references measure (id) on delete cascade,
      kind text not null check (kind in ('england', 'statistical-neighbours', 'region', 'comparator')),
      comparator text not null default '',
      period date not null,
      value double precision not null,
      source text not null default '',
      unique (measure_id, kind, comparator, period)
    )`.execute(db)
  await sql`
    create table measure_rebaseline (
      id serial primary key,
      measure_id integer not null references measure (id) on delete cascade,
      from_period date not null,
      reason text not null,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (measure_id, from_period)
    )`.execute(db)
  await sql`
    create table import_batch (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in ('values', 'benchmarks')),
      filename text not null,
      rows jsonb not null,
      uploaded_by integer references app_user (id) on delete set null,
      status text not null default 'pending' check (status in ('pending', 'applied', 'discarded')),
      created_at timestamptz not null default now(),
      applied_at timestamptz
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'import_batch',
    'measure_rebaseline',
    'measure_benchmark',
    'measure_target',
    'measure_value',
    'measure_objective',
    'measure_strand',
    'measure',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
}
