// Practice standards' figures, each checked by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  AVERAGE_MONTH_DAYS,
  compliancePercent,
  exceedsMinimum,
  extraVisitsPerMonth,
  extraVisitsWorking,
  formatVisits,
  intervalDays,
  intervalText,
  monthFromKey,
  monthLabel,
  percentText,
  visitsPerMonth,
} from './practice-standard-rules.js'

const weeks = (every: number) => ({ every, unit: 'weeks' as const })
const days = (every: number) => ({ every, unit: 'days' as const })

describe('practice standard intervals', () => {
  it('reads weeks as 7 days and says the interval in words', () => {
    assert.equal(intervalDays(weeks(6)), 42)
    assert.equal(intervalDays(days(14)), 14)
    assert.equal(intervalText(weeks(4)), 'Every 4 weeks')
    assert.equal(intervalText(weeks(1)), 'Every week')
    assert.equal(intervalText(days(10)), 'Every 10 days')
    assert.equal(intervalText(null), 'None')
  })

  it('takes the average month as 365.25 / 12 = 30.4375 days', () => {
    assert.equal(AVERAGE_MONTH_DAYS, 30.4375)
    // 30.4375 / 28 = 1.0870536 visits a month for a child visited every 4 weeks.
    assert.equal(visitsPerMonth(weeks(4)).toFixed(7), '1.0870536')
  })
})

describe('the flag: a local standard beyond the statutory minimum', () => {
  it('flags a shorter local interval only', () => {
    assert.equal(exceedsMinimum(weeks(4), weeks(6)), true, '28 days is shorter than 42')
    assert.equal(exceedsMinimum(days(14), days(28)), true)
    assert.equal(exceedsMinimum(weeks(6), days(42)), false, 'the same interval, written two ways')
    assert.equal(exceedsMinimum(weeks(8), weeks(6)), false, 'less often than the minimum')
    assert.equal(exceedsMinimum(weeks(4), null), false, 'no statutory minimum: nothing to exceed')
  })
})

describe('extra visits a month', () => {
  it('works the example through: 120 children, every 4 weeks against every 6 weeks', () => {
    // 120 x (30.4375/28 - 30.4375/42) = 120 x (1.0870536 - 0.7247024) = 120 x 0.3623512 = 43.482
    const extra = extraVisitsPerMonth(120, weeks(4), weeks(6))
    assert.ok(extra !== null)
    assert.equal(extra.toFixed(3), '43.482')
    assert.equal(formatVisits(extra), '43.5')
    assert.equal(
      extraVisitsWorking(120, weeks(4), weeks(6)),
      '120 on the caseload x (30.4375 days in an average month ÷ 28 days − 30.4375 ÷ 42 days) = 120 x (1.087 − 0.725 a month each) = 43.5 extra visits a month',
    )
  })

  it('works for days: 35 children every 14 days against every 28 days', () => {
    // 35 x (30.4375/14 - 30.4375/28) = 35 x (2.1741071 - 1.0870536) = 35 x 1.0870536 = 38.047
    const extra = extraVisitsPerMonth(35, days(14), days(28))
    assert.equal(extra?.toFixed(3), '38.047')
    assert.equal(formatVisits(extra ?? NaN), '38.0')
  })

  it('rounds to whole visits from 100', () => {
    // 1,000 x 0.3623512 = 362.35 -> 362
    assert.equal(formatVisits(extraVisitsPerMonth(1000, weeks(4), weeks(6))!), '362')
    assert.equal(formatVisits(99.96), '100.0', 'rounded to one place below 100')
  })

  it('is none when the standard does not exceed the minimum, there is no minimum, or no caseload', () => {
    assert.equal(extraVisitsPerMonth(120, weeks(6), weeks(6)), null)
    assert.equal(extraVisitsPerMonth(120, weeks(8), weeks(6)), null)
    assert.equal(extraVisitsPerMonth(120, weeks(4), null), null)
    assert.equal(extraVisitsPerMonth(null, weeks(4), weeks(6)), null)
    assert.equal(extraVisitsWorking(120, weeks(4), null), '')
    assert.equal(extraVisitsPerMonth(0, weeks(4), weeks(6)), 0, 'an empty caseload needs no visits')
  })
})

describe('compliance', () => {
  it('is seen / due as a percentage', () => {
    // 105 of 120 = 0.875 = 87.5%
    assert.equal(compliancePercent(105, 120), 87.5)
    // 2 of 3 = 66.666...% shown as 66.7%
    assert.equal(percentText(compliancePercent(2, 3)), '66.7%')
    assert.equal(compliancePercent(0, 10), 0)
    assert.equal(compliancePercent(5, 0), null, 'none due')
    assert.equal(compliancePercent(null, 10), null, 'not recorded')
    assert.equal(percentText(null), 'Not recorded')
  })
})

describe('months', () => {
  it('reads a month key and says it in words', () => {
    assert.equal(monthFromKey('2026-08'), '2026-08-01')
    for (const bad of ['2026-13', '2026-8', '1999-12', 'new', '2026-08-01'])
      assert.equal(monthFromKey(bad), undefined, bad)
    assert.equal(monthLabel('2026-08-01'), 'August 2026')
  })
})
