// People and reporting rounds. Owners become people: a user of the council or a named external contact
// (the old free text stays as the role label, so "Unassigned (was: Head of Service)" loses nothing).
// Reporting rounds give a quarter's updates their deadlines and lock; returns record who updated what.
// An outbox holds every email until it is sent (it survives restarts); account tokens carry invitations
// and password resets; people choose which non-essential mail they receive.
import { sql, type Kysely } from 'kysely'

const OWNED = ['objective', 'milestone', 'measure', 'partner_request'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contact (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      name text not null,
      employer text not null default '',
      role text not null default '',
      email text not null,
      created_at timestamptz not null default now(),
      unique (organisation_id, email)
    )`.execute(db)

  // The strand already has its lead as a user; it gains a lead who is a contact.
  await sql`
    alter table strand
      add column lead_contact_id integer references contact (id) on delete set null,
      add constraint strand_one_lead check (lead_user_id is null or lead_contact_id is null)`.execute(db)
  await sql`alter table objective add column owner text not null default ''`.execute(db)
  for (const table of OWNED) {
    await sql`
      alter table ${sql.table(table)}
        add column owner_user_id integer references app_user (id) on delete set null,
        add column owner_contact_id integer references contact (id) on delete set null,
        add constraint ${sql.id(`${table}_one_owner`)} check (owner_user_id is null or owner_contact_id is null)`.execute(
      db,
    )
  }
  // A request goes to a partner organisation (whose people see it) and is answered there.
  await sql`
    alter table partner_request
      add column partner_organisation_id integer references organisation (id) on delete set null,
      add column response text not null default '',
      add column responded_by integer references app_user (id) on delete set null,
      add column responded_at timestamptz`.execute(db)

  await sql`
    create table reporting_round (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      quarter_start date not null,
      data_cutoff_on date not null,
      updates_due_on date not null,
      commentary_due_on date not null,
      locks_on date not null,
      reminder_days integer not null default 3 check (reminder_days between 0 and 28),
      opened_by integer references app_user (id) on delete set null,
      opened_at timestamptz not null default now(),
      locked_at timestamptz,
      unlocked_at timestamptz,
      unlocked_by integer references app_user (id) on delete set null,
      unlock_reason text not null default '',
      unique (organisation_id, quarter_start),
      check (data_cutoff_on <= updates_due_on),
      check (updates_due_on < commentary_due_on),
      check (commentary_due_on <= locks_on)
    )`.execute(db)
  await sql`
    create table round_return (
      id serial primary key,
      round_id integer not null references reporting_round (id) on delete cascade,
      item_type text not null check (item_type in ('milestone', 'objective', 'measure', 'strand', 'partner-request')),
      item_id integer not null,
      user_id integer references app_user (id) on delete set null,
      returned_at timestamptz not null default now(),
      note text not null default '',
      unique (round_id, item_type, item_id)
    )`.execute(db)

  await sql`
    create table outbox_message (
      id serial primary key,
      organisation_id integer references organisation (id) on delete set null,
      to_user_id integer references app_user (id) on delete set null,
      to_email text not null,
      category text not null check (category in ('essential', 'reminder', 'notice', 'digest')),
      template text not null,
      subject text not null,
      body text not null,
      dedupe_key text unique,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'suppressed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text not null default '',
      transport text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db)
  await sql`create index outbox_message_due on outbox_message (next_attempt_at) where status = 'pending'`.execute(db)
  await sql`create index outbox_message_to_user on outbox_message (to_user_id, created_at)`.execute(db)

  await sql`
    create table account_token (
      id serial primary key,
      user_id integer not null references app_user (id) on delete cascade,
      purpose text not null check (purpose in ('invitation', 'password-reset')),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    alter table app_user
      add column password_changed_at timestamptz,
      add column mail_reminders boolean not null default true,
      add column mail_notices boolean not null default true,
      add column mail_digest boolean not null default true`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      drop column password_changed_at, drop column mail_reminders, drop column mail_notices,
      drop column mail_digest`.execute(db)
  await sql`drop table account_token`.execute(db)
  await sql`drop table outbox_message`.execute(db)
  await sql`drop table round_return`.execute(db)
  await sql`drop table reporting_round`.execute(db)
  await sql`
    alter table partner_request
      drop column partner_organisation_id, drop column response, drop column responded_by,
      drop column responded_at`.execute(db)
  for (const table of OWNED) {
    await sql`alter table ${sql.table(table)} drop column owner_user_id, drop column owner_contact_id`.execute(db)
  }
  await sql`alter table objective drop column owner`.execute(db)
  await sql`alter table strand drop column lead_contact_id`.execute(db)
  await sql`drop table contact`.execute(db)
}
