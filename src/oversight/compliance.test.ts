// The compliance view's rows, counts and CSV, hand-checked; and reading the link form's choice.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { closeProblems } from './tracking-rules.js'
import {
  COMPLIANCE_CSV_HEADER,
  closeProblemField,
  complianceCounts,
  complianceCsvRows,
  complianceRows,
  parseLinkChoice,
  type ComplianceRequirement,
  type EvidenceLink,
} from './compliance.js'
import { toCsv } from '../shared/csv.js'

const TODAY = '2020-06-01'
const req = (id: number, paragraph: string, due_on: string | null, closed_on: string | null = null, note = '') =>
  ({
    id,
    paragraph,
    title: `Requirement ${paragraph}`,
    due_on,
    closed_on,
    closure_note: note,
  }) satisfies ComplianceRequirement
const report: EvidenceLink = { id: 1, type: 'report', label: 'Q1 2020/21 progress report (published)', href: '/r/1' }
const meeting: EvidenceLink = { id: 2, type: 'meeting', label: 'Board, 3 May 2020', href: '/m/2' }
const lateMilestone: EvidenceLink = {
  id: 3,
  type: 'milestone',
  label: 'Audit tool in use (due 1 May 2020)',
  href: '/ms/3',
  milestone: { dueOn: '2020-05-01', completedOn: null },
}

describe('the compliance view', () => {
  const requirements = [
    req(10, '5a', '2020-05-31'), // overdue: due yesterday-ish, no evidence
    req(11, '5b', '2020-06-01'), // due today: not yet overdue; a report linked
    req(12, '6', null, '2020-04-01', 'Minutes show it.'), // met, whatever its links
    req(13, '7', null), // nothing linked
    req(14, '8', null), // linked milestone is late
  ]
  const links = new Map<string, EvidenceLink[]>([
    ['requirement:11', [report]],
    ['requirement:12', [meeting, report]],
    ['requirement:14', [lateMilestone]],
  ])
  const rows = complianceRows(requirements, links, TODAY)

  it('gives each requirement its state in words and its evidence, in the order given', () => {
    assert.deepEqual(
      rows.map((r) => [r.requirement.paragraph, r.label, r.tag, r.evidence.length]),
      [
        ['5a', 'Overdue', 'govuk-tag--red', 0],
        ['5b', 'In progress', 'govuk-tag--blue', 1],
        ['6', 'Met', 'govuk-tag--green', 2],
        ['7', 'No evidence linked', 'govuk-tag--orange', 0],
        ['8', 'Linked action late', 'govuk-tag--red', 1],
      ],
    )
    assert.equal(rows[0]?.tracking.noAction, true, 'overdue and without evidence both hold')
  })

  it('counts each requirement once: a late action is still in progress', () => {
    assert.deepEqual(complianceCounts(rows), { total: 5, met: 1, overdue: 1, noEvidence: 1, inProgress: 2 })
    assert.deepEqual(complianceCounts([]), { total: 0, met: 0, overdue: 0, noEvidence: 0, inProgress: 0 })
  })

  it('writes the CSV with ISO dates and the evidence joined by semicolons', () => {
    assert.equal(
      toCsv(COMPLIANCE_CSV_HEADER, complianceCsvRows(rows.slice(0, 3))),
      'Paragraph,Requirement,Due on,Status,Met on,Evidence,Evidence note\r\n' +
        '5a,Requirement 5a,2020-05-31,Overdue,,,\r\n' +
        '5b,Requirement 5b,2020-06-01,In progress,,Q1 2020/21 progress report (published),\r\n' +
        '6,Requirement 6,,Met,2020-04-01,"Board, 3 May 2020; Q1 2020/21 progress report (published)",Minutes show it.\r\n',
    )
  })
})

describe('the link form’s choice', () => {
  it('reads a type and a positive id', () => {
    assert.deepEqual(parseLinkChoice('milestone:34'), { type: 'milestone', id: 34 })
    assert.deepEqual(parseLinkChoice(' evidence:9 '), { type: 'evidence', id: 9 })
  })

  it('refuses anything a form could not have sent', () => {
    for (const value of [
      '',
      'milestone',
      'milestone:',
      'milestone:0',
      'strand:3',
      'milestone:-4',
      'milestone:3x',
      'x:1:2',
    ]) {
      assert.equal(parseLinkChoice(value), undefined, value)
    }
    assert.equal(parseLinkChoice(['milestone:3']), undefined)
    assert.equal(parseLinkChoice(undefined), undefined)
  })
})

describe('where a closing problem is shown', () => {
  it('sends each of the tracking rules’ problems to its field', () => {
    const requirement = closeProblems({ kind: 'requirement' }, [], '', '2020-06-02', TODAY)
    assert.equal(requirement.length, 3)
    assert.deepEqual(requirement.map(closeProblemField), ['note', 'target', 'closedOn'])
    const finding = closeProblems({ kind: 'finding' }, [], 'Done', TODAY, TODAY)
    assert.deepEqual(finding.map(closeProblemField), ['target'])
    const strength = closeProblems({ kind: 'strength' }, [], 'Done', TODAY, TODAY)
    assert.deepEqual(strength.map(closeProblemField), ['note', 'target'])
  })
})
