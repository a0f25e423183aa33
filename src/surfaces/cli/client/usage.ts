// Help texts of the client commands (`wagate <command> --help`).

const CONNECTION = `
Connection (every command):
  --url URL       the server (default WAGATE_URL, else http://127.0.0.1:3000)
  --token TOKEN   a personal access token or session key (default WAGATE_TOKEN)
  --json          print JSON for scripts instead of text`;

export const CLIENT_USAGE: Record<string, string> = {
  sessions: `Usage: wagate sessions <list|status|link|logout> [NAME] [options]

  list                    the sessions the token can see
  status NAME             one session (id or name) and its linked number
  link NAME               create NAME if needed, connect it and draw its QR here (redrawn when it
                          rotates) until the phone scans it; --json prints one JSON event per line
      --phone NUMBER      link with a pairing code for this number instead of a QR
      --timeout SECONDS   give up after this long (default 300)
  logout NAME             unlink the session from WhatsApp${CONNECTION}`,
  send: `Usage: wagate send SESSION --to NUMBER (--text TEXT | --image URL | --video URL | --audio URL | --document URL) [options]

Queues a message on SESSION (id or name) for NUMBER (international format, or a chat id).
  --caption TEXT          caption for an image, video or document
  --file-name NAME        the name a document is shown with
  --idempotency-key KEY   retrying with the same key never sends twice
  --wait                  wait until WhatsApp has the message (status sent or later) and show its progress${CONNECTION}`,
  tokens: `Usage: wagate tokens <list|create|revoke> [options]

Personal access tokens of the account (needs a personal access token).
  list                    the unrevoked tokens (never their values)
  create --name NAME      a new token, printed once
  revoke ID               revoke a token at once (pat_…)${CONNECTION}`,
  webhooks: `Usage: wagate webhooks <list|test|replay> [options]

  list                    the webhook subscriptions
  test ID                 send a test event to subscription ID (whk_…)
  replay EVENT_ID         deliver a past event again (--webhook ID: only to that subscription)
  replay --from ISO --to ISO [--webhook ID]
                          deliver every event of a time range again${CONNECTION}`,
};
