// whatsapp-web.js's getCountryCode and getFormattedNumber for an E.164 number: the ITU calling
// code (one digit for 1 and 7, two for the codes below, else three), then the national number
// grouped as WhatsApp shows it (`+62 812-8888-8888`).
const TWO_DIGIT = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

export function countryCode(digits: string): string {
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  return TWO_DIGIT.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

export function formattedNumber(digits: string): string {
  const cc = countryCode(digits);
  const rest = digits.slice(cc.length);
  const groups =
    rest.length <= 7
      ? [rest.slice(0, 3), rest.slice(3)]
      : rest.length <= 10
        ? [rest.slice(0, 3), rest.slice(3, 6), rest.slice(6)]
        : [rest.slice(0, 3), rest.slice(3, 7), rest.slice(7)];
  return `+${cc} ${groups.filter(Boolean).join('-')}`;
}
