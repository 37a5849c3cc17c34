// The realtime API end to end with the official JavaScript client (docs/realtime.md, "An example").
//
// Against `make run`:
//   python3 docs/demo_token.py            # prints a refresh_token for the demo adopter
//   cd tests/js && npm ci
//   node realtime_example.mjs http://127.0.0.1:5000 <refresh_token>
//
// It signs in with the refresh token, connects, joins the first of the person's rooms, catches up
// with `sync`, sends a message, and keeps the socket's sign-in alive: before the access token
// expires it gets a fresh one and sends it with `auth`; if the server signs the socket out anyway
// (`signed_out` "expired") or refuses a reconnection, it refreshes and reconnects. Each step is
// printed as one JSON line. RUN_SECONDS (default: run until interrupted) stops it.
import { io } from "socket.io-client";

const [base, firstRefreshToken] = process.argv.slice(2);
const CLIENT_ID = process.env.CLIENT_ID ?? "community-demo";
const RUN_SECONDS = Number(process.env.RUN_SECONDS ?? 0);
const log = (event, data = {}) => console.log(JSON.stringify({ event, ...data }));

// Tokens: each refresh token works once; the answer carries the next one (keep it).
let refreshToken = firstRefreshToken;
async function freshTokens() {
  const response = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: CLIENT_ID }),
  });
  const tokens = await response.json();
  if (!response.ok) throw new Error(`refresh refused: ${tokens.error}`); // sign in again
  refreshToken = tokens.refresh_token;
  return tokens; // {access_token, expires_in, refresh_token, ...}
}

let tokens = await freshTokens();
const rooms = await (await fetch(`${base}/api/v1/rooms`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json();
const roomList = rooms.items ?? rooms; // the {items, next_cursor} envelope, or a plain list
const room = roomList[0]?.id;
if (room === undefined) throw new Error("this person has no room: join a group first");

// The token goes in the auth payload (a function: every reconnection sends the current one).
const socket = io(base, { auth: (cb) => cb({ token: tokens.access_token }), transports: ["websocket"] });
let lastSeq = 0; // the highest seq seen in the room: what to pass to sync

async function catchUp() {
  // Pass back the ack's last_seq, not the seq of the last message you were given: last_seq is how
  // far the server read, and a page can be all messages hidden from you (blocked or muted people).
  for (;;) {
    const page = await socket.timeout(10000).emitWithAck("sync", { room, after_seq: lastSeq });
    if (page.code) throw new Error(`sync refused: ${page.code} ${page.message}`);
    for (const message of page.messages) log("synced", { seq: message.seq, body_html: message.body_html });
    lastSeq = page.last_seq;
    if (!page.has_more) return;
  }
}

let renewal;
function scheduleRenewal(expiresIn) {
  // Renew well before expiry (here at 80% of the token's life): a fresh token, then `auth`.
  clearTimeout(renewal);
  renewal = setTimeout(async () => {
    tokens = await freshTokens();
    const ack = await socket.timeout(10000).emitWithAck("auth", { token: tokens.access_token });
    log("renewed", { ok: ack.ok === true, expires_at: ack.expires_at, code: ack.code });
    scheduleRenewal(tokens.expires_in);
  }, expiresIn * 800);
}

socket.on("connect", async () => {
  log("connected");
  const joined = await socket.timeout(10000).emitWithAck("join", { room });
  log("joined", { room, ok: joined.ok === true, last_seq: joined.last_seq });
  await catchUp();
  scheduleRenewal(tokens.expires_in);
  const ack = await socket.timeout(10000).emitWithAck("send", { room, client_id: `example-${Date.now()}`, body: "Hello from JavaScript" });
  log("sent", { status: ack.status, seq: ack.seq, code: ack.code });
});
socket.on("message", (message) => {
  if (message.seq) lastSeq = Math.max(lastSeq, message.seq);
  log("message", { seq: message.seq, body_html: message.body_html });
});
socket.on("resync", () => catchUp()); // the server's realtime link was interrupted: sync again
socket.on("signed_out", async ({ reason }) => {
  log("signed_out", { reason });
  if (reason !== "expired") return process.exit(1); // signed out or account closed: stop
  tokens = await freshTokens(); // the server disconnects this socket; come back with a new token
  socket.connect();
});
socket.on("connect_error", async (error) => {
  log("connect_error", { message: error.message });
  if (error.message === "authentication required") {
    tokens = await freshTokens();
    socket.connect();
  } // otherwise (503 "unavailable") the client retries by itself with backoff
});

if (RUN_SECONDS) {
  setTimeout(async () => {
    const ack = await socket.timeout(10000).emitWithAck("send", { room, client_id: `example-end-${Date.now()}`, body: "Still here" });
    log("sent", { status: ack.status, seq: ack.seq, code: ack.code });
    socket.disconnect();
    process.exit(0);
  }, RUN_SECONDS * 1000);
}
