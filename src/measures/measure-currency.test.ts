import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { currencyOn, currentUntil } from './measure-currency.js'

// Hand-checked: a figure is current until the end of the following period plus the reporting lag.
describe('whether a latest figure is current', () => {
  it('keeps a monthly figure current until a month after the next month ends', () => {
    // Nov 2022: December ends 31 Dec, plus one month: 31 Jan 2023.
    assert.equal(currentUntil('2022-11-01', 'monthly'), '2023-01-31')
    assert.equal(currencyOn('2022-11-01', 'monthly', '2022-12-31').current, true)
    // Oct 2022: November's figure was due by 31 Dec, so Oct is current on that day and not after.
    assert.equal(currentUntil('2022-10-01', 'monthly'), '2022-12-31')
    assert.equal(currencyOn('2022-10-01', 'monthly', '2022-12-31').current, true)
    assert.equal(currencyOn('2022-10-01', 'monthly', '2023-01-01').current, false)
    assert.equal(currencyOn('2022-09-01', 'monthly', '2022-12-31').current, false, 'Sep was stale by 31 Dec')
  })

  it('keeps a quarterly figure current until three months after the next quarter ends', () => {
    // Q2 2022/23 (Jul-Sep): Q3 ends 31 Dec, plus three months: 31 Mar 2023.
    assert.equal(currentUntil('2022-07-01', 'quarterly'), '2023-03-31')
    assert.equal(currencyOn('2022-04-01', 'quarterly', '2022-12-31').current, true, 'Q1 still current at Q3 end')
    assert.equal(currencyOn('2022-04-01', 'quarterly', '2023-01-01').current, false)
  })

  it('keeps an annual figure current until eight months after the next year ends', () => {
    // 2021/22: 2022/23 ends 31 Mar 2023, plus eight months: 30 Nov 2023.
    assert.equal(currentUntil('2021-04-01', 'annual'), '2023-11-30')
    assert.equal(currencyOn('2021-04-01', 'annual', '2023-09-30').current, true)
    assert.equal(currencyOn('2021-04-01', 'annual', '2023-12-31').current, false)
  })

  it('says in words why a figure is not current, and that there is none', () => {
    // The workforce case in the issue: November 2021 shown in the quarter to December 2022.
    assert.deepEqual(currencyOn('2021-11-01', 'monthly', '2022-12-31'), {
      latestLabel: 'Nov 2021',
      current: false,
      note: 'Latest figure is for Nov 2021; a newer one was due by 31 January 2022',
    })
    assert.deepEqual(currencyOn(null, 'monthly', '2022-12-31'), {
      latestLabel: null,
      current: false,
      note: 'No figures recorded',
    })
  })
})
