// Who is asking: a signed-in reader's account and whether they are an admin
// (ADMIN_EMAILS). Every feature that decides by reader takes a Viewer.
export interface Account {
  id: number;
  email: string;
  createdAt: string;
}

/** An address as accounts are keyed by it: "Jane@Example.org " is jane@example.org. */
export const emailKey = (raw: string): string => raw.trim().toLowerCase();

export interface Viewer {
  account: Account;
  isAdmin: boolean;
  /** The reader reads lists in the compact view (title, authors, counts). */
  compactLists: boolean;
}
