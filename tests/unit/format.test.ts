import { areaFromCenti, maskPhone, parseAreaCenti, placeLabel } from '../../types/format'

test.each([
  ['89.5', 8950],
  ['89.50', 8950],
  ['120', 12000],
  [' 66.07 ', 6607],
  ['0.01', 1],
])('area %p is %p hundredths of a m²', (text, centi) => {
  expect(parseAreaCenti(text)).toBe(centi)
})

test.each(['', 'abc', '-3', '1.234', '0', '0.00', '1e3', '12,5'])('area %p is rejected', (text) => {
  expect(parseAreaCenti(text)).toBeNull()
})

test('hundredths go back to m² without drift', () => {
  expect(areaFromCenti(8950)).toBe(89.5)
  expect(areaFromCenti(6607)).toBe(66.07)
})

test('phones are masked to the first three and last four digits', () => {
  expect(maskPhone('13812341234')).toBe('138****1234')
  expect(maskPhone('123')).toBe('****')
})

test('a home is labelled building, unit and room, compact or spaced', () => {
  const home = { building: '1号楼', unit: '1', room: '301' }
  expect(placeLabel(home)).toBe('1号楼1单元301')
  expect(placeLabel(home, { spaced: true })).toBe('1号楼 1单元 301')
})
