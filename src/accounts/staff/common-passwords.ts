/**
 * Passwords of 12 characters or more that top the public breach lists, plus Dutch school
 * favourites. Compared lowercased. Short ones are not listed: the length rule refuses them.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1q2w3e4r5t6y', 'qwertyuiop12',
  'qwertyuiopasdf', 'qwerty123456', 'qwertyuiop123', 'azertyuiop12', 'password1234', 'password12345',
  'password123!', 'passwordpassword', 'welcome12345', 'welkom123456', 'welkomwelkom', 'wachtwoord12',
  'wachtwoord123', 'wachtwoord1234', 'wachtwoord!!', 'wachtwoordwachtwoord', 'iloveyou1234', 'abcdefghijkl',
  'abcdef123456', 'abc123abc123', '111111111111', '000000000000', 'aaaaaaaaaaaa', 'letmein12345',
  'administrator', 'administrator1', 'changeme1234', 'football1234', 'monkey123456', 'sunshine1234',
  'princess1234', 'basisschool1', 'basisschool123', 'leerkracht123', 'juf123456789', 'meester123456',
  'schooljaar2025', 'schooljaar2026', 'zomer2025zomer', 'voorjaar2026', 'leerpoort123', 'leerpoort1234',
  'lente2026lente', 'nederland123', 'nederland1234', 'amsterdam123', 'rotterdam123', 'feyenoord123',
  'ajaxajaxajax', 'ajax12345678', 'psv123456789', 'onderwijs123', 'onderwijs1234', 'ictcoordinator',
]);
