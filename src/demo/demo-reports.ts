// Demo reports: partner requests, the Q2 2022/23 report published in November 2022, and a Q3 draft.
// The narrative is our own illustration, not text from the council's reports.
import type { DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { draftContent } from '../reports/report-service.js'

export async function seedDemoReports(
  trx: DbOrTx,
  council: { organisationId: number; name: string },
  strandIds: Map<string, number>,
  userId: number,
  /** The senior leader who approves reports (the demo Director). */
  approverId: number,
): Promise<void> {
  await trx
    .insertInto('partner_request')
    .values([
      {
        organisation_id: council.organisationId,
        partner: 'West Yorkshire Police',
        description: 'Monthly figures on domestic abuse notifications sent to the front door',
        strand_id: strandIds.get('1') ?? null,
        requested_on: '2022-09-15',
        due_on: '2022-11-30',
        received_on: null,
        created_by: userId,
      },
      {
        organisation_id: council.organisationId,
        partner: 'Health partners',
        description: 'Attendance at strategy meetings for children in need of protection',
        strand_id: strandIds.get('10') ?? null,
        requested_on: '2022-09-15',
        due_on: '2022-11-30',
        received_on: '2022-11-25',
        created_by: userId,
      },
    ])
    .execute()

  // The cover every Bradford report carries: the Board it goes to and the roles behind it.
  const cover = {
    board_name: 'Children’s Services Improvement Board',
    author_role: 'Head of Improvement and Performance',
    accountable_role: 'Strategic Director, Children’s Services',
    purpose: 'assurance' as const,
    marking: 'OFFICIAL' as const,
  }
  const q2 = await trx
    .insertInto('report')
    .values({
      organisation_id: council.organisationId,
      quarter_start: '2022-07-01',
      ...cover,
      meeting_on: '2022-11-17',
      submitted_by: userId,
      submitted_at: new Date('2022-11-03T10:00:00Z'),
      approved_by: approverId,
      approved_at: new Date('2022-11-08T10:00:00Z'),
      status: 'approved',
      summary: 'The new front door model is in place and the first data suggest fewer repeat referrals.',
      recommendations: 'Note the progress; ask partners for the missing front door data.',
      decisions: 'Agree the revised workforce targets.',
      created_by: userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const content = await draftContent(trx, council, q2)
  await trx
    .updateTable('report')
    .set({
      status: 'published',
      snapshot: jsonb(content),
      published_by: userId,
      published_at: new Date('2022-11-10T10:00:00Z'),
      // Its public edition, for scrutiny councillors and the public.
      public_by: userId,
      public_at: new Date('2022-11-18T10:00:00Z'),
    })
    .where('id', '=', q2.id)
    .execute()

  await trx
    .insertInto('report')
    .values({
      organisation_id: council.organisationId,
      quarter_start: '2022-10-01',
      ...cover,
      meeting_on: '2023-02-16',
      summary: 'Contacts at the front door are now handled by conversation; re-referrals are falling.',
      created_by: userId,
    })
    .execute()
}

/**
 * Draws each published report of the council again from everything now loaded for its quarter (the Board's
 * record, the risk register, partners' answers are seeded after the reports they belong with), as it would
 * have been drawn on the day it was published.
 */
export async function redrawPublishedDemoReports(trx: Tx, council: { organisationId: number; name: string }) {
  const published = await trx
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', council.organisationId)
    .where('status', '=', 'published')
    .orderBy('quarter_start')
    .execute()
  for (const report of published) {
    const content = await draftContent(trx, council, report)
    await trx
      .updateTable('report')
      .set({ snapshot: jsonb(content) })
      .where('id', '=', report.id)
      .execute()
  }
}
