import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addDays,
  addMonths,
  daysBetween,
  inQuarter,
  monthsBetween,
  nextPeriod,
  periodEnd,
  periodLabel,
  periodRange,
  quarterOf,
  quartersBetween,
} from './calendar.js'

describe('financial quarters', () => {
  it('knows each quarter from any day in it, with its end and label', () => {
    assert.deepEqual(quarterOf('2022-10-01'), { start: '2022-10-01', end: '2022-12-31', label: 'Q3 2022/23' })
    assert.deepEqual(quarterOf('2022-11-17'), { start: '2022-10-01', end: '2022-12-31', label: 'Q3 2022/23' })
    assert.deepEqual(quarterOf('2023-01-01'), { start: '2023-01-01', end: '2023-03-31', label: 'Q4 2022/23' })
    assert.deepEqual(quarterOf('2023-03-31'), { start: '2023-01-01', end: '2023-03-31', label: 'Q4 2022/23' })
    assert.equal(quarterOf('2024-02-29').end, '2024-03-31')
    assert.deepEqual(quarterOf('2023-04-01'), { start: '2023-04-01', end: '2023-06-30', label: 'Q1 2023/24' })
    assert.equal(quarterOf('1999-12-31').label, 'Q3 1999/00')
  })

  it('says whether a date falls in a quarter, its first and last days included', () => {
    const q3 = quarterOf('2022-10-01')
    assert.ok(inQuarter('2022-10-01', q3))
    assert.ok(inQuarter('2022-12-31', q3))
    assert.ok(!inQuarter('2023-01-01', q3))
    assert.ok(!inQuarter('2022-09-30', q3))
  })

  it('lists the quarters between two dates, newest first', () => {
    assert.deepEqual(
      quartersBetween('2022-05-10', '2023-01-02').map((q) => q.label),
      ['Q4 2022/23', 'Q3 2022/23', 'Q2 2022/23', 'Q1 2022/23'],
    )
    assert.deepEqual(quartersBetween('2023-05-10', '2023-01-02'), [])
  })
})

describe('adding months', () => {
  it('keeps the day of the month, or takes the month’s last day when it is shorter', () => {
    assert.equal(addMonths('2018-12-04', 6), '2019-06-04')
    assert.equal(addMonths('2019-08-31', 6), '2020-02-29', 'leap year: 29 February')
    assert.equal(addMonths('2021-08-31', 6), '2022-02-28')
    assert.equal(addMonths('2020-11-15', 3), '2021-02-15', 'across a year end')
    assert.equal(addMonths('2021-03-10', -4), '2020-11-10', 'backwards')
    assert.equal(addMonths('2020-01-31', 0), '2020-01-31')
  })
})

describe('days and months between dates', () => {
  it('counts days, across a leap day and a clock change', () => {
    assert.equal(daysBetween('2022-10-01', '2022-12-31'), 91)
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2)
    assert.equal(daysBetween('2023-03-25', '2023-03-27'), 2)
    assert.equal(daysBetween('2023-01-10', '2023-01-01'), -9)
    assert.equal(addDays('2024-02-28', 2), '2024-03-01')
    assert.equal(addDays('2023-01-01', -1), '2022-12-31')
  })

  it('counts whole months, a month once its day is reached', () => {
    assert.equal(monthsBetween('2018-10-29', '2026-05-21'), 90)
    assert.equal(monthsBetween('2020-01-31', '2020-02-29'), 0)
    assert.equal(monthsBetween('2020-01-15', '2020-02-15'), 1)
  })
})

describe('periods', () => {
  it('labels periods for people', () => {
    assert.equal(periodLabel('2018-08-01', 'monthly'), 'Aug 2018')
    assert.equal(periodLabel('2022-10-01', 'quarterly'), 'Q3 2022/23')
    assert.equal(periodLabel('2023-01-01', 'quarterly'), 'Q4 2022/23')
    assert.equal(periodLabel('2024-04-01', 'annual'), '2024/25')
    assert.equal(periodLabel('1999-04-01', 'annual'), '1999/00')
  })

  it('knows the last day of each period', () => {
    assert.equal(periodEnd('2021-11-01', 'monthly'), '2021-11-30')
    assert.equal(periodEnd('2024-02-01', 'monthly'), '2024-02-29')
    assert.equal(periodEnd('2023-01-01', 'quarterly'), '2023-03-31')
    assert.equal(periodEnd('2024-04-01', 'annual'), '2025-03-31')
  })

  it('steps across year ends, and lists a range with its gaps', () => {
    assert.equal(nextPeriod('2018-12-01', 'monthly'), '2019-01-01')
    assert.equal(nextPeriod('2022-10-01', 'quarterly'), '2023-01-01')
    assert.equal(nextPeriod('2024-04-01', 'annual'), '2025-04-01')
    assert.deepEqual(periodRange('2018-11-01', '2019-02-01', 'monthly'), [
      '2018-11-01',
      '2018-12-01',
      '2019-01-01',
      '2019-02-01',
    ])
    assert.deepEqual(periodRange('2019-02-01', '2018-11-01', 'monthly'), [])
  })
})
