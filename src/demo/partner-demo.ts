// Partner requests commissioned by the team and by the Board, some answered with evidence attached, and
// partner-owned milestones. Bradford (2022/23): a police and a schools partner beside the health one; a request
// the Board commissioned answered on time with a PDF attached, one the team commissioned answered late, one to
// the police still missing, one to the schools received outside Turnaround; and the off-track milestone on
// health partners joining strategy discussions owned by the designated nurse (a contact of the health
// partnership). Northfield (dated from the day the demo is loaded): to its health partnership, one due this
// quarter that the Board commissioned and the demo partner can answer, one answered with a file, one overdue.
// The names of people are invented.
import { sql } from 'kysely'
import type { Tx } from '../db/connect.js'
import type { PartnerSector } from '../db/database.js'
import { addDays, daysBetween, quarterOf } from '../shared/calendar.js'
import type { DemoContext } from './demo-context.js'

/** A one-page PDF holding the lines given (ASCII), with a correct cross-reference table: a real, small file. */
export function demoPdf(lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`)
  const text = lines.map((line, i) => `BT /F1 11 Tf 56 ${780 - i * 18} Td (${escape(line)}) Tj ET`).join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

async function addPartner(
  trx: Tx,
  councilId: number,
  organisation: { slug: string; name: string; sector: PartnerSector },
): Promise<number> {
  const { id } = await trx
    .insertInto('organisation')
    .values({ slug: organisation.slug, name: organisation.name, kind: 'partner' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('council_partner')
    .values({ council_id: councilId, partner_id: id, sector: organisation.sector })
    .execute()
  return id
}

/** The council's latest Board meeting held on or before a day (undefined when there is none). */
async function meetingBy(trx: Tx, councilId: number, day: string) {
  return trx
    .selectFrom('board_meeting')
    .select(['id', 'held_on'])
    .where('organisation_id', '=', councilId)
    .where('held_on', '<=', day)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

async function strandIdOf(trx: Tx, planId: number, code: string): Promise<number | null> {
  const row = await trx
    .selectFrom('strand')
    .select('id')
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .executeTakeFirst()
  return row?.id ?? null
}

export async function seedPartnerDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await seedBradfordPartners(trx, demo)
  await seedNorthfieldPartners(trx, demo)
}

async function seedBradfordPartners(trx: Tx, demo: DemoContext): Promise<void> {
  const { bradford } = demo
  const council = bradford.organisationId
  const health = bradford.partnerOrganisationId
  const healthName = (
    await trx.selectFrom('organisation').select('name').where('id', '=', health).executeTakeFirstOrThrow()
  ).name
  const police = await addPartner(trx, council, {
    slug: 'west-yorkshire-police',
    name: 'West Yorkshire Police',
    sector: 'police',
  })
  const schools = await addPartner(trx, council, {
    slug: 'bradford-schools-partnership',
    name: 'Bradford schools partnership (fictional)',
    sector: 'education',
  })
  // The Board meeting of November 2022 commissioned two of the requests.
  const board = await meetingBy(trx, council, '2022-12-31')
  const strand = (code: string) => strandIdOf(trx, bradford.planId, code)
  const base = { organisation_id: council, created_by: bradford.userId }
  const evidence = demoPdf([
    'District health partnership: strategy meeting attendance, October to December 2022',
    '',
    'Month        Strategy meetings   Health attended   Share',
    'October            142                 97           68%',
    'November           151                112           74%',
    'December           128                 99           77%',
    '',
    'Action plan: a duty named nurse for every locality from January 2023;',
    'invitations sent to the health safeguarding inbox, checked twice a day.',
    'Demo data for Turnaround: invented figures.',
  ])
  await trx
    .insertInto('partner_request')
    .values([
      {
        ...base,
        partner: healthName,
        partner_organisation_id: health,
        owner_user_id: bradford.partnerUserId,
        description:
          'Health attendance at strategy meetings for children at risk of significant harm, October to December 2022, with the action plan to raise it',
        strand_id: await strand('10'),
        meeting_id: board?.id ?? null,
        requested_on: board ? addDays(board.held_on, 1) : '2022-11-18',
        due_on: '2023-01-13',
        received_on: '2023-01-10',
        response:
          'Health colleagues attended 68% of strategy meetings in October, 74% in November and 77% in December. ' +
          'From January each locality has a duty named nurse, and invitations go to one safeguarding inbox checked ' +
          'twice a day. The figures by month and the action plan are attached.',
        responded_by: bradford.partnerUserId,
        responded_at: new Date('2023-01-10T14:20:00Z'),
        attachment_name: 'strategy-meeting-attendance-Q3.pdf',
        attachment_type: 'application/pdf',
        attachment: evidence,
      },
      {
        ...base,
        partner: healthName,
        partner_organisation_id: health,
        owner_user_id: bradford.partnerUserId,
        description:
          'Initial health assessments for children entering care: the share completed within 20 working days, by month from April to September 2022',
        strand_id: await strand('5'),
        meeting_id: null,
        requested_on: '2022-10-10',
        due_on: '2022-11-15',
        received_on: '2022-12-02',
        response:
          'Between April and September 2022, 41% of initial health assessments were completed within 20 working days ' +
          '(monthly: 35%, 38%, 40%, 44%, 43%, 46%). Delays are mostly in consent reaching us; we have agreed a shared ' +
          'tracker with the children in care service from December.',
        responded_by: bradford.partnerUserId,
        responded_at: new Date('2022-12-02T10:05:00Z'),
      },
      {
        ...base,
        partner: 'West Yorkshire Police',
        partner_organisation_id: police,
        description:
          'Timeliness of police notifications of domestic abuse incidents involving children to the front door, July to December 2022',
        strand_id: await strand('1'),
        meeting_id: board?.id ?? null,
        requested_on: board ? addDays(board.held_on, 1) : '2022-11-18',
        due_on: '2023-01-31',
        received_on: null,
      },
      {
        ...base,
        partner: 'Bradford schools partnership (fictional)',
        partner_organisation_id: schools,
        description: 'Attendance and exclusions of children in care, autumn term 2022, from the schools’ own records',
        strand_id: await strand('5'),
        meeting_id: null,
        requested_on: '2022-12-05',
        due_on: '2023-02-28',
        // Sent to the virtual school by email and marked received by the improvement team.
        received_on: '2023-02-20',
      },
    ])
    .execute()

  // The designated nurse owns the off-track milestone on health partners joining strategy discussions. Their
  // email is not recorded in the demo (so no reminders are addressed to them).
  const nurse = await trx
    .insertInto('contact')
    .values({
      organisation_id: council,
      name: 'Amira Hussain',
      employer: healthName,
      role: 'Designated Nurse, Safeguarding Children',
      email: '',
      partner_organisation_id: health,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const owned = await trx
    .updateTable('milestone')
    .set({ owner_contact_id: nurse.id, owner_user_id: null })
    .where('title', '=', 'Health partners join strategy discussions within agreed timescales')
    .where('status', '=', 'off-track')
    .where('objective_id', 'in', (eb) =>
      eb
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select('objective.id')
        .where('strand.plan_id', '=', bradford.planId),
    )
    .returning('milestone.id')
    .execute()
  // The demo's plan history was recorded before the nurse was added; they owned it from the start, so the
  // records say so too (a report reads the owner the plan recorded at the time).
  for (const { id } of owned) {
    await sql`update plan_record
      set state = jsonb_set(jsonb_set(state, '{owner_contact_id}', to_jsonb(${nurse.id}::int)), '{owner_user_id}', 'null'::jsonb)
      where item_type = 'milestone' and item_id = ${id} and state is not null`.execute(trx)
  }
}

async function seedNorthfieldPartners(trx: Tx, demo: DemoContext): Promise<void> {
  const { northfield, today } = demo
  const council = northfield.organisationId
  const health = northfield.partnerOrganisationId
  const healthName = (
    await trx.selectFrom('organisation').select('name').where('id', '=', health).executeTakeFirstOrThrow()
  ).name
  // The contact who works for the health partnership (src/demo/northfield-people.ts): their milestones are
  // partner-owned.
  await trx
    .updateTable('contact')
    .set({ partner_organisation_id: health })
    .where('organisation_id', '=', council)
    .where('email', '=', 'priya.shah@health.example')
    .execute()

  const quarter = quarterOf(today)
  const board = await meetingBy(trx, council, today)
  const strand = (code: string) => strandIdOf(trx, northfield.planId, code)
  const base = {
    organisation_id: council,
    created_by: northfield.userId,
    partner: healthName,
    partner_organisation_id: health,
  }
  // Due within this quarter, up to two weeks ahead.
  const dueThisQuarter = addDays(today, Math.min(14, daysBetween(today, quarter.end)))
  const answeredOn = addDays(today, -6)
  await trx
    .insertInto('partner_request')
    .values([
      {
        ...base,
        description:
          'Health input to the review of children missing education who are known to health visitors: numbers and what was done, this quarter',
        strand_id: await strand('1'),
        meeting_id: board?.id ?? null,
        requested_on: board && board.held_on < today ? addDays(board.held_on, 1) : addDays(today, -3),
        due_on: dueThisQuarter,
        received_on: null,
      },
      {
        ...base,
        description: 'Number of looked-after children with an up-to-date dental check, by locality',
        strand_id: await strand('2'),
        meeting_id: null,
        requested_on: addDays(today, -30),
        due_on: addDays(today, -2),
        received_on: answeredOn,
        response:
          '87% of looked-after children had a dental check in the last 12 months (North 90%, Central 85%, South 86%). ' +
          'The figures by locality are attached; the South locality has a new community dental clinic from next month.',
        responded_by: northfield.partnerUserId,
        responded_at: new Date(`${answeredOn}T11:30:00Z`),
        attachment_name: 'dental-checks-by-locality.pdf',
        attachment_type: 'application/pdf',
        attachment: demoPdf([
          'Northfield Health and Care Partnership (fictional): dental checks',
          '',
          'Locality     Children   Checked   Share',
          'North           112        101      90%',
          'Central         158        134      85%',
          'South            96         83      86%',
          '',
          'Demo data for Turnaround: invented figures.',
        ]),
      },
      {
        ...base,
        description: 'Health visitor caseloads and vacancies, by team, for the workforce section of the report',
        strand_id: await strand('3'),
        meeting_id: null,
        requested_on: addDays(today, -40),
        due_on: addDays(today, -7),
        received_on: null,
      },
    ])
    .execute()
}
