import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { improvementJourneys, latestJudgements, median, normaliseGrade } from './ofsted.js'

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

  it('takes the median of an odd and an even count, and none of nothing', () => {
    assert.equal(median([90, 30, 43]), 43)
    assert.equal(median([30, 40, 50, 90]), 45)
    assert.equal(median([]), null)
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
