// Return paths ("next") that parse to another site once dot segments collapse
// or backslashes turn into slashes; each must end on this site.
export const OFF_SITE = [
  '/.//evil.com/phish',
  '/%2e//evil.com',
  '/..//evil.com',
  '/a/..//evil.com',
  '/./\\evil.com',
  '/.\\/evil.com',
  '/%2e%2e//evil.com',
  '/a/%2e%2e//evil.com/x?y=1',
];
