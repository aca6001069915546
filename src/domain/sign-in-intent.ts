// What a signed-out reader asked for and gets done once signed in: a vote for
// a paper or saving it to the reading list. Written "vote:ID" or "save:ID" in
// a sign-in URL and on the link's token; anything else reads as no intent.
export interface SignInIntent {
  action: 'vote' | 'save';
  paperId: string;
}

const INTENT = /^(vote|save):([\w./-]{1,64})$/;

export function parseIntent(text: string | null | undefined): SignInIntent | null {
  const match = INTENT.exec(text ?? '');
  return match ? { action: match[1] as SignInIntent['action'], paperId: match[2]! } : null;
}

export function intentText(intent: SignInIntent): string {
  return `${intent.action}:${intent.paperId}`;
}
