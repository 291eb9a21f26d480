import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dataDate, improvementJourneys, latestJudgements, normaliseGrade, timeToImprove } from './ofsted.js'

const inspection = (area_code: string, started_on: string, published_on: string | null, overall: string | null) => ({
  area_code,
  started_on,
  published_on,
  overall,
})

describe('Ofsted analysis', () => {
  it('reads grades as Ofsted and the scrape write them', () => {
    assert.equal(normaliseGrade('Requires improvement to be good'), 'requires improvement')
    assert.equal(normaliseGrade('requires improvement'), 'requires improvement')
    assert.equal(normaliseGrade('Inadequate'), 'inadequate')
    assert.equal(normaliseGrade('inspection_pre_dates_judgement'), null)
    assert.equal(normaliseGrade(''), null)
  })

  it('times each run of inadequate judgements to the next better one, ignoring visits', () => {
    const journeys = improvementJourneys(
      [
        // Bradford: inadequate 2018 and 2022 (one run), visits, then requires improvement in 2026.
        inspection('380', '2018-09-17', '2018-10-29', 'inadequate'),
        inspection('380', '2024-05-22', '2024-07-12', null),
        inspection('380', '2022-11-21', '2023-01-31', 'inadequate'),
        inspection('380', '2026-01-12', '2026-05-21', 'requires improvement'),
        // A: good, inadequate, good after 30 months, inadequate again and not yet better.
        inspection('A', '2017-01-01', '2017-02-01', 'good'),
        inspection('A', '2019-01-01', '2019-03-01', 'inadequate'),
        inspection('A', '2021-07-01', '2021-09-01', 'good'),
        inspection('A', '2025-01-01', '2025-02-01', 'inadequate'),
        // B: never inadequate.
        inspection('B', '2019-01-01', '2019-02-01', 'requires improvement'),
      ],
      '2026-11-25',
    )
    assert.deepEqual(
      journeys.map((j) => [j.areaCode, j.inadequateOn, j.improvedOn, j.improvedTo, j.months]),
      [
        ['380', '2018-10-29', '2026-05-21', 'requires improvement', 90],
        ['A', '2019-03-01', '2021-09-01', 'good', 30],
        ['A', '2025-02-01', null, null, 21],
      ],
    )
  })

  it('counts councils still inadequate as waiting, at the latest date in the data', () => {
    const inspections = [
      inspection('A', '2019-01-01', '2019-03-01', 'inadequate'),
      inspection('A', '2021-07-01', '2021-09-01', 'good'),
      inspection('B', '2024-01-01', '2024-02-01', 'inadequate'),
      inspection('C', '2025-01-01', null, null),
    ]
    assert.equal(dataDate(inspections), '2025-01-01', 'the latest publication, or start where none is published')
    const journeys = improvementJourneys(inspections, dataDate(inspections)!)
    // A improved after 30 months; B has waited 11 months (1 February 2024 to 1 January 2025).
    const { estimate, within } = timeToImprove(journeys)
    assert.deepEqual(
      estimate.steps.map((s) => [s.time, s.events, s.censored]),
      [
        [11, 0, 1],
        [30, 1, 0],
      ],
    )
    assert.equal(estimate.median, 30)
    assert.deepEqual(within, [
      { months: 24, share: 0 },
      { months: 36, share: 1 },
      { months: 48, share: 1 },
    ])
  })

  it('finds each council’s latest judgement, skipping visits', () => {
    const latest = latestJudgements([
      inspection('380', '2022-11-21', '2023-01-31', 'inadequate'),
      inspection('380', '2025-02-11', '2025-03-13', null),
      inspection('B', '2019-01-01', '2019-02-01', 'good'),
    ])
    assert.deepEqual(
      [...latest.entries()].map(([k, v]) => [k, v.overall]),
      [
        ['380', 'inadequate'],
        ['B', 'good'],
      ],
    )
  })
})
