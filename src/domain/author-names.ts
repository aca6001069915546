// Author names as one person's: the key that folds case, accents and
// punctuation ("José García-López", "JOSE GARCIA LOPEZ"), and the conservative
// rule that joins initials to a full name (docs/ARCHITECTURE.md, "Author
// pages"): "J. García" is José García's only when no other full name in the
// hub has the surname García and given names starting with J.
const MARKS = /\p{M}/gu;
const NOT_NAME = /[^\p{L}\p{N}]+/gu;
/** Names longer than this are cut before keying: a name field can hold anything. */
export const MAX_NAME_CHARS = 200;

/** The folded name: lower case, no accents, words separated by single spaces ("" when nothing is left). */
export function nameKey(name: string): string {
  return name.slice(0, MAX_NAME_CHARS).normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_NAME, ' ').trim();
}

/** The last word of a key: what variants of one name share. */
export function surnameOf(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

/** The first letters of the given names ("jose maria garcia" → "jm"). */
function initialsOf(key: string): string {
  const words = key.split(' ');
  return words
    .slice(0, -1)
    .map((word) => word[0])
    .join('');
}

/** Given names written as initials only ("j garcia", "j m garcia"). */
export function isInitialsOnly(key: string): boolean {
  const words = key.split(' ');
  return words.length > 1 && words.slice(0, -1).every((word) => word.length === 1);
}

/** Initials that could stand for a full name's given names: the same letters, or its first letter alone. */
function initialsFit(initialsKey: string, fullKey: string): boolean {
  const [given, full] = [initialsOf(initialsKey), initialsOf(fullKey)];
  return given === full || given === full[0];
}

/**
 * The keys that name the same person as `key`, among the keys in the hub with its surname:
 * itself, and initials joined to a full name when that full name is the only one they fit.
 */
export function sameAuthorKeys(key: string, knownKeys: readonly string[]): string[] {
  const surname = surnameOf(key);
  const keys = [...new Set(knownKeys.filter((known) => surnameOf(known) === surname))];
  const fullNames = keys.filter((known) => !isInitialsOnly(known));
  if (isInitialsOnly(key)) {
    const fitting = fullNames.filter((full) => initialsFit(key, full));
    return fitting.length === 1 ? sameAuthorKeys(fitting[0]!, keys) : [key];
  }
  const initialForms = keys.filter(
    (known) => isInitialsOnly(known) && initialsFit(known, key) && fullNames.filter((full) => initialsFit(known, full)).length === 1,
  );
  return [key, ...initialForms];
}
