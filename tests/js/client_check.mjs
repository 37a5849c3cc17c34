// Connect with the official client as docs/realtime.md says, join a room, send, receive, sync.
// Usage: node client_check.mjs URL TOKEN_A TOKEN_B ROOM  -> prints one JSON line with what happened.
import { io } from "socket.io-client";

const [url, tokenA, tokenB, room] = process.argv.slice(2);
const connect = (token) =>
  new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (err) => reject(err));
  });

const refused = await connect("not-a-token").then(() => false, (err) => err.message);
const a = await connect(tokenA);
const b = await connect(tokenB);
const received = new Promise((resolve) => b.on("message", resolve));
const joinA = await a.timeout(5000).emitWithAck("join", { room: Number(room) });
const joinB = await b.timeout(5000).emitWithAck("join", { room: Number(room) });
const ack = await a.timeout(5000).emitWithAck("send", { room: Number(room), client_id: "js-1", body: "hello from JavaScript" });
const message = await Promise.race([received, new Promise((r) => setTimeout(() => r(null), 5000))]);
const sync = await b.timeout(5000).emitWithAck("sync", { room: Number(room), after_seq: 0 });
const bad = await a.timeout(5000).emitWithAck("send", { room: Number(room) });
console.log(JSON.stringify({ refused, joinA, joinB, ack, message, syncCount: sync.messages.length, bad }));
a.disconnect();
b.disconnect();
