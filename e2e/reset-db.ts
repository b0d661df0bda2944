// Recreates the e2e database before the app under test starts (refuses non-local hosts).
import pg from "pg";

const url = new URL(process.env.DATABASE_URL ?? "");
if (!["127.0.0.1", "localhost", "::1"].includes(url.hostname)) throw new Error(`Refusing to reset a non-local database (${url.hostname}).`);
const name = url.pathname.slice(1);
if (!/^latch_e2e\w*$/.test(name)) throw new Error(`Refusing to reset "${name}": e2e databases are named latch_e2e*.`);
url.pathname = "/postgres";
const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
