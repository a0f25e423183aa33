/** A tenant. Everything else (tokens, sessions, messages) belongs to exactly one account. */
export interface Account {
  id: string;
  name: string;
  createdAt: string;
}
